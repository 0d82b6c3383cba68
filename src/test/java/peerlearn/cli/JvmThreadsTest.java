package peerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmThreadsTest {
    @Test
    void threadsAreSortedByTheRoleTheirNameGives() {
        assertEquals(JvmThreads.COMPILER, JvmThreads.role("C2 CompilerThre"));
        assertEquals(JvmThreads.COMPILER, JvmThreads.role("C1 CompilerThre"));
        assertEquals(JvmThreads.COLLECTOR, JvmThreads.role("GC Thread#1"));
        assertEquals(JvmThreads.COLLECTOR, JvmThreads.role("VM Thread"));
        assertEquals(JvmThreads.CARRIER, JvmThreads.role("ForkJoinPool-1-worker-2"));
        assertEquals(JvmThreads.OTHER, JvmThreads.role("ForkJoinPool.commonPool-worker-1"));
        assertEquals(JvmThreads.OTHER, JvmThreads.role("VM Periodic Tas"));
        assertEquals(JvmThreads.OTHER, JvmThreads.role("java"));
    }

    @Test
    void timesAreSummedPerRoleOverTheThreadsAliveAtTheEnd() {
        // tid → {role, ns on a core, ns waiting for one}
        JvmThreads before = new JvmThreads(Map.of(1L, new long[] {JvmThreads.COMPILER, 100, 5},
                2L, new long[] {JvmThreads.CARRIER, 50, 0}, 3L, new long[] {JvmThreads.COLLECTOR, 10, 1}));
        JvmThreads after = new JvmThreads(Map.of(1L, new long[] {JvmThreads.COMPILER, 150, 7},
                2L, new long[] {JvmThreads.CARRIER, 80, 4}, 4L, new long[] {JvmThreads.CARRIER, 20, 3}));
        long[][] d = after.since(before);
        assertArrayEquals(new long[] {50, 2}, d[JvmThreads.COMPILER]);
        assertArrayEquals(new long[] {30 + 20, 4 + 3}, d[JvmThreads.CARRIER], "a thread started in between counts from zero");
        assertArrayEquals(new long[] {0, 0}, d[JvmThreads.COLLECTOR], "a thread that ended in between is left out");
        assertArrayEquals(new long[] {0, 0}, d[JvmThreads.OTHER]);
    }
}

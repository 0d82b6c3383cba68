package peerlearn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's own threads by role, read from Linux's {@code /proc/self/task/<tid>}
 * ({@code comm} names the thread, {@code schedstat} gives nanoseconds on a core and nanoseconds
 * ready but waiting for one): the JIT compiler threads, the collector's (and VM) threads, and the
 * virtual-thread carriers. Unlike the management beans' elapsed collection and compilation times,
 * these do not grow when other processes keep the threads off the cores. Empty where there is no
 * such file system.
 */
record JvmThreads(Map<Long, long[]> byTid) {
    static final int COMPILER = 0, COLLECTOR = 1, CARRIER = 2, OTHER = 3;

    /** The current times: tid → {role, ns on a core, ns waiting for a core}. */
    static JvmThreads now() {
        Map<Long, long[]> m = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim();
                    String[] s = Files.readString(t.resolve("schedstat")).trim().split("\\s+");
                    m.put(Long.parseLong(t.getFileName().toString()),
                            new long[] {role(comm), Long.parseLong(s[0]), Long.parseLong(s[1])});
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read: its last interval is lost, a small undercount
                }
            }
        } catch (IOException e) {
            return new JvmThreads(Map.of());
        }
        return new JvmThreads(m);
    }

    boolean available() {
        return !byTid.isEmpty();
    }

    static int role(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return COMPILER;
        }
        if (comm.startsWith("GC Thread") || comm.equals("VM Thread")) {
            return COLLECTOR;
        }
        return comm.startsWith("ForkJoinPool-") ? CARRIER : OTHER; // the virtual-thread scheduler's workers
    }

    /**
     * Per role, {ns on a core, ns waiting for one} since {@code before}, over the threads alive
     * now (a thread that ended in between loses its last interval).
     */
    long[][] since(JvmThreads before) {
        long[][] d = new long[4][2];
        for (var e : byTid.entrySet()) {
            long[] now = e.getValue(), then = before.byTid.getOrDefault(e.getKey(), new long[] {now[0], 0, 0});
            d[(int) now[0]][0] += now[1] - then[1];
            d[(int) now[0]][1] += now[2] - then[2];
        }
        return d;
    }
}

package peerlearn.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.rng.Rng;

class BatchStreamTest {
    /** Sample i has the single feature value i, so a batch shows which samples it holds. */
    private static Dataset numbered(int n) {
        float[] f = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = i;
        }
        return Dataset.classification("numbered", new int[] {1}, f, y, 1);
    }

    private static List<Integer> epoch(BatchStream s) {
        List<Integer> seen = new ArrayList<>();
        do {
            Batch b = s.next();
            for (int k = 0; k < b.size(); k++) {
                seen.add((int) b.x()[k]);
            }
        } while (!s.epochEnded());
        return seen;
    }

    @Test
    void everyEpochVisitsEachSampleOnceWithAShorterLastBatch() {
        int[] mine = {3, 5, 7, 11, 13, 17, 19};
        BatchStream s = new BatchStream(numbered(20), mine, 3, new Rng(1));
        assertEquals(3, s.batchesPerEpoch());
        List<Integer> first = epoch(s);
        assertEquals(List.of(3, 5, 7, 11, 13, 17, 19), first.stream().sorted().toList());
        assertEquals(3, s.next().size()); // a new epoch starts with a full batch
        assertEquals(1, s.epoch());
    }

    @Test
    void epochsAreReshuffledAndTheBatchIsReused() {
        BatchStream s = new BatchStream(numbered(50), AnalyticObjectiveTest.range(50), 50, new Rng(2));
        Batch first = s.next();
        float[] a = first.x().clone();
        Batch second = s.next();
        assertSame(first, second);
        assertFalse(java.util.Arrays.equals(a, second.x()));
    }

    @Test
    void sameStreamSameOrder() {
        var a = epoch(new BatchStream(numbered(30), AnalyticObjectiveTest.range(30), 4, Rng.stream(9, 2, "batches")));
        var b = epoch(new BatchStream(numbered(30), AnalyticObjectiveTest.range(30), 4, Rng.stream(9, 2, "batches")));
        var c = epoch(new BatchStream(numbered(30), AnalyticObjectiveTest.range(30), 4, Rng.stream(9, 3, "batches")));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.size() == 30);
        assertArrayEquals(a.stream().sorted().mapToInt(Integer::intValue).toArray(), AnalyticObjectiveTest.range(30));
    }
}

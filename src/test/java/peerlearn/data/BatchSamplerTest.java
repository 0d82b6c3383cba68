package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.testkit.DataGenerators;

class BatchSamplerTest {
    static final Dataset DATA = DataGenerators.cyclic("d", 20, 4);
    static final int[] MINE = {3, 5, 7, 11, 13, 17, 19};

    /** The sample ids of one batch (sample i's feature is i). */
    static int[] ids(Batch b) {
        int[] out = new int[b.size()];
        for (int k = 0; k < b.size(); k++) {
            out[k] = (int) b.x()[k];
        }
        return out;
    }

    @Test
    void anEpochVisitsEverySampleOnceWithAShortLastBatch() {
        BatchSampler s = new BatchSampler(DATA, MINE, 3, Rng.stream(1, 0, "batches"));
        Batch b = s.newBatch();
        assertEquals(3, s.batchesPerEpoch());
        int[] seen = new int[0];
        int[] sizes = new int[3];
        for (int k = 0; k < 3; k++) {
            s.next(b);
            sizes[k] = b.size();
            seen = concat(seen, ids(b));
            for (int j = 0; j < b.size(); j++) {
                assertEquals(((int) b.x()[j]) % 4, b.labels()[j]);
            }
        }
        assertArrayEquals(new int[] {3, 3, 1}, sizes);
        Arrays.sort(seen);
        assertArrayEquals(MINE, seen);
        assertEquals(0, s.epoch());
        s.next(b);
        assertEquals(1, s.epoch());
    }

    @Test
    void epochsAreReshuffledAndReproducible() {
        BatchSampler a = new BatchSampler(DATA, MINE, 7, Rng.stream(1, 0, "batches"));
        BatchSampler again = new BatchSampler(DATA, MINE, 7, Rng.stream(1, 0, "batches"));
        Batch b = a.newBatch();
        int[] first = ids(a.next(b)).clone();
        int[] second = ids(a.next(b)).clone();
        assertArrayEquals(first, ids(again.next(again.newBatch())));
        assertEquals(false, Arrays.equals(first, second), "consecutive epochs use different orders");
    }

    @Test
    void aRestoredSamplerContinuesWithTheSameBatches() {
        BatchSampler a = new BatchSampler(DATA, MINE, 3, Rng.stream(4, 1, "batches"));
        Batch b = a.newBatch();
        a.next(b);
        a.next(b);
        BatchSampler.State saved = a.saveState();
        int[][] expected = new int[5][];
        for (int k = 0; k < 5; k++) {
            expected[k] = ids(a.next(b)).clone();
        }
        BatchSampler restored = new BatchSampler(DATA, MINE, 3, new Rng(0));
        restored.restoreState(saved);
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(expected[k], ids(restored.next(b)));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new BatchSampler(DATA, new int[] {1, 2}, 3, new Rng(0)).restoreState(saved));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(DATA, new int[0], 3, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(DATA, new int[] {20}, 3, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(DATA, MINE, 0, new Rng(1)));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

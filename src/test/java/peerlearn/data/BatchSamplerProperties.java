package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.testkit.DataGenerators;

class BatchSamplerProperties {
    static final Dataset DATA = DataGenerators.cyclic("d", 64, 3);

    @Test
    void everyEpochVisitsEachSampleOnceInCeilNOverBBatches() {
        qt().withExamples(200).forAll(integers().between(1, 40), integers().between(1, 45), DataGenerators.seeds())
                .checkAssert((n, batchSize, seed) -> {
                    int[] mine = new int[n];
                    for (int k = 0; k < n; k++) {
                        mine[k] = (7 * k + 3) % 64; // distinct since 7 is invertible mod 64 and n ≤ 64
                    }
                    BatchSampler s = new BatchSampler(DATA, mine, batchSize, Rng.stream(seed, 2, "batches"));
                    Batch b = s.newBatch();
                    for (int epoch = 0; epoch < 3; epoch++) {
                        int[] seen = new int[0];
                        for (int k = 0; k < s.batchesPerEpoch(); k++) {
                            s.next(b);
                            assertEquals(epoch, s.epoch());
                            int[] ids = BatchSamplerTest.ids(b);
                            seen = Arrays.copyOf(seen, seen.length + ids.length);
                            System.arraycopy(ids, 0, seen, seen.length - ids.length, ids.length);
                        }
                        assertEquals(true, s.atEpochEnd());
                        Arrays.sort(seen);
                        int[] expected = mine.clone();
                        Arrays.sort(expected);
                        assertArrayEquals(expected, seen);
                    }
                });
    }
}

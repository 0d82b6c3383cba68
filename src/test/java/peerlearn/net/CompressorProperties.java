package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/** theory/foundations.md#compressors: contraction of scaled sign, telescoping error feedback. */
class CompressorProperties {
    private static float[] gaussian(Rng rng, int d, double scale) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) (rng.nextGaussian() * scale);
        }
        return v;
    }

    @Test
    void scaledSignIsAContraction() {
        qt().withExamples(400).forAll(integers().between(0, 70), longs().all(), integers().between(0, 2))
                .checkAssert((d, seed, mode) -> {
                    Rng rng = new Rng(seed);
                    float[] v = gaussian(rng, d, 3);
                    if (mode == 1 && d > 0) {
                        v[rng.nextInt(d)] = 0; // sign(0) is sent as +
                    }
                    if (mode == 2) {
                        java.util.Arrays.fill(v, 2.5f); // equality case ‖v‖₁² = d‖v‖²
                    }
                    float[] c = new float[d];
                    Compressors.scaledSign().compress(v, c);
                    double err = 0, norm = 0;
                    for (int i = 0; i < d; i++) {
                        err += (c[i] - (double) v[i]) * (c[i] - (double) v[i]);
                        norm += (double) v[i] * v[i];
                    }
                    double bound = d == 0 ? 0 : (1 - 1.0 / d) * norm;
                    assertTrue(err <= bound + Tolerances.COMPRESS * norm, "d = " + d + ": ‖C(v) − v‖² = " + err + " > " + bound);
                });
    }

    @Test
    void errorFeedbackTelescopes() {
        qt().withExamples(100).forAll(integers().between(0, 40), longs().all(), integers().between(0, 5))
                .checkAssert((d, seed, which) -> {
                    Rng rng = new Rng(seed);
                    Compressor c = WireProperties.compressor(which, d, seed);
                    ErrorFeedback ef = new ErrorFeedback(c, d);
                    double[] sentSum = new double[d], gradSum = new double[d];
                    double scale = 0;
                    int steps = 25;
                    for (int t = 0; t < steps; t++) {
                        float[] g = gaussian(rng, d, 1);
                        float[] sent = Codec.decode(ef.compress(g), d);
                        assertArrayEquals(ef.lastSent(), sent, "the receiver decodes exactly what feedback assumed");
                        for (int i = 0; i < d; i++) {
                            sentSum[i] += sent[i];
                            gradSum[i] += g[i];
                            scale = Math.max(scale, Math.abs(g[i]));
                        }
                    }
                    float[] e = ef.memory();
                    for (int i = 0; i < d; i++) {
                        // Σ C(e_t + g_t) = Σ g_t − e_T, up to float rounding of e each step
                        assertEquals(gradSum[i] - e[i], sentSum[i], Tolerances.COMPRESS * steps * (1 + scale) * 10,
                                c.name() + " coordinate " + i);
                    }
                });
    }

    @Test
    void topKIsAContraction() {
        qt().withExamples(300).forAll(integers().between(1, 70), longs().all(), integers().between(1, 100))
                .checkAssert((d, seed, percent) -> {
                    float[] v = gaussian(new Rng(seed), d, 2);
                    float[] c = new float[d];
                    Compressors.topK(percent / 100.0).compress(v, c);
                    int k = (int) Math.max(1, Math.min(d, Math.ceil(percent / 100.0 * d)));
                    double err = 0, norm = 0;
                    for (int i = 0; i < d; i++) {
                        err += (c[i] - (double) v[i]) * (c[i] - (double) v[i]);
                        norm += (double) v[i] * v[i];
                    }
                    assertTrue(err <= (1 - (double) k / d) * norm + Tolerances.COMPRESS * norm,
                            "d = " + d + ", k = " + k + ": ‖C(v) − v‖² = " + err);
                });
    }

    @Test
    void topKKeepsTheLargestMagnitudesLowerIndexFirstOnTies() {
        float[] v = {0.5f, -3f, 1f, 3f, -1f, 0f};
        float[] c = new float[6];
        Compressors.topK(0.5).compress(v, c); // k = 3: −3, 3, then the first of the tied ±1
        assertArrayEquals(new float[] {0, -3f, 1f, 3f, 0, 0}, c);
    }

    @Test
    void scaledSignByHandPerSegment() {
        float[] v = {1f, -3f, 2f, -2f};
        float[] c = new float[4];
        Compressors.scaledSign(new int[] {2, 2}).compress(v, c);
        assertArrayEquals(new float[] {2f, -2f, 2f, -2f}, c); // ‖(1,−3)‖₁/2 = 2, ‖(2,−2)‖₁/2 = 2
        var layout = new peerlearn.tensor.ParameterLayout.Builder();
        layout.add("w", 2);
        layout.add("b", 2);
        float[] c2 = new float[4];
        Compressors.scaledSign(layout.build()).compress(v, c2);
        assertArrayEquals(c, c2);
        Compressors.scaledSign().compress(new float[] {1f, -3f, 0f, 4f}, c);
        assertArrayEquals(new float[] {2f, -2f, 2f, 2f}, c);
    }

    @Test
    void qsgdIsUnbiasedOnAverage() {
        float[] v = {0.3f, -0.7f, 0.1f, 0.0f, 0.5f};
        Compressor q = Compressors.qsgd(2, new Rng(3));
        double[] mean = new double[v.length];
        float[] c = new float[v.length];
        int trials = 20000;
        for (int t = 0; t < trials; t++) {
            q.compress(v, c);
            for (int i = 0; i < v.length; i++) {
                mean[i] += c[i] / (double) trials;
            }
        }
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], mean[i], 0.02, "coordinate " + i); // ~4σ of the Monte-Carlo error
        }
    }

    @Test
    void randomKIsSeededAndPicksKDistinctIndices() {
        int[] a = Compressors.randomIndices(100, 10, 77);
        assertArrayEquals(a, Compressors.randomIndices(100, 10, 77));
        assertEquals(10, java.util.Arrays.stream(a).distinct().count());
        assertTrue(java.util.Arrays.stream(a).allMatch(i -> i >= 0 && i < 100));
        assertEquals(100, Compressors.randomIndices(100, 100, 1).length);
        assertEquals(0, Compressors.randomIndices(0, 0, 1).length);
    }

    @Test
    void parseNamesEveryCompressor() {
        Rng rng = new Rng(1);
        assertEquals("identity", Compressors.parse("identity", null, rng).name());
        assertEquals("sign", Compressors.parse("sign", null, rng).name());
        assertEquals("topk(0.1)", Compressors.parse("topk:0.1", null, rng).name());
        assertEquals("randk(0.1)", Compressors.parse("randk:0.1", null, rng).name());
        assertEquals("qsgd(16)", Compressors.parse("qsgd:16", null, rng).name());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Compressors.parse("zip", null, rng));
        assertTrue(e.getMessage().contains("unknown compressor 'zip'"));
    }
}

package peerlearn.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import peerlearn.rng.Rng;

/**
 * The compression operators, each bit-exact on the wire ({@link Codec} gives the layouts).
 * <ul>
 * <li>identity — dense float32.</li>
 * <li>scaled sign (Karimireddy et al., "Error Feedback Fixes SignSGD", ICML 2019; CompNGC):
 *     C(v) = (‖v‖₁/d)·sign(v) per segment, 1 bit per element + one float (and its length) per
 *     segment. sign(0) is sent as +, which keeps ‖C(v) − v‖² = ‖v‖² − ‖v‖₁²/d ≤ (1 − 1/d)‖v‖².</li>
 * <li>top-k — the k entries of largest |v_i| (ties: lower index first), as indices + values.</li>
 * <li>random-k — k entries chosen uniformly from a fresh 64-bit seed; the seed is sent instead
 *     of the indices. Unscaled (biased, E‖C(v) − v‖² = (1 − k/d)‖v‖²), the form error feedback
 *     uses.</li>
 * <li>QSGD (Alistarh et al., NeurIPS 2017) with s levels: ‖v‖₂ · sign(v_i) · ℓ_i/s, ℓ_i
 *     rounded stochastically so that E[C(v)] = v; a sign bit and ⌈log₂(s+1)⌉ level bits per
 *     element (fixed width, not the paper's Elias code).</li>
 * </ul>
 */
public final class Compressors {
    private Compressors() {}

    /** No compression: DENSE float32. */
    public static Compressor identity() {
        return new Compressor() {
            @Override
            public byte[] compress(float[] v, float[] decoded) {
                System.arraycopy(v, 0, decoded, 0, v.length);
                return Codec.dense(v);
            }

            @Override public String name() { return "identity"; }
        };
    }

    /** Scaled sign with one segment covering the whole vector. */
    public static Compressor scaledSign() {
        return scaledSign((int[]) null);
    }

    /**
     * Scaled sign per segment; {@code segmentLengths} (e.g. a model's parameter tensors, from
     * {@code ParameterLayout}) must sum to the vector length, or be null for a single segment.
     */
    public static Compressor scaledSign(int[] segmentLengths) {
        int[] lengths = segmentLengths == null ? null : segmentLengths.clone();
        if (lengths != null) {
            for (int l : lengths) {
                if (l < 0) {
                    throw new IllegalArgumentException("segment lengths must be ≥ 0, got " + Arrays.toString(lengths));
                }
            }
        }
        return new Compressor() {
            @Override
            public byte[] compress(float[] v, float[] decoded) {
                int d = v.length;
                int[] segs = lengths == null ? new int[] {d} : lengths;
                long total = 0;
                for (int l : segs) {
                    total += l;
                }
                if (total != d) {
                    throw new IllegalArgumentException("sign segments cover " + total + " elements but the vector has " + d);
                }
                ByteBuffer b = buffer(1 + 4 + 4 + 8L * segs.length + (d + 7) / 8);
                b.put((byte) Codec.SIGN).putInt(d).putInt(segs.length);
                int at = 0;
                for (int l : segs) {
                    double l1 = 0;
                    for (int i = at; i < at + l; i++) {
                        l1 += Math.abs(v[i]);
                    }
                    float scale = l == 0 ? 0f : (float) (l1 / l);
                    b.putInt(l).putFloat(scale);
                    for (int i = at; i < at + l; i++) {
                        decoded[i] = v[i] < 0 ? -scale : scale;
                    }
                    at += l;
                }
                byte[] bits = new byte[(d + 7) / 8];
                for (int i = 0; i < d; i++) {
                    if (v[i] < 0) {
                        bits[i >>> 3] |= (byte) (1 << (i & 7));
                    }
                }
                b.put(bits);
                return b.array();
            }

            @Override public String name() { return "sign"; }
        };
    }

    /** Scaled sign with one segment per parameter tensor of {@code layout} (CompNGC's per-layer scaling). */
    public static Compressor scaledSign(peerlearn.tensor.ParameterLayout layout) {
        return scaledSign(layout.parameters().stream().mapToInt(peerlearn.tensor.Segment::length).toArray());
    }

    /** Top-k with k = ⌈fraction·d⌉ (at least 1 when d &gt; 0), fraction ∈ (0, 1]. */
    public static Compressor topK(double fraction) {
        requireFraction("top-k", fraction);
        return new Compressor() {
            @Override
            public byte[] compress(float[] v, float[] decoded) {
                int d = v.length;
                int k = count(fraction, d);
                int[] idx = largest(v, k);
                ByteBuffer b = buffer(9 + 8L * k);
                b.put((byte) Codec.TOP_K).putInt(d).putInt(k);
                for (int i : idx) {
                    b.putInt(i);
                }
                Arrays.fill(decoded, 0f);
                for (int i : idx) {
                    b.putFloat(v[i]);
                    decoded[i] = v[i];
                }
                return b.array();
            }

            @Override public String name() { return "topk(" + fraction + ")"; }
        };
    }

    /** Random-k with k = ⌈fraction·d⌉, drawing each message's seed from {@code rng}. */
    public static Compressor randomK(double fraction, Rng rng) {
        requireFraction("random-k", fraction);
        return new Compressor() {
            @Override
            public byte[] compress(float[] v, float[] decoded) {
                int d = v.length;
                int k = count(fraction, d);
                long seed = rng.nextLong();
                int[] idx = randomIndices(d, k, seed);
                ByteBuffer b = buffer(17 + 4L * k);
                b.put((byte) Codec.RANDOM_K).putInt(d).putInt(k).putLong(seed);
                Arrays.fill(decoded, 0f);
                for (int i : idx) {
                    b.putFloat(v[i]);
                    decoded[i] = v[i];
                }
                return b.array();
            }

            @Override public String name() { return "randk(" + fraction + ")"; }
        };
    }

    /** QSGD with s ≥ 1 levels, stochastic rounding from {@code rng}. */
    public static Compressor qsgd(int s, Rng rng) {
        if (s < 1 || s > (1 << 24)) {
            throw new IllegalArgumentException("QSGD levels s must be in [1, 2^24], got " + s);
        }
        int bits = levelBits(s);
        return new Compressor() {
            @Override
            public byte[] compress(float[] v, float[] decoded) {
                int d = v.length;
                double sq = 0;
                for (float x : v) {
                    sq += (double) x * x;
                }
                float norm = (float) Math.sqrt(sq);
                long packedBytes = ((long) d * (bits + 1) + 7) / 8;
                ByteBuffer b = buffer(13 + packedBytes);
                b.put((byte) Codec.QSGD).putInt(d).putInt(s).putFloat(norm);
                BitWriter w = new BitWriter(b);
                for (int i = 0; i < d; i++) {
                    int level = 0;
                    if (norm > 0) {
                        double r = Math.abs(v[i]) / (double) norm * s;
                        int l = (int) Math.min(s, Math.floor(r));
                        level = l < s && rng.nextDouble() < r - l ? l + 1 : l;
                    }
                    boolean negative = v[i] < 0;
                    w.write(negative ? 1 : 0, 1);
                    w.write(level, bits);
                    decoded[i] = qsgdValue(norm, level, s, negative);
                }
                w.flush();
                return b.array();
            }

            @Override public String name() { return "qsgd(" + s + ")"; }
        };
    }

    /**
     * Parses {@code identity | sign | topk:F | randk:F | qsgd:S} for one sender; randomised
     * compressors draw from {@code rng}, sign uses {@code segmentLengths} (null: one segment).
     */
    public static Compressor parse(String spec, int[] segmentLengths, Rng rng) {
        String[] p = spec.strip().toLowerCase(java.util.Locale.ROOT).split(":", 2);
        try {
            return switch (p[0]) {
                case "identity", "none" -> identity();
                case "sign" -> scaledSign(segmentLengths);
                case "topk" -> topK(Double.parseDouble(arg(spec, p)));
                case "randk" -> randomK(Double.parseDouble(arg(spec, p)), rng);
                case "qsgd" -> qsgd(Integer.parseInt(arg(spec, p)), rng);
                default -> throw new IllegalArgumentException("unknown compressor '" + spec
                        + "'; expected identity, sign, topk:F, randk:F or qsgd:S");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("compressor '" + spec + "': bad number: " + e.getMessage());
        }
    }

    private static String arg(String spec, String[] p) {
        if (p.length < 2 || p[1].isBlank()) {
            throw new IllegalArgumentException("compressor '" + spec + "' needs a parameter, e.g. topk:0.01 or qsgd:16");
        }
        return p[1];
    }

    // ---- decoders (called by Codec with the tag and dimension already read) ----

    static void decodeSign(WireReader r, float[] out) {
        int d = out.length;
        int segs = r.i32In("segment count", 0, Math.max(0, r.remaining() / 8));
        int[] lengths = new int[segs];
        float[] scales = new float[segs];
        long total = 0;
        for (int s = 0; s < segs; s++) {
            lengths[s] = r.i32In("segment " + s + " length", 0, d);
            scales[s] = r.f32("segment " + s + " scale");
            total += lengths[s];
        }
        if (total != d) {
            throw r.fail("sign segments cover " + total + " elements but the dimension is " + d);
        }
        byte[] bits = r.bytes((d + 7) / 8, "sign bits");
        int i = 0;
        for (int s = 0; s < segs; s++) {
            for (int e = 0; e < lengths[s]; e++, i++) {
                boolean negative = (bits[i >>> 3] >>> (i & 7) & 1) != 0;
                out[i] = negative ? -scales[s] : scales[s];
            }
        }
    }

    static void decodeTopK(WireReader r, float[] out) {
        int d = out.length;
        int k = r.i32In("k", 0, d);
        int[] idx = r.ints(k, "indices");
        Arrays.fill(out, 0f);
        for (int j = 0; j < k; j++) {
            if (idx[j] < 0 || idx[j] >= d || j > 0 && idx[j] <= idx[j - 1]) {
                throw r.fail("top-k index " + j + " is " + idx[j] + "; indices must increase strictly within [0, " + d + ")");
            }
        }
        for (int j = 0; j < k; j++) {
            out[idx[j]] = r.f32("value " + j);
        }
    }

    static void decodeRandomK(WireReader r, float[] out) {
        int d = out.length;
        int k = r.i32In("k", 0, d);
        long seed = r.i64("seed");
        if (r.remaining() != 4L * k) {
            throw r.fail("random-k with k = " + k + " needs " + 4L * k + " value bytes, " + r.remaining() + " remain");
        }
        Arrays.fill(out, 0f);
        int j = 0;
        for (int i : randomIndices(d, k, seed)) {
            out[i] = r.f32("value " + j++);
        }
    }

    static void decodeQsgd(WireReader r, float[] out) {
        int d = out.length;
        int s = r.i32In("levels s", 1, 1 << 24);
        float norm = r.f32("norm");
        int bits = levelBits(s);
        long packedBytes = ((long) d * (bits + 1) + 7) / 8;
        if (r.remaining() != packedBytes) {
            throw r.fail("QSGD with d = " + d + " and s = " + s + " needs " + packedBytes + " packed bytes, "
                    + r.remaining() + " remain");
        }
        byte[] packed = r.bytes((int) packedBytes, "packed levels");
        BitReader br = new BitReader(packed);
        for (int i = 0; i < d; i++) {
            boolean negative = br.read(1) == 1;
            int level = br.read(bits);
            if (level > s) {
                throw r.fail("QSGD element " + i + " has level " + level + " > s = " + s);
            }
            out[i] = qsgdValue(norm, level, s, negative);
        }
    }

    // ---- helpers ----

    private static float qsgdValue(float norm, int level, int s, boolean negative) {
        float m = (float) ((double) norm * level / s);
        return negative ? -m : m;
    }

    private static int levelBits(int s) {
        return 32 - Integer.numberOfLeadingZeros(s);
    }

    private static void requireFraction(String what, double f) {
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException(what + " fraction must be in (0, 1], got " + f);
        }
    }

    private static int count(double fraction, int d) {
        return d == 0 ? 0 : (int) Math.max(1, Math.min(d, Math.ceil(fraction * d)));
    }

    private static ByteBuffer buffer(long size) {
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("payload of " + size + " bytes is too large for one message");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Indices of the k largest |v_i|, ties broken by lower index, sorted ascending. */
    static int[] largest(float[] v, int k) {
        int d = v.length;
        if (k == 0) {
            return new int[0];
        }
        float[] mags = new float[d];
        for (int i = 0; i < d; i++) {
            mags[i] = Math.abs(v[i]);
        }
        float[] sorted = mags.clone();
        Arrays.sort(sorted);
        float threshold = sorted[d - k];
        int above = 0;
        for (float m : mags) {
            if (m > threshold) {
                above++;
            }
        }
        int ties = k - above;
        int[] idx = new int[k];
        int j = 0;
        for (int i = 0; i < d; i++) {
            if (mags[i] > threshold || mags[i] == threshold && ties-- > 0) {
                idx[j++] = i;
            }
        }
        return idx;
    }

    /** k distinct indices of [0, d), sorted, from the seed (Floyd's sampling algorithm). */
    static int[] randomIndices(int d, int k, long seed) {
        Rng rng = new Rng(seed);
        BitSet chosen = new BitSet(d);
        for (int j = d - k; j < d; j++) {
            int t = rng.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        return chosen.stream().toArray();
    }

    /** Little-endian bit order: the first bit written is bit 0 of the first byte. */
    private static final class BitWriter {
        private final ByteBuffer out;
        private long acc;
        private int filled;

        BitWriter(ByteBuffer out) {
            this.out = out;
        }

        void write(int value, int bits) {
            acc |= ((long) value & ((1L << bits) - 1)) << filled;
            filled += bits;
            while (filled >= 8) {
                out.put((byte) acc);
                acc >>>= 8;
                filled -= 8;
            }
        }

        void flush() {
            if (filled > 0) {
                out.put((byte) acc);
                acc = 0;
                filled = 0;
            }
        }
    }

    private static final class BitReader {
        private final byte[] in;
        private int pos;
        private long acc;
        private int filled;

        BitReader(byte[] in) {
            this.in = in;
        }

        int read(int bits) {
            while (filled < bits) {
                acc |= (long) (in[pos++] & 0xFF) << filled;
                filled += 8;
            }
            int v = (int) (acc & ((1L << bits) - 1));
            acc >>>= bits;
            filled -= bits;
            return v;
        }
    }
}

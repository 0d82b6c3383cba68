package peerlearn.algo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import peerlearn.data.Batch;
import peerlearn.graph.MixingRow;
import peerlearn.net.Codec;
import peerlearn.objective.Objective;

/**
 * The neighbourhood exchange NGC and CGA share (Aketi et al., arXiv 2209.14390; Esfandiari et
 * al., ICML 2021), lines 1–5 of theory/ngc.md:
 * <pre>
 *   1  send x_i^k to every j ∈ N(i); receive x_j^k (kept)
 *   2  x^{k+½} = x_i^k + γ (Σ_j w_ij x_j^k − x_i^k)
 *   3  g_ii = ∇F_i(x^{k+½}; ξ_i)                        self-gradient
 *   4  c_{j←i} = ∇F_i(x_j^k; ξ_i)                       model-variant: j's model, my batch
 *   5  send c_{j←i} to j; receive c_{i←j} = ∇F_j(x_i^k; ξ_j)   data-variant (second round)
 * </pre>
 * Every gradient is evaluated by the agent's own {@link Objective} with x as an argument, so the
 * n_i cross-gradients reuse its model buffers and its batch ξ_i; nothing is built per neighbour.
 * With a {@link CompNgc} compressor g_ii and each c_{j←i} become C(e + ·) before use, and c_{j←i}
 * goes on the wire bit-packed; without one it goes as dense float32.
 *
 * <p><b>Missing messages.</b> Without x_j no c_{j←i} can be formed; i then sends j an empty
 * payload (header only) in round 5, which j reads as "missing", like a dropped message. The
 * caller averages over what arrived ({@link #modelVariant(int)}, {@link #dataVariant(int)} return
 * null for a missing term).
 *
 * <p>Also measures NGC's two biases per round, averaged until {@link #biases()} is read:
 * ε = π Σ_j ‖c_{j←i} − g_ii‖₁ / d (model variance) and ω = π Σ_j ‖c_{i←j} − g_ii‖₁ / d (data
 * variance; NaN when no data-variant gradients are exchanged), π = 1/(n_i + 1).
 */
final class CrossGradients implements peerlearn.state.Stateful {
    private static final int MODEL = 1;
    private static final int CROSS = 2;
    private static final byte[] NONE = new byte[0];

    private final AgentContext ctx;
    private final Objective f;
    private final CompNgc compression;
    private final int[] peers;
    private final Gossip gossip;
    private final float[][] models;
    private final float[][] modelVariant;
    private final float[][] dataVariant;
    private final boolean[] hasModel;
    private final boolean[] hasData;
    private final byte[][] payloads;
    private MixingRow row;
    private int[] index = new int[0];
    private double epsilonSum, omegaSum;
    private int epsilonCount, omegaCount;

    /**
     * @param exchange    whether line 5 runs (NGC with α &gt; 0, CGA); only then are c_{i←j} buffers kept
     * @param compression CompNGC's compressor, or null for dense float32
     */
    CrossGradients(AgentContext ctx, boolean exchange, CompNgc compression) {
        this.ctx = ctx;
        this.f = ctx.objective();
        this.compression = compression;
        this.peers = ctx.net().peers();
        int d = f.dimension();
        this.gossip = new Gossip(ctx, MODEL, d);
        this.models = new float[peers.length][d];
        this.modelVariant = new float[peers.length][d];
        this.dataVariant = exchange ? new float[peers.length][d] : null;
        this.hasModel = new boolean[peers.length];
        this.hasData = new boolean[peers.length];
        this.payloads = new byte[peers.length][];
    }

    /** Lines 1–2: sends x, keeps every x_j^k that arrives, and moves x to x + γ(Σ_j w_ij x_j − x). */
    /**
     * The bias sums gathered since the last evaluation and the compressor memories; the received
     * models and cross-gradients are rewritten every round before use.
     */
    @Override
    public void state(peerlearn.state.State s) {
        epsilonSum = s.number("epsilon_sum", epsilonSum);
        omegaSum = s.number("omega_sum", omegaSum);
        epsilonCount = s.count("epsilon_count", epsilonCount);
        omegaCount = s.count("omega_count", omegaCount);
        if (compression != null) {
            s.part("compression", compression);
        }
    }

    void gossip(int k, float[] x, float gamma) {
        row = ctx.mixing(k);
        int n = row.degree();
        index = new int[n];
        float[][] keep = new float[n][];
        for (int t = 0; t < n; t++) {
            index[t] = Arrays.binarySearch(peers, row.neighbours()[t]);
            keep[t] = models[index[t]];
        }
        gossip.send(row, k, x);
        gossip.mixReceivedRelaxed(row, k, x, gamma, keep);
        for (int t = 0; t < n; t++) {
            hasModel[index[t]] = gossip.arrived(t);
            hasData[index[t]] = false;
        }
    }

    /** Line 3: draws ξ_i and writes g_ii = ∇F_i(x^{k+½}; ξ_i) (CompNGC: C(e_ii + g_ii)) into {@code model.g}. */
    Batch selfGradient(LocalModel model) {
        Batch xi = f.nextBatch();
        model.loss = f.lossAndGradient(model.x, xi, model.g);
        if (compression != null) {
            compression.forSelf(model.g);
        }
        return xi;
    }

    /** Line 4: c_{j←i} = ∇F_i(x_j^k; ξ_i) for every j whose model arrived, on the same batch ξ_i. */
    void modelVariant(Batch xi, float[] gSelf) {
        double eps = 0;
        for (int t = 0; t < index.length; t++) {
            int p = index[t];
            if (!hasModel[p]) {
                continue;
            }
            f.lossAndGradient(models[p], xi, modelVariant[p]);
            payloads[p] = compression == null ? null : compression.forPeer(peers[p], modelVariant[p]);
            eps += l1Distance(modelVariant[p], gSelf);
        }
        epsilonSum += eps / (index.length + 1) / Math.max(1, gSelf.length);
        epsilonCount++;
    }

    /** Line 5: sends each c_{j←i} to j (empty when x_j was missing) and receives c_{i←j} from each j. */
    void dataVariant(int k, float[] gSelf) {
        for (int t = 0; t < index.length; t++) {
            int p = index[t];
            byte[] payload = !hasModel[p] ? NONE : compression != null ? payloads[p] : Codec.dense(modelVariant[p]);
            ctx.net().send(peers[p], CROSS, k, payload);
        }
        double omega = 0;
        for (int t = 0; t < index.length; t++) {
            int p = index[t];
            java.nio.ByteBuffer payload = ctx.net().receiveView(peers[p], CROSS, k);
            hasData[p] = payload != null && payload.hasRemaining();
            if (hasData[p]) {
                Codec.decodeInto(payload, dataVariant[p]);
                omega += l1Distance(dataVariant[p], gSelf);
            }
        }
        omegaSum += omega / (index.length + 1) / Math.max(1, gSelf.length);
        omegaCount++;
    }

    /** n_i, the number of neighbours in this round's row. */
    int degree() {
        return index.length;
    }

    /** c_{j←i} for the t-th neighbour of this round (agent-id order), or null if x_j was missing. */
    float[] modelVariant(int t) {
        return hasModel[index[t]] ? modelVariant[index[t]] : null;
    }

    /** c_{i←j} for the t-th neighbour of this round (agent-id order), or null if it did not arrive. */
    float[] dataVariant(int t) {
        return dataVariant != null && hasData[index[t]] ? dataVariant[index[t]] : null;
    }

    /** The mean ε and ω over the rounds since the last call (NaN if none), then starts afresh. */
    Map<String, Double> biases() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ngc_epsilon", epsilonCount == 0 ? Double.NaN : epsilonSum / epsilonCount);
        m.put("ngc_omega", omegaCount == 0 ? Double.NaN : omegaSum / omegaCount);
        epsilonSum = omegaSum = 0;
        epsilonCount = omegaCount = 0;
        return m;
    }

    private static double l1Distance(float[] a, float[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += Math.abs((double) a[c] - b[c]);
        }
        return s;
    }
}

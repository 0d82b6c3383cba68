package peerlearn.algo;

import java.util.List;
import peerlearn.graph.MixingRow;
import peerlearn.net.Codec;
import peerlearn.net.Compressor;
import peerlearn.net.Compressors;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;
import peerlearn.tensor.Segment;

/**
 * CHOCO-SGD: Koloskova, Stich and Jaggi, "Decentralized Stochastic Optimization and Gossip
 * Algorithms with Compressed Communication", ICML 2019, Algorithm 2. Agents exchange only
 * compressed differences q_i = Q(x_i − x̂_i) and keep public copies x̂_j of their neighbours,
 * updated by the same q_j on both sides. Theory: theory/baselines.md#choco-sgd. Symbols: x_i
 * parameters, x̂_j public copies, Q the compressor ({@code algo.compressor}: identity, sign,
 * topk:F, randk:F, qsgd:S), γ consensus step ({@code algo.gamma}), η_k step size, W mixing.
 * With Q = identity it is D-PSGD with relaxed gossip, taken in adapt-then-combine order.
 *
 * <p>Missing messages: a lost q_j leaves i's copy x̂_j where it was, so it lags j's own x̂_j from
 * then on (the algorithm has no resynchronisation); the consensus step still only uses
 * differences x̂_j − x̂_i, so nothing is renormalised.
 */
final class ChocoSgd implements AgentProgram {
    static final ParamSpec GAMMA = ParamSpec.real("gamma", 0.5, 0.0, 1.0, "γ, consensus step size");
    static final ParamSpec COMPRESSOR = ParamSpec.text("compressor", "sign",
            "Q: identity, sign, topk:F, randk:F, qsgd:S", q -> Compressors.parse(q, null, new peerlearn.rng.Rng(0)));
    static final List<ParamSpec> PARAMS = List.of(GAMMA, COMPRESSOR);
    private static final int DIFFERENCE = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final Optimizer opt;
    private final float gamma;
    private final Compressor q;
    private final int[] peers;
    private final float[] hatSelf;
    private final float[][] hat;
    private final float[] diff;
    private final float[] qi;

    ChocoSgd(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        this.opt = ctx.training().newOptimizer(d);
        this.gamma = (float) ctx.params().number(GAMMA);
        int[] segments = ctx.objective().layout().parameters().stream().mapToInt(Segment::length).toArray();
        this.q = Compressors.parse(ctx.params().text(COMPRESSOR), segments, ctx.rng());
        this.peers = ctx.net().peers();
        this.hatSelf = new float[d];
        this.hat = new float[peers.length][d];
        this.diff = new float[d];
        this.qi = new float[d];
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        // line 3: x^{k+½} = x − η_k ∇F_i(x; ξ_i)
        opt.step(x, model.gradient(), ctx.lr(k));
        // line 4: q_i = Q(x^{k+½} − x̂_i), sent to every neighbour
        for (int c = 0; c < x.length; c++) {
            diff[c] = x[c] - hatSelf[c];
        }
        byte[] payload = q.compress(diff, qi);
        ctx.net().sendEach(peers, DIFFERENCE, k, payload);
        // line 5: x̂_j ← x̂_j + q_j for j ∈ N(i) ∪ {i}
        for (int c = 0; c < x.length; c++) {
            hatSelf[c] += qi[c];
        }
        for (int t = 0; t < peers.length; t++) {
            java.nio.ByteBuffer p = ctx.net().receiveView(peers[t], DIFFERENCE, k);
            if (p != null) {
                Codec.decodeInto(p, diff);
                for (int c = 0; c < x.length; c++) {
                    hat[t][c] += diff[c];
                }
            }
        }
        // line 6: x ← x^{k+½} + γ Σ_j w_ij (x̂_j − x̂_i), neighbours in agent-id order
        MixingRow row = ctx.mixing(k);
        java.util.Arrays.fill(diff, 0f);
        for (int r = 0; r < row.degree(); r++) {
            int t = java.util.Arrays.binarySearch(peers, row.neighbours()[r]);
            float w = (float) row.weights()[r];
            for (int c = 0; c < x.length; c++) {
                diff[c] = Math.fma(w, hat[t][c] - hatSelf[c], diff[c]);
            }
        }
        for (int c = 0; c < x.length; c++) {
            x[c] = Math.fma(gamma, diff[c], x[c]);
        }
    }

    @Override
    public void state(State s) {
        s.part("model", model);
        s.part("optimizer", opt);
        s.floats("x_hat_self", hatSelf);
        for (int t = 0; t < peers.length; t++) {
            s.floats("x_hat_" + peers[t], hat[t]);
        }
    }

    @Override
    public float[] parameters() {
        return model.x;
    }

    @Override
    public double lastLoss() {
        return model.loss;
    }
}

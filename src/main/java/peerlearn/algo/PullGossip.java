package peerlearn.algo;

import java.util.ArrayList;
import java.util.List;
import peerlearn.net.Codec;
import peerlearn.optim.Optimizer;

/**
 * The machinery DAC, PENS and the random and oracle baselines share (Listo Zec et al., arXiv
 * 2206.08839; theory/dac.md): a local model trained for E epochs between communications, the
 * model and a small info vector published every communication round, pulls from the few
 * sampled peers only, and the data-size-weighted average over the peers pulled and oneself.
 *
 * <p><b>Rounds.</b> One peerlearn round is one local minibatch step, as for every other
 * algorithm, so H = E × (rounds per epoch) rounds lie between two communications. Rounds
 * 0 … H−1 are the warm start (line 0); communication round r = 0, 1, … happens at the start of
 * round k = (r + 1)·H and is followed by the next H local steps (line 8). Every agent publishes
 * the state it had at the start of round k, so all agents read one another's models as they were
 * when the communication round began (parallel rounds; the authors' code updates clients one
 * after another in place).
 *
 * <p><b>Wire.</b> Message type 1 carries x_i (dense), type 2 the info vector (n_i, then the
 * algorithm's extra floats, e.g. DAC's similarity vector s_i), both {@link Codec#dense}. They
 * are published, so only what a sampler pulls is counted. A pull that fails (dropped, crashed
 * sender) leaves that peer out; the weights renormalise over the rest.
 *
 * <p><b>Optimizer.</b> The configured local optimizer is reset after every aggregation (the
 * authors' code builds a fresh Adam at each local training).
 */
final class PullGossip implements peerlearn.state.Stateful {
    static final ParamSpec PEERS = ParamSpec.whole("peers", 5, 1, Integer.MAX_VALUE,
            "n, peers sampled (and pulled from) per communication round");
    static final ParamSpec LOCAL_EPOCHS = ParamSpec.whole("local_epochs", 3, 1, Integer.MAX_VALUE,
            "E, local epochs between two communication rounds (and of the warm start)");
    private static final int MODEL = 1;
    private static final int INFO = 2;

    /** A pulled peer: its id, model, data size and extra info floats. */
    record Peer(int id, float[] x, int size, float[] extra) {}

    final AgentContext ctx;
    final LocalModel model;
    final int n;
    private final int h;
    private final Optimizer opt;
    private int size = -1;

    PullGossip(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        this.n = ctx.params().integer(PEERS);
        this.h = ctx.params().integer(LOCAL_EPOCHS) * ctx.training().roundsPerEpoch();
        this.opt = ctx.training().newOptimizer(model.dimension());
    }

    /** Whether round k begins with a communication round. */
    /** w_i, the optimizer and n_i (the data size, computed once). */
    @Override
    public void state(peerlearn.state.State s) {
        s.part("model", model);
        s.part("optimizer", opt);
        size = s.count("size", size);
    }

    boolean communicates(int k) {
        return k > 0 && k % h == 0;
    }

    /** The communication round r that begins round k. */
    int communicationRound(int k) {
        return k / h - 1;
    }

    /** n_i, this agent's training samples. */
    int size() {
        if (size < 0) {
            size = ctx.objective().evaluateLocalTrain(model.x).samples();
        }
        return size;
    }

    /** Mean loss of {@code x} on this agent's training data: L_ik when x = w_k. */
    double lossOnMyData(float[] x) {
        return ctx.objective().evaluateLocalTrain(x).loss();
    }

    /** The other agents' ids, ascending. */
    int[] others() {
        return ctx.net().peers();
    }

    /** Publishes x_i and (n_i, extra) for round k. */
    void publish(int k, float[] extra) {
        float[] info = new float[1 + extra.length];
        info[0] = size();
        System.arraycopy(extra, 0, info, 1, extra.length);
        ctx.net().publish(MODEL, k, Codec.dense(model.x));
        ctx.net().publish(INFO, k, Codec.dense(info));
    }

    /** Pulls w_j and (n_j, extra_j) of round k from each of {@code sampled}; failed pulls are left out. */
    List<Peer> pull(int k, int[] sampled, int extraLength) {
        List<Peer> got = new ArrayList<>();
        for (int j : sampled) {
            java.nio.ByteBuffer x = ctx.net().pullView(j, MODEL, k);
            java.nio.ByteBuffer info = x == null ? null : ctx.net().pullView(j, INFO, k);
            if (info == null) {
                continue;
            }
            float[] v = new float[1 + extraLength];
            Codec.decodeInto(info, v);
            int nj = (int) v[0];
            if (nj <= 0 || nj != v[0]) {
                throw new IllegalStateException("agent " + ctx.id() + " pulled data size " + v[0] + " from agent " + j);
            }
            float[] xj = new float[model.dimension()];
            Codec.decodeInto(x, xj);
            got.add(new Peer(j, xj, nj, java.util.Arrays.copyOfRange(v, 1, v.length)));
        }
        return got;
    }

    /**
     * Line 7: w_i ← Σ_{m ∈ S ∪ {i}} (n_m / Σ_l n_l) w_m, summed in agent-id order in double; then
     * the local optimizer starts afresh.
     */
    void average(List<Peer> peers) {
        List<Peer> all = new ArrayList<>(peers);
        all.add(new Peer(ctx.id(), model.x, size(), new float[0]));
        all.sort(java.util.Comparator.comparingInt(Peer::id));
        int[] sizes = all.stream().mapToInt(Peer::size).toArray();
        double[] alpha = PeerSampling.sizeWeights(sizes);
        double[] acc = new double[model.dimension()];
        for (int m = 0; m < all.size(); m++) {
            float[] w = all.get(m).x();
            for (int c = 0; c < acc.length; c++) {
                acc[c] += alpha[m] * w[c];
            }
        }
        for (int c = 0; c < acc.length; c++) {
            model.x[c] = (float) acc[c];
        }
        opt.reset();
    }

    /** Line 8 (one of its E × rounds-per-epoch steps): w_i ← w_i − η ∇F_i(w_i; ξ_i), or the optimizer's form. */
    void localStep(int k) {
        float[] g = model.gradient();
        opt.step(model.x, g, ctx.lr(k));
    }
}

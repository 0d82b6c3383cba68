package peerlearn.algo;

import java.util.List;
import java.util.Map;
import peerlearn.state.State;

/**
 * DAC, decentralized adaptive clustering: Listo Zec, Ekblom, Willbo, Mogren, Girdzijauskas,
 * "Decentralized adaptive clustering of deep nets is beneficial for client collaboration",
 * FL-IJCAI 2022, arXiv 2206.08839, following the authors' code ({@code edvinli/DAC}).
 * Theory: theory/dac.md. Symbols: w_i model, s_i ∈ ℝᴺ similarity memory (0 = unknown),
 * p_i sampling probabilities, n peers sampled per round ({@code algo.peers}), τ temperature
 * ({@code algo.tau}), E local epochs ({@code algo.local_epochs}).
 *
 * <p>Each agent pulls the models of n peers sampled by p_i, scores them by how well they fit its
 * own training data (s_ik = 1 / L_ik), learns of more candidates through the sampled peers'
 * similarity vectors (two hops), and averages the sampled models weighted by data size:
 * similarity decides whom to sample, not the weights. DAC-var raises τ over the rounds
 * ({@code algo.tau_schedule = sigmoid}). Rounds, wire and optimizer: {@link PullGossip}.
 */
final class Dac implements AgentProgram {
    static final ParamSpec TAU = ParamSpec.real("tau", 30, 0, 1e6, "τ, softmax temperature on similarities");
    static final String CONSTANT = "constant";
    static final String SIGMOID = "sigmoid";
    static final ParamSpec SCHEDULE = ParamSpec.text("tau_schedule", CONSTANT,
            "τ over communication rounds: constant (DAC) or sigmoid (DAC-var, τ_r = 2τ/(1+e^{−0.2r}) − τ + 1)");
    static final ParamSpec VAR_SCHEDULE = ParamSpec.text("tau_schedule", SIGMOID, SCHEDULE.description());
    static final ParamSpec TWO_HOP = ParamSpec.whole("two_hop", 1, 0, 1,
            "1: learn of peers through the sampled peers' memories (line 4, as the code); 0: direct measurements only (ablation)");
    static final List<ParamSpec> PARAMS = List.of(PullGossip.PEERS, TAU, PullGossip.LOCAL_EPOCHS, SCHEDULE, TWO_HOP);
    static final List<ParamSpec> VAR_PARAMS = List.of(PullGossip.PEERS, TAU, PullGossip.LOCAL_EPOCHS, VAR_SCHEDULE,
            TWO_HOP);

    private final AgentContext ctx;
    private final PullGossip gossip;
    private final double tau;
    private final boolean rising;
    private final boolean twoHops;
    private final int self;
    private final double[] s;
    private final boolean[] direct;
    private double[] p;
    private double tauNow;

    Dac(AgentContext ctx, ParamSpec schedule) {
        this.ctx = ctx;
        this.gossip = new PullGossip(ctx);
        this.tau = ctx.params().number(TAU);
        String kind = ctx.params().text(schedule);
        if (!kind.equals(CONSTANT) && !kind.equals(SIGMOID)) {
            throw new IllegalArgumentException("algo.tau_schedule = '" + kind + "': expected constant or sigmoid");
        }
        this.rising = kind.equals(SIGMOID);
        this.twoHops = ctx.params().integer(TWO_HOP) == 1;
        this.self = ctx.id();
        int agents = ctx.topology().size();
        this.s = new double[agents];
        this.direct = new boolean[agents];
        this.tauNow = 0; // s = 0 and τ = 0: p uniform over j ≠ i before the first update
        this.p = PeerSampling.softmax(s, tauNow, self);
    }

    @Override
    public void round(int k) {
        if (gossip.communicates(k)) {
            communicate(gossip.communicationRound(k), k);
        }
        // line 0 / 8: local epochs with the configured optimizer
        gossip.localStep(k);
    }

    private void communicate(int r, int k) {
        float[] mine = new float[s.length];
        for (int j = 0; j < s.length; j++) {
            mine[j] = (float) s[j];
        }
        gossip.publish(k, mine);
        // lines 1-2: S ~ p_i = softmax(τ_{r−1} s_i), n peers without replacement (uniform at r = 0)
        int[] sampled = PeerSampling.sampleSoftmax(ctx.rng(), s, tauNow, self, gossip.n);
        // line 3: pull w_k and s_k; s_i[k] = 1 / L_ik with L_ik the loss of w_k on my training data
        List<PullGossip.Peer> peers = gossip.pull(k, sampled, s.length);
        int[] got = new int[peers.size()];
        float[][] sK = new float[peers.size()][];
        for (int t = 0; t < got.length; t++) {
            PullGossip.Peer peer = peers.get(t);
            got[t] = peer.id();
            sK[t] = peer.extra();
            s[peer.id()] = similarity(gossip.lossOnMyData(peer.x()));
            direct[peer.id()] = true;
        }
        // line 4: two-hop growth through the sampled peers' memories
        if (twoHops) {
            twoHop(self, s, direct, got, sK);
        }
        // lines 5-6: p_i = softmax_{j ≠ i}(τ_r s_i[j])
        tauNow = tau(r, tau, rising);
        p = PeerSampling.softmax(s, tauNow, self);
        // line 7: w_i ← Σ_{m ∈ S ∪ {i}} (n_m / Σ n) w_m
        gossip.average(peers);
    }

    /**
     * s = 1 / L. A loss that is not a positive finite number is read as: 0 ⇒ s = 10¹² (a perfect
     * fit, kept finite); NaN or ∞ ⇒ s = 0 (nothing in common).
     */
    static double similarity(double loss) {
        if (Double.isNaN(loss) || loss == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return 1 / Math.max(loss, 1e-12);
    }

    /**
     * Line 4: for every j ≠ i never measured directly and known to some sampled peer
     * (s_k[j] > 0, k ∈ S): s_i[j] = s_{k*}[j] with k* = argmax_{k ∈ S, s_k[j] > 0} s_i[k], the
     * sampled peer most similar to i among those that know j (ties: the lowest id). Direct
     * measurements are never overwritten; an earlier two-hop estimate is.
     *
     * @param sampled the sampled peers pulled, ascending
     * @param sK      sK[t] = s_{sampled[t]}, the memory that peer sent
     */
    static void twoHop(int self, double[] s, boolean[] direct, int[] sampled, float[][] sK) {
        for (int j = 0; j < s.length; j++) {
            if (j == self || direct[j]) {
                continue;
            }
            int best = -1;
            for (int t = 0; t < sampled.length; t++) {
                if (sK[t][j] > 0 && (best < 0 || s[sampled[t]] > s[sampled[best]])) {
                    best = t;
                }
            }
            if (best >= 0) {
                s[j] = sK[best][j];
            }
        }
    }

    /** Line 5: τ_r = τ (DAC), or 2τ/(1 + e^{−0.2 r}) − τ + 1 (DAC-var: τ_0 = 1, rising to τ + 1). */
    static double tau(int r, double tau, boolean rising) {
        return rising ? 2 * tau / (1 + Math.exp(-0.2 * r)) - tau + 1 : tau;
    }

    /** p_ij as the extra metrics {@code p.j}, for the report's heat maps. */
    @Override
    public void state(State s) {
        s.part("gossip", gossip);
        s.doubles("s", this.s);
        s.flags("direct", direct);
        s.doubles("p", p);
        tauNow = s.number("tau_now", tauNow);
    }

    @Override public Map<String, Double> extraMetrics() { return PeerSampling.asMetrics(p); }
    @Override public float[] parameters() { return gossip.model.x; }
    @Override public double lastLoss() { return gossip.model.loss; }
}

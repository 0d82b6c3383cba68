package peerlearn.algo;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import peerlearn.state.State;

/**
 * DAC's two gossip baselines (Listo Zec et al., arXiv 2206.08839, the authors' {@code gossip}):
 * every communication round, pull min(n, |neighbours|) neighbours drawn uniformly and average
 * their models with mine by data size. <b>Random</b>: every other agent is a neighbour.
 * <b>Oracle</b>: the neighbours are the agents of my true cluster, as the data split defines it
 * ({@link AgentContext#clusters()}), the upper reference for any clustering method.
 * Theory: theory/dac.md#baselines. Rounds, wire and optimizer: {@link PullGossip}.
 */
final class RandomGossip implements AgentProgram {
    static final List<ParamSpec> PARAMS = List.of(PullGossip.PEERS, PullGossip.LOCAL_EPOCHS);

    private final AgentContext ctx;
    private final PullGossip gossip;
    private final int[] neighbours;
    private final double[] p;

    private RandomGossip(AgentContext ctx, boolean oracle) {
        this.ctx = ctx;
        this.gossip = new PullGossip(ctx);
        int[] others = gossip.others();
        this.neighbours = oracle ? IntStream.of(others).filter(j -> ctx.cluster(j) == ctx.cluster(ctx.id())).toArray() : others;
        this.p = PeerSampling.uniformOver(ctx.topology().size(), neighbours);
    }

    /** Random gossip: neighbours are all other agents. */
    static RandomGossip random(AgentContext ctx) {
        return new RandomGossip(ctx, false);
    }

    /** Oracle gossip: neighbours are the other agents of my true cluster. */
    static RandomGossip oracle(AgentContext ctx) {
        return new RandomGossip(ctx, true);
    }

    @Override
    public void round(int k) {
        if (gossip.communicates(k)) {
            gossip.publish(k, new float[0]);
            int[] sampled = PeerSampling.sampleUniform(ctx.rng(), neighbours, gossip.n);
            gossip.average(gossip.pull(k, sampled, 0));
        }
        gossip.localStep(k);
    }

    /** p_ij as the extra metrics {@code p.j}, for the report's heat maps. */
    @Override
    public void state(State s) {
        s.part("gossip", gossip);
    }

    @Override public Map<String, Double> extraMetrics() { return PeerSampling.asMetrics(p); }
    @Override public float[] parameters() { return gossip.model.x; }
    @Override public double lastLoss() { return gossip.model.loss; }
}

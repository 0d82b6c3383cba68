package peerlearn.algo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import peerlearn.state.State;

/**
 * PENS, performance-based neighbour selection: Onoszko, Karlsson, Mogren, Listo Zec,
 * "Decentralized federated learning of deep neural networks on non-iid data", arXiv 2107.08517
 * (2021), as DAC's authors run it ({@code edvinli/DAC}, {@code train_pens} then {@code gossip}).
 * Theory: theory/dac.md#baselines. Symbols: n peers sampled ({@code algo.peers}), m kept
 * ({@code algo.top_m}), R_pens selection rounds ({@code algo.pens_rounds}), E local epochs.
 *
 * <p>Selection (communication rounds r &lt; R_pens): sample n peers uniformly, keep the m whose
 * models have the lowest loss on my training data, average them with my model by data size, and
 * count each kept peer. Then my neighbours are the peers kept more than m·R_pens/N times (the
 * authors' expected count), and every later round is gossip with min(n, |neighbours|) of them
 * drawn uniformly. Rounds, wire and optimizer: {@link PullGossip}.
 */
final class Pens implements AgentProgram {
    static final ParamSpec TOP_M = ParamSpec.whole("top_m", 2, 1, Integer.MAX_VALUE,
            "m, best-fitting sampled peers kept per selection round");
    static final ParamSpec PENS_ROUNDS = ParamSpec.whole("pens_rounds", 10, 0, Integer.MAX_VALUE,
            "R_pens, communication rounds of neighbour selection before gossip");
    static final List<ParamSpec> PARAMS = List.of(PullGossip.PEERS, TOP_M, PENS_ROUNDS, PullGossip.LOCAL_EPOCHS);

    private final AgentContext ctx;
    private final PullGossip gossip;
    private final int m;
    private final int rounds;
    private final int[] kept;
    private int[] neighbours;
    private double[] p;

    Pens(AgentContext ctx) {
        this.ctx = ctx;
        this.gossip = new PullGossip(ctx);
        this.m = ctx.params().integer(TOP_M);
        this.rounds = ctx.params().integer(PENS_ROUNDS);
        this.kept = new int[ctx.topology().size()];
        this.p = PeerSampling.uniformOver(kept.length, gossip.others());
    }

    @Override
    public void round(int k) {
        if (gossip.communicates(k)) {
            int r = gossip.communicationRound(k);
            gossip.publish(k, new float[0]);
            if (r < rounds) {
                select(k);
            } else {
                if (neighbours == null) {
                    neighbours = neighbours(kept, m, rounds);
                    p = PeerSampling.uniformOver(kept.length, neighbours);
                }
                // gossip: min(n, |neighbours|) of my neighbours, uniformly, size-weighted average
                int[] sampled = PeerSampling.sampleUniform(ctx.rng(), neighbours, gossip.n);
                gossip.average(gossip.pull(k, sampled, 0));
            }
        }
        gossip.localStep(k);
    }

    /** A selection round: n uniform peers, keep the m lowest losses on my data, count and average them. */
    private void select(int k) {
        int[] sampled = PeerSampling.sampleUniform(ctx.rng(), gossip.others(), gossip.n);
        List<PullGossip.Peer> peers = gossip.pull(k, sampled, 0);
        double[] loss = new double[kept.length];
        for (PullGossip.Peer peer : peers) {
            loss[peer.id()] = gossip.lossOnMyData(peer.x());
        }
        List<PullGossip.Peer> best = new ArrayList<>(peers);
        best.sort(Comparator.comparingDouble((PullGossip.Peer q) -> loss[q.id()]).thenComparingInt(PullGossip.Peer::id));
        best = best.subList(0, Math.min(m, best.size()));
        for (PullGossip.Peer q : best) {
            kept[q.id()]++;
        }
        gossip.average(best);
    }

    /** The peers kept more than m·R_pens/N times, ascending. */
    static int[] neighbours(int[] kept, int m, int rounds) {
        double expected = (double) m * rounds / kept.length;
        return java.util.stream.IntStream.range(0, kept.length).filter(j -> kept[j] > expected).toArray();
    }

    /** p_ij as the extra metrics {@code p.j}, for the report's heat maps. */
    @Override
    public void state(State s) {
        s.part("gossip", gossip);
        s.ints("kept", kept);
        s.doubles("p", p);
        neighbours = s.intArray("neighbours", neighbours);
        if (neighbours != null) {
            for (int j : neighbours) {
                if (j < 0 || j >= kept.length) {
                    throw new peerlearn.state.StateFormatException(s.path("neighbours") + ": agent " + j + " outside [0, "
                            + kept.length + ")");
                }
            }
        }
    }

    @Override public Map<String, Double> extraMetrics() { return PeerSampling.asMetrics(p); }
    @Override public float[] parameters() { return gossip.model.x; }
    @Override public double lastLoss() { return gossip.model.loss; }
}

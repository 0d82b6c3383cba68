package peerlearn.algo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The algorithm registry: every algorithm the runner and the command line know by name.
 * Adding an algorithm is one new file in this package plus one line here.
 */
public final class Algorithms {
    private Algorithms() {}

    /** All algorithms in the order {@code --help} lists them. */
    public static List<Algorithm> all() {
        return List.of(
                new Algorithm("local", "local-only SGD, no communication", Algorithm.Reach.NONE,
                        LocalOnly.PARAMS, LocalOnly::new),
                new Algorithm("allreduce", "all-reduce SGD: exact gradient average every step (centralized reference)",
                        Algorithm.Reach.EVERYONE, AllReduceSgd.PARAMS, AllReduceSgd::new),
                new Algorithm("fedavg", "FedAvg: H local steps, then exact model average", Algorithm.Reach.EVERYONE,
                        FedAvg.PARAMS, FedAvg::new),
                new Algorithm("dpsgd", "D-PSGD with relaxed gossip γ (Lian et al. 2017)", Algorithm.Reach.NEIGHBOURS,
                        DPsgd.PARAMS, DPsgd::new),
                new Algorithm("dsgdm-n", "decentralized SGD with local Nesterov momentum", Algorithm.Reach.NEIGHBOURS,
                        DsgdmN.PARAMS, DsgdmN::new),
                new Algorithm("qgm", "quasi-global momentum (Lin et al. 2021)", Algorithm.Reach.NEIGHBOURS,
                        Qgm.PARAMS, Qgm::new),
                new Algorithm("dmsgd", "momentum-accelerated consensus: parameters and momentum mixed (Balu et al. 2021)",
                        Algorithm.Reach.NEIGHBOURS, Dmsgd.PARAMS, Dmsgd::new),
                new Algorithm("choco", "CHOCO-SGD: compressed gossip with public copies (Koloskova et al. 2019)",
                        Algorithm.Reach.NEIGHBOURS, ChocoSgd.PARAMS, ChocoSgd::new),
                new Algorithm("gatta", "GATTA: gossip the body, graph-attention personalized last layer (Tian et al. 2023)",
                        Algorithm.Reach.NEIGHBOURS, Gatta.PARAMS, ctx -> new Gatta(ctx, false)),
                new Algorithm("gatta-ce", "communication-efficient GATTA: pull only neighbours with α_ij ≥ κ/n_i",
                        Algorithm.Reach.NEIGHBOURS, Gatta.EFFICIENT_PARAMS, ctx -> new Gatta(ctx, true)),
                new Algorithm("dpsgd-ft", "D-PSGD until round R, then local fine-tuning (personalization baseline)",
                        Algorithm.Reach.NEIGHBOURS, DPsgdFineTuned.PARAMS, DPsgdFineTuned::new),
                new Algorithm("deprl", "DePRL: gossiped body, personal head (Xiong et al. 2024)",
                        Algorithm.Reach.NEIGHBOURS, Deprl.PARAMS, Deprl::new),
                new Algorithm("ngc", "NGC: neighbourhood mean of self- and cross-gradients (Aketi et al. 2022)",
                        Algorithm.Reach.NEIGHBOURS, Ngc.PARAMS, Ngc::new),
                new Algorithm("compngc", "CompNGC: NGC with scaled-sign cross-gradients and error feedback, bit-packed",
                        Algorithm.Reach.NEIGHBOURS, Ngc.PARAMS, ctx -> new Ngc(ctx, new CompNgc(ctx))),
                new Algorithm("cga", "CGA: cross-gradient aggregation by a small QP per layer (Esfandiari et al. 2021)",
                        Algorithm.Reach.NEIGHBOURS, Cga.PARAMS, Cga::new),
                new Algorithm("compcga", "compressed CGA: CGA with CompNGC's compressor",
                        Algorithm.Reach.NEIGHBOURS, Cga.PARAMS, ctx -> new Cga(ctx, new CompNgc(ctx))),
                new Algorithm("dac", "DAC: pull peers sampled by similarity, two-hop discovery (Listo Zec et al. 2022)",
                        Algorithm.Reach.EVERYONE, Dac.PARAMS, ctx -> new Dac(ctx, Dac.SCHEDULE)),
                new Algorithm("dac-var", "DAC-var: DAC with τ rising from 1 to τ + 1 over the rounds",
                        Algorithm.Reach.EVERYONE, Dac.VAR_PARAMS, ctx -> new Dac(ctx, Dac.VAR_SCHEDULE)),
                new Algorithm("pens", "PENS: keep the best-fitting sampled peers, then gossip with them (Onoszko et al. 2021)",
                        Algorithm.Reach.EVERYONE, Pens.PARAMS, Pens::new),
                new Algorithm("random", "random gossip: pull n peers drawn uniformly, size-weighted average",
                        Algorithm.Reach.EVERYONE, RandomGossip.PARAMS, RandomGossip::random),
                new Algorithm("oracle", "oracle gossip: random gossip within the true cluster of the split",
                        Algorithm.Reach.EVERYONE, RandomGossip.PARAMS, RandomGossip::oracle));
    }

    /** The algorithm called {@code name}; the error lists the known names. */
    public static Algorithm get(String name) {
        for (Algorithm a : all()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + String.join(", ", names()));
    }

    public static List<String> names() {
        return all().stream().map(Algorithm::name).toList();
    }

    /** Names to algorithms, in listing order. */
    public static Map<String, Algorithm> byName() {
        Map<String, Algorithm> m = new LinkedHashMap<>();
        for (Algorithm a : all()) {
            m.put(a.name(), a);
        }
        return m;
    }
}

package peerlearn.graph;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Parses topology and mixing specifications written as short strings (the grammar is in
 * {@code package-info.java}). Every error names the spec and what was expected.
 */
public final class TopologySpec {
    private TopologySpec() {}

    /** The specs {@link #graph} understands, for usage messages. */
    public static final String GRAPHS = "ring, chain, torus[:RxC], complete, star, er:P, kregular:K, exponential, "
            + "bipartite[:AxB], file:PATH";
    /** The time-varying and explicit specs {@link #topology} adds. */
    public static final String SCHEDULES = "onepeer-exp, kregular-each-round:K, matrix:PATH";
    /** The mixing rules {@link #mixing} understands. */
    public static final String MIXINGS = "metropolis (default), uniform, lazy, relaxed:GAMMA";

    /** A static graph on {@code agents} agents; random families draw from {@code seed}. */
    public static Graph graph(String spec, int agents, long seed) {
        String kind = head(spec);
        String arg = tail(spec);
        Graph g = switch (kind) {
            case "ring" -> Graphs.ring(agents);
            case "chain", "path" -> Graphs.chain(agents);
            case "complete", "full" -> Graphs.complete(agents);
            case "star" -> Graphs.star(agents);
            case "exponential", "exp" -> Graphs.exponential(agents);
            case "torus" -> {
                int[] rc = arg == null ? squareSides(spec, agents) : sides(spec, arg);
                yield Graphs.torus(rc[0], rc[1]);
            }
            case "bipartite" -> {
                int[] ab = arg == null ? new int[] {agents / 2, agents - agents / 2} : sides(spec, arg);
                yield Graphs.completeBipartite(ab[0], ab[1]);
            }
            case "er" -> Graphs.erdosRenyi(agents, number(spec, require(spec, arg, "an edge probability, e.g. er:0.25")), seed);
            case "kregular" -> Graphs.randomRegular(agents, integer(spec, require(spec, arg, "a degree, e.g. kregular:4")), seed);
            case "file" -> Graphs.fromEdgeFile(Path.of(require(spec, arg, "a path, e.g. file:edges.txt")), agents);
            default -> throw new IllegalArgumentException("unknown topology '" + spec + "'; expected one of " + GRAPHS
                    + ", " + SCHEDULES);
        };
        if (g.size() != agents) {
            throw new IllegalArgumentException("topology '" + spec + "' has " + g.size() + " agents but " + agents
                    + " were asked for");
        }
        return g.renamed(spec);
    }

    /** A mixing rule: a function from a graph to its mixing matrix. */
    public static Function<Graph, MixingMatrix> mixing(String spec) {
        String kind = head(spec);
        String arg = tail(spec);
        return switch (kind) {
            case "metropolis", "mh", "metropolis-hastings" -> MixingMatrix::metropolisHastings;
            case "uniform" -> MixingMatrix::uniform;
            case "lazy" -> g -> MixingMatrix.metropolisHastings(g).lazy();
            case "relaxed" -> {
                double gamma = number(spec, require(spec, arg, "γ, e.g. relaxed:0.5"));
                MixingMatrix.metropolisHastings(Graphs.ring(1)).relaxed(gamma); // checks γ now
                yield g -> MixingMatrix.metropolisHastings(g).relaxed(gamma);
            }
            default -> throw new IllegalArgumentException("unknown mixing '" + spec + "'; expected one of " + MIXINGS);
        };
    }

    /**
     * A topology: a static graph spec weighted by the mixing rule, a time-varying schedule
     * ({@code onepeer-exp}, {@code kregular-each-round:K}), or an explicit matrix
     * ({@code matrix:PATH}, validated; the mixing rule is then not used). The result is checked:
     * static topologies must be connected and, where the rule promises it, doubly stochastic.
     */
    public static Topology topology(String spec, String mixingSpec, int agents, long seed) {
        String kind = head(spec);
        String arg = tail(spec);
        Function<Graph, MixingMatrix> rule = mixing(mixingSpec == null ? "metropolis" : mixingSpec);
        return switch (kind) {
            case "onepeer-exp", "onepeer" -> Topology.onePeerExponential(agents);
            case "kregular-each-round" -> Topology.randomRegularEachRound(agents,
                    integer(spec, require(spec, arg, "a degree, e.g. kregular-each-round:4")), seed, rule);
            case "matrix" -> {
                Path file = Path.of(require(spec, arg, "a path, e.g. matrix:w.txt"));
                MixingMatrix w = MixingMatrix.fromFile(file);
                try {
                    w.validate(1e-9);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("mixing matrix " + file + ": " + e.getMessage(), e);
                }
                if (w.size() != agents) {
                    throw new IllegalArgumentException("mixing matrix '" + arg + "' has " + w.size() + " agents but "
                            + agents + " were asked for");
                }
                yield Topology.fixed(w);
            }
            default -> {
                MixingMatrix w = rule.apply(graph(spec, agents, seed)).requireConnected().requireNonNegative();
                yield Topology.fixed(w);
            }
        };
    }

    private static String head(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty topology/mixing spec");
        }
        int c = spec.indexOf(':');
        return (c < 0 ? spec : spec.substring(0, c)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String tail(String spec) {
        int c = spec.indexOf(':');
        return c < 0 ? null : spec.substring(c + 1).strip();
    }

    private static String require(String spec, String arg, String what) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' needs " + what);
        }
        return arg;
    }

    private static double number(String spec, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + s + "' is not a number");
        }
    }

    private static int integer(String spec, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + s + "' is not an integer");
        }
    }

    private static int[] sides(String spec, String arg) {
        String[] p = arg.toLowerCase(java.util.Locale.ROOT).split("x");
        if (p.length != 2) {
            throw new IllegalArgumentException("'" + spec + "': expected sides like 4x4, got '" + arg + "'");
        }
        return new int[] {integer(spec, p[0]), integer(spec, p[1])};
    }

    private static int[] squareSides(String spec, int agents) {
        int r = (int) Math.round(Math.sqrt(agents));
        if (r * r != agents) {
            throw new IllegalArgumentException("'" + spec + "' without sides needs a square number of agents, got "
                    + agents + "; write e.g. torus:" + Math.max(1, r) + "x" + Math.max(1, agents / Math.max(1, r)));
        }
        return new int[] {r, r};
    }
}

package peerlearn.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import peerlearn.algo.AgentContext;
import peerlearn.algo.AgentProgram;
import peerlearn.algo.Algorithm;
import peerlearn.algo.Training;
import peerlearn.graph.Graph;
import peerlearn.graph.Graphs;
import peerlearn.graph.Topology;
import peerlearn.graph.TopologySpec;
import peerlearn.net.AgentRuntime;
import peerlearn.net.Endpoint;
import peerlearn.net.Faults;
import peerlearn.net.InMemoryNetwork;
import peerlearn.objective.Evaluation;
import peerlearn.objective.Objective;
import peerlearn.optim.Schedule;
import peerlearn.rng.Rng;

/**
 * Runs one experiment: builds the problem, topology, network and one program per agent, runs
 * every agent on its own virtual thread ({@link AgentRuntime}), and gathers the metrics at each
 * evaluation point.
 *
 * <p>Evaluation points are "after r rounds" for r = 0 (every agent's x⁰, scored before the
 * agents start), e, 2e, … and the last round. Right after
 * such a round each agent scores its own model on its own thread (its test split and the global
 * test set) and hands a copy of its parameters to the runtime's observer, which forms
 * x̄ = (1/N) Σ_i x_i in agent-id order, the consensus distance (1/N) Σ_i ‖x_i − x̄‖² (in double)
 * and x̄'s global accuracy. No agent waits for the observer, so evaluation adds no barrier the
 * algorithm does not have. Crashed agents are left out of a point. The scoring, and with a
 * validation split the choice of which model's test numbers are reported (key {@code select}),
 * is {@link ModelSelection}'s.
 *
 * <p>After every round each agent's parameters and training loss are checked; the first NaN or
 * infinity stops the run with a {@link DivergenceException} naming agent, round and quantity.
 */
public final class Runner {
    private Runner() {}

    /** Runs {@code c} to the end, reporting each evaluation point to {@code progress}. */
    public static RunResult run(ExperimentConfig c, Progress progress) {
        return run(c, progress, new DataSets());
    }

    /** As {@link #run(ExperimentConfig, Progress)}, reading data sets through {@code data}. */
    public static RunResult run(ExperimentConfig c, Progress progress, DataSets data) {
        Topology topology = topology(c); // first: a bad topology is refused before any data are read
        Problem problem = Problems.create(c, data);
        int n = c.agents();
        long seed = c.seed();
        double meanSamples = 0;
        for (int i = 0; i < n; i++) {
            meanSamples += problem.trainSamples(i);
        }
        meanSamples /= n;
        int roundsPerEpoch = Math.max(1, (int) Math.ceil(meanSamples / c.integer("batch")));
        int rounds = c.has("rounds") ? c.integer("rounds") : (int) Math.ceil(c.number("epochs") * roundsPerEpoch);
        int every = c.has("eval_every") ? c.integer("eval_every") : Math.max(1, rounds / 20);
        int epochs = Math.max(1, (int) Math.ceil((double) rounds / roundsPerEpoch));
        Training training = new Training(Schedule.parse(c.text("schedule"), c.number("lr"), epochs), roundsPerEpoch,
                c.text("optimizer"), (float) c.number("momentum"), c.bool("nesterov"), (float) c.number("weight_decay"),
                c.params());
        Objective[] objectives = new Objective[n];
        for (int i = 0; i < n; i++) {
            objectives[i] = problem.objective(i);
        }
        int d = objectives[0].dimension();
        Objective evaluator = problem.evaluator();
        int[] clusters = problem.clusters(n);
        ModelSelection selection = new ModelSelection(c.text("select"), problem, n);
        List<EvalPoint> points = new ArrayList<>();
        long t0 = System.nanoTime();
        progress.start(c.name(), rounds);
        try {
            points.add(initialPoint(objectives, problem, evaluator, d, selection));
            progress.point(points.getLast(), rounds);
            execute(c.algorithm(), objectives, topology, training, rounds, seed, faults(c), clusters, selection,
                    k -> (k + 1) % every == 0 || k == rounds - 1,
                    (k, snaps) -> {
                        points.add(aggregate(k + 1, roundsPerEpoch, (System.nanoTime() - t0) / 1e9, snaps, problem,
                                evaluator, d));
                        progress.point(points.getLast(), rounds);
                    });
        } finally {
            progress.finish();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new RunResult(c, problem.description(), topology.at(0), d, rounds, roundsPerEpoch, wall, points, clusters);
    }

    /**
     * Trains {@code objectives.length} agents running {@code algorithm} for {@code rounds} rounds
     * and returns each agent's final parameters (for theory tests and embedders: no evaluation,
     * no files).
     */
    public static float[][] train(Algorithm algorithm, Objective[] objectives, Topology topology, Training training,
                                  int rounds, long seed) {
        return train(algorithm, objectives, topology, training, rounds, seed, Faults.none());
    }

    /** As {@link #train(Algorithm, Objective[], Topology, Training, int, long)} with faults injected. */
    public static float[][] train(Algorithm algorithm, Objective[] objectives, Topology topology, Training training,
                                  int rounds, long seed, Faults faults) {
        return train(algorithm, objectives, topology, training, rounds, seed, faults, new int[objectives.length]);
    }

    /**
     * As {@link #train(Algorithm, Objective[], Topology, Training, int, long, Faults)} on a split
     * whose ground-truth clusters are {@code clusters} (for oracle baselines).
     */
    public static float[][] train(Algorithm algorithm, Objective[] objectives, Topology topology, Training training,
                                  int rounds, long seed, Faults faults, int[] clusters) {
        int n = objectives.length;
        float[][] result = new float[n][];
        execute(algorithm, objectives, topology, training, rounds, seed, faults, clusters, null, k -> k == rounds - 1,
                (k, snaps) -> {
                    for (int i = 0; i < n; i++) {
                        result[i] = snaps.get(i) == null ? null : snaps.get(i).x();
                    }
                });
        return result;
    }

    /** What an agent hands over after an evaluated round: its metrics (null without a problem), x_i, edge weights. */
    private record Snapshot(AgentMetrics metrics, float[] x, double[] edgeWeights) {}

    private static void execute(Algorithm algorithm, Objective[] objectives, Topology topology, Training training,
                                int rounds, long seed, Faults faults, int[] clusters, ModelSelection selection,
                                java.util.function.IntPredicate observeAt, AgentRuntime.Observer<Snapshot> observer) {
        int n = objectives.length;
        if (topology.size() != n) {
            throw new IllegalArgumentException("topology has " + topology.size() + " agents, " + n + " objectives given");
        }
        Graph contacts = switch (algorithm.reach()) {
            case NONE -> new Graph("none", new int[n][0]);
            case NEIGHBOURS -> topology.contactGraph();
            case EVERYONE -> Graphs.complete(n);
        };
        InMemoryNetwork network = new InMemoryNetwork(contacts, faults);
        List<AgentRuntime.Agent<Snapshot>> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AgentContext ctx = new AgentContext(i, network.endpoint(i), objectives[i], topology,
                    Rng.stream(seed, i, "algorithm"), training, clusters);
            agents.add(new Agent(i, algorithm.create(ctx), objectives[i], ctx.net(), selection));
        }
        try {
            AgentRuntime.run(network, rounds, agents, observeAt, observer);
        } catch (AgentRuntime.AgentFailure f) {
            if (f.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw f;
        }
    }

    /**
     * One agent as the runtime sees it: the program's round, the divergence check, and the
     * evaluation snapshot (scored by {@code selection}; none without a problem).
     */
    private record Agent(int id, AgentProgram program, Objective objective, Endpoint net, ModelSelection selection)
            implements AgentRuntime.Agent<Snapshot> {
        @Override
        public void round(int k) {
            program.round(k);
            double loss = program.lastLoss();
            if (Double.isInfinite(loss)) {
                throw new DivergenceException(id, k, "training loss", loss);
            }
            float[] x = program.parameters();
            for (int c = 0; c < x.length; c++) {
                if (!Float.isFinite(x[c])) {
                    throw new DivergenceException(id, k, "parameter x[" + c + "]", x[c]);
                }
            }
        }

        @Override
        public Snapshot snapshot(int k) {
            float[] x = program.parameters();
            AgentMetrics m = selection == null ? null
                    : selection.score(id, k + 1, objective, x, program.lastLoss(), net.bytesSent(), program.extraMetrics());
            return new Snapshot(m, x.clone(), program.edgeWeights());
        }
    }

    private static EvalPoint aggregate(int round, int roundsPerEpoch, double wall, List<Snapshot> snaps, Problem problem,
                                       Objective evaluator, int d) {
        List<Snapshot> live = snaps.stream().filter(java.util.Objects::nonNull).toList();
        int n = live.size();
        // x̄ = (1/N) Σ_i x_i, in agent-id order, in double
        double[] mean = new double[d];
        for (Snapshot s : live) {
            for (int c = 0; c < d; c++) {
                mean[c] += s.x()[c];
            }
        }
        float[] xBar = new float[d];
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
            xBar[c] = (float) mean[c];
        }
        // (1/N) Σ_i ‖x_i − x̄‖²
        double consensus = 0;
        for (Snapshot s : live) {
            for (int c = 0; c < d; c++) {
                double e = s.x()[c] - mean[c];
                consensus += e * e;
            }
        }
        consensus /= n;
        Evaluation avg = problem.evaluateGlobal(evaluator, xBar);
        List<AgentMetrics> metrics = live.stream().map(Snapshot::metrics).toList();
        for (AgentMetrics m : metrics) {
            checkFinite(m.agent(), round, "loss on its test split", m.localLoss());
            checkFinite(m.agent(), round, "loss on the global test set", m.globalLoss());
        }
        List<double[]> edges = new ArrayList<>();
        for (Snapshot s : snaps) {
            edges.add(s == null ? null : s.edgeWeights());
        }
        return new EvalPoint(round, (double) round / roundsPerEpoch, wall, metrics, avg.accuracy(), avg.loss(), consensus,
                edges);
    }

    /** The point "after 0 rounds": every agent's x⁰ scored on this thread before the agents start. */
    private static EvalPoint initialPoint(Objective[] objectives, Problem problem, Objective evaluator, int d,
                                          ModelSelection selection) {
        List<Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < objectives.length; i++) {
            float[] x = objectives[i].initialParameters();
            snaps.add(new Snapshot(selection.score(i, 0, objectives[i], x, Double.NaN, 0, Map.of()), x, null));
        }
        return aggregate(0, 1, 0, snaps, problem, evaluator, d);
    }

    private static void checkFinite(int agent, int round, String quantity, double v) {
        if (Double.isInfinite(v) || Double.isNaN(v)) {
            throw new DivergenceException(agent, round, quantity, v);
        }
    }

    /** The configuration's topology (graph spec + mixing rule, or a time-varying schedule). */
    static Topology topology(ExperimentConfig c) {
        try {
            return TopologySpec.topology(c.text("topology"), c.text("mixing"), c.agents(), c.seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("topology = '" + c.text("topology") + "', mixing = '" + c.text("mixing")
                    + "': " + e.getMessage());
        }
    }

    /** The configuration's faults: {@code none}, or items {@code drop:P}, {@code crash:A@R}, {@code straggler:A@MS} joined by commas. */
    static Faults faults(ExperimentConfig c) {
        String spec = c.text("faults");
        Faults f = Faults.none();
        if (spec.equals("none") || spec.isEmpty()) {
            return f;
        }
        double drop = 0;
        for (String item : spec.split(",")) {
            String[] kv = item.trim().split(":", 2);
            try {
                if (kv.length != 2) {
                    throw new IllegalArgumentException("expected KIND:VALUE");
                }
                switch (kv[0]) {
                    case "drop" -> drop = Faults.drops(c.seed(), Double.parseDouble(kv[1])).dropProbability(); // checks P
                    case "crash", "straggler" -> {
                        String[] ar = kv[1].split("@", 2);
                        if (ar.length != 2) {
                            throw new IllegalArgumentException("expected " + kv[0] + ":AGENT@" + (kv[0].equals("crash") ? "ROUND" : "MS"));
                        }
                        int agent = Integer.parseInt(ar[0].trim());
                        if (agent < 0 || agent >= c.agents()) {
                            throw new IllegalArgumentException("agent " + agent + " is not in [0, " + c.agents() + ")");
                        }
                        f = kv[0].equals("crash") ? f.withCrash(agent, Integer.parseInt(ar[1].trim()))
                                : f.withStraggler(agent, Long.parseLong(ar[1].trim()));
                    }
                    default -> throw new IllegalArgumentException("unknown fault kind '" + kv[0] + "' (drop, crash, straggler)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("faults = '" + spec + "': item '" + item.trim() + "': " + e.getMessage());
            }
        }
        if (f.crashes().size() == c.agents()) {
            throw new IllegalArgumentException("faults = '" + spec + "': every one of the " + c.agents()
                    + " agents crashes; at least one must survive");
        }
        return new Faults(c.seed(), drop, f.crashes(), f.stragglerMillis());
    }
}

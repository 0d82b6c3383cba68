package peerlearn.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import peerlearn.state.StateFormatException;
import peerlearn.state.StateReader;
import peerlearn.state.StateWriter;

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
 *
 * <p>Checkpoints ({@code checkpoint_every = K}): after every K-th round each agent saves its
 * program, objective and random stream on its own thread and waits; the runtime's observer then
 * adds the network and the evaluation points and writes {@link Checkpoint#FILE} atomically.
 * {@link #resume} rebuilds the run from its configuration, restores that state and runs the
 * remaining rounds.
 */
public final class Runner {
    private Runner() {}

    /** Runs {@code c} to the end, reporting each evaluation point to {@code progress}. */
    public static RunResult run(ExperimentConfig c, Progress progress) {
        return run(c, progress, new DataSets());
    }

    /** As {@link #run(ExperimentConfig, Progress)}, reading data sets through {@code data}. */
    public static RunResult run(ExperimentConfig c, Progress progress, DataSets data) {
        return run(c, progress, data, null, NEVER);
    }

    /** {@code haltAfter} for a run that is not stopped early. */
    public static final int NEVER = Integer.MAX_VALUE;

    /**
     * As {@link #run(ExperimentConfig, Progress, DataSets)}, writing {@code dir/checkpoint.bin}
     * after every {@code checkpoint_every} rounds (the configuration is written to
     * {@code dir/config.properties} first, so {@link #resume} finds it). {@code haltAfter} stops
     * every agent after that round as if the process had been killed there (a test hook; the run
     * then ends with a {@link RunHaltedException}); {@link #NEVER} for a whole run.
     */
    public static RunResult run(ExperimentConfig c, Progress progress, DataSets data, Path dir, int haltAfter) {
        Plan plan = plan(c, data);
        if (c.integer("checkpoint_every") > 0) {
            if (dir == null) {
                throw new IllegalArgumentException("checkpoint_every = " + c.integer("checkpoint_every")
                        + " needs a run folder to write " + Checkpoint.FILE + " into");
            }
            try {
                Files.createDirectories(dir);
                c.write(dir.resolve(CONFIG));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir.resolve(CONFIG) + ": " + e.getMessage(), e);
            }
        }
        return go(plan, progress, dir, null, haltAfter);
    }

    /**
     * Continues the run in {@code dir} from its {@code checkpoint.bin}, with the configuration in
     * {@code dir/config.properties}; the result is the one the run would have had without the
     * interruption (bit for bit but for the wall-clock times, which go on from the checkpoint's).
     * A checkpoint of another configuration or peerlearn version, or a damaged one, is refused
     * with a {@link Checkpoint.CheckpointException} naming the file and what differs.
     */
    public static RunResult resume(Path dir, Progress progress, DataSets data, int haltAfter) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException(dir + " is not a run folder with a checkpoint: no " + CONFIG);
        }
        ExperimentConfig c = ExperimentConfig.load(configFile, Map.of());
        Checkpoint.Contents ck = Checkpoint.read(dir.resolve(Checkpoint.FILE));
        Checkpoint.requireSameRun(ck, c, configFile.toString());
        return go(plan(c, data), progress, dir, ck, haltAfter);
    }

    static final String CONFIG = "config.properties";

    /** Everything a run is built from, before any agent exists. */
    private record Plan(ExperimentConfig c, Topology topology, Problem problem, Training training, Objective[] objectives,
                        int d, Objective evaluator, int[] clusters, int rounds, int roundsPerEpoch, int every,
                        ModelSelection selection) {}

    private static Plan plan(ExperimentConfig c, DataSets data) {
        Topology topology = topology(c); // first: a bad topology is refused before any data are read
        Problem problem = Problems.create(c, data);
        int n = c.agents();
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
        return new Plan(c, topology, problem, training, objectives, objectives[0].dimension(), problem.evaluator(),
                problem.clusters(n), rounds, roundsPerEpoch, every, new ModelSelection(c.text("select"), problem, n));
    }

    private static RunResult go(Plan p, Progress progress, Path dir, Checkpoint.Contents from, int haltAfter) {
        ExperimentConfig c = p.c();
        int rounds = p.rounds();
        int every = p.every();
        int checkpointEvery = c.integer("checkpoint_every");
        Crew crew = crew(c.algorithm(), p.objectives(), p.topology(), p.training(), c.seed(), faults(c), p.clusters(),
                p.selection());
        List<EvalPoint> points = new ArrayList<>();
        int start = 0;
        double wallBefore = 0;
        if (from != null) {
            if (from.roundsDone() >= rounds) {
                throw new Checkpoint.CheckpointException("checkpoint " + from.file() + " is after round "
                        + from.roundsDone() + " of a run of " + rounds + " rounds: nothing is left to resume");
            }
            try {
                StateReader r = new StateReader(from.payload());
                wallBefore = r.number("wall_seconds", 0);
                points.addAll(Points.state(r, null, c.agents(), from.roundsDone()));
                r.part("network", crew.network());
                for (Agent a : crew.agents()) {
                    a.restore(r.bytes("agent_" + a.id(), null), from.roundsDone(), crew.network().faults());
                }
                r.requireEnd();
            } catch (StateFormatException | UnsupportedOperationException e) {
                throw Checkpoint.unfit(from, e);
            }
            start = from.roundsDone();
        }
        if (haltAfter < start) { // nothing to run: a restore checked and stopped (tests)
            throw new RunHaltedException(haltAfter);
        }
        long t0 = System.nanoTime() - (long) (wallBefore * 1e9);
        progress.start(c.name(), rounds);
        AgentRuntime.Saver saver = (k, states) -> {
            long w0 = System.nanoTime();
            StateWriter w = new StateWriter();
            w.number("wall_seconds", (w0 - t0) / 1e9);
            Points.state(w, points, c.agents(), k + 1);
            w.part("network", crew.network());
            for (int i = 0; i < states.size(); i++) {
                w.bytes("agent_" + i, states.get(i));
            }
            byte[] file = Checkpoint.encode(Checkpoint.PEERLEARN_VERSION, Checkpoint.recorded(c), k + 1, w.toBytes());
            Checkpoint.write(dir.resolve(Checkpoint.FILE), file);
            progress.checkpoint(k + 1, file.length, (System.nanoTime() - w0) / 1e9);
        };
        AgentRuntime.Options options = new AgentRuntime.Options(start,
                k -> checkpointEvery > 0 && (k + 1) % checkpointEvery == 0 && k < rounds - 1, saver,
                haltAfter == NEVER ? Integer.MAX_VALUE : haltAfter);
        try {
            if (from == null) {
                points.add(initialPoint(p.objectives(), p.problem(), p.evaluator(), p.d(), p.selection()));
            }
            progress.point(points.getLast(), rounds); // x⁰, or the last point before the checkpoint
            execute(crew, rounds, k -> (k + 1) % every == 0 || k == rounds - 1,
                    (k, snaps) -> {
                        points.add(aggregate(k + 1, p.roundsPerEpoch(), (System.nanoTime() - t0) / 1e9,
                                withReplies(crew.network(), k, snaps), p.problem(), p.evaluator(), p.d()));
                        progress.point(points.getLast(), rounds);
                    }, options);
        } finally {
            progress.finish();
        }
        if (haltAfter < rounds - 1) {
            throw new RunHaltedException(haltAfter);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new RunResult(c, p.problem().description(), p.topology().at(0), p.d(), rounds, p.roundsPerEpoch(), wall,
                points, p.clusters());
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
        execute(crew(algorithm, objectives, topology, training, seed, faults, clusters, null), rounds, k -> k == rounds - 1,
                (k, snaps) -> {
                    for (int i = 0; i < n; i++) {
                        result[i] = snaps.get(i) == null ? null : snaps.get(i).x();
                    }
                }, AgentRuntime.Options.plain());
        return result;
    }

    /** What an agent hands over after an evaluated round: its metrics (null without a problem), x_i, edge weights. */
    private record Snapshot(AgentMetrics metrics, float[] x, double[] edgeWeights) {}

    /** The network and one agent per objective, built but not started. */
    private record Crew(InMemoryNetwork network, List<Agent> agents) {}

    private static Crew crew(Algorithm algorithm, Objective[] objectives, Topology topology, Training training, long seed,
                             Faults faults, int[] clusters, ModelSelection selection) {
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
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AgentContext ctx = new AgentContext(i, network.endpoint(i), objectives[i], topology,
                    Rng.stream(seed, i, "algorithm"), training, clusters);
            agents.add(new Agent(i, algorithm.create(ctx), objectives[i], ctx.net(), ctx.rng(), selection));
        }
        return new Crew(network, agents);
    }

    private static void execute(Crew crew, int rounds, java.util.function.IntPredicate observeAt,
                                AgentRuntime.Observer<Snapshot> observer, AgentRuntime.Options options) {
        try {
            AgentRuntime.run(crew.network(), rounds, crew.agents(), observeAt, observer, options);
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
    private record Agent(int id, AgentProgram program, Objective objective, Endpoint net, Rng rng, ModelSelection selection)
            implements AgentRuntime.Agent<Snapshot> {
        /** Program, objective (minibatch stream, model state) and the algorithm's random stream. */
        @Override
        public byte[] save(int k) {
            StateWriter w = new StateWriter();
            w.part("program", program);
            w.part("objective", objective);
            w.part("rng", rng);
            if (selection != null) {
                w.part("selection", selection.of(id));
            }
            return w.toBytes();
        }

        /** Restores what {@link #save} wrote; null for an agent crashed by then, which never runs again. */
        void restore(byte[] saved, int roundsDone, Faults faults) {
            boolean crashed = faults.crashRound(id) < roundsDone;
            if (saved == null) {
                if (!crashed) {
                    throw new StateFormatException("agent_" + id + ": no state for an agent that is still running");
                }
                return;
            }
            try {
                StateReader r = new StateReader(saved);
                r.part("program", program);
                r.part("objective", objective);
                r.part("rng", rng);
                if (selection != null) {
                    r.part("selection", selection.of(id));
                }
                r.requireEnd();
            } catch (StateFormatException e) {
                throw new StateFormatException("agent " + id + ": " + e.getMessage());
            }
        }

        @Override
        public void round(int k) {
            program.round(k);
            double loss = program.lastLoss();
            if (Double.isInfinite(loss)) {
                throw new DivergenceException(id, k, "training loss", loss);
            }
            float[] x = program.parameters();
            if (!allFinite(x)) { // then the first culprit is looked for
                for (int c = 0; c < x.length; c++) {
                    if (!Float.isFinite(x[c])) {
                        throw new DivergenceException(id, k, "parameter x[" + c + "]", x[c]);
                    }
                }
            }
        }

        @Override
        public Snapshot snapshot(int k) {
            float[] x = program.parameters();
            AgentMetrics m = selection == null ? null
                    : selection.score(id, k + 1, objective, x, program.lastLoss(), net.ownBytesSent(), program.extraMetrics());
            return new Snapshot(m, x.clone(), program.edgeWeights());
        }
    }

    /**
     * Whether every element of x is finite: max |x_c| is, as NaN and ±∞ carry through Math.max. The
     * loop, without an exit, is vectorized by C2: 9 µs for LeNet-5's 61,706 parameters on a Zen 2
     * core against 27 for a test of each element that leaves at the first non-finite one, every
     * agent-round.
     */
    static boolean allFinite(float[] x) {
        float m = 0f;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m < Float.POSITIVE_INFINITY;
    }

    /**
     * The snapshots with each agent's bytes sent through round k: its own sends (counted on its
     * thread) plus the replies to pulls others made from it in rounds ≤ k (all done by now, since
     * every live agent has completed round k), so the count does not depend on scheduling.
     */
    private static List<Snapshot> withReplies(InMemoryNetwork net, int k, List<Snapshot> snaps) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : snaps) {
            AgentMetrics m = s == null ? null : s.metrics();
            out.add(m == null ? s : new Snapshot(new AgentMetrics(m.agent(), m.localAccuracy(), m.localLoss(),
                    m.globalAccuracy(), m.globalLoss(), m.trainLoss(), net.bytesSentThrough(m.agent(), k, m.bytesSent()),
                    m.extra()), s.x(), s.edgeWeights()));
        }
        return out;
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

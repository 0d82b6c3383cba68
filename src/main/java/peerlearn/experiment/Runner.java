package peerlearn.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import peerlearn.algo.Algorithm;
import peerlearn.algo.AgentContext;
import peerlearn.algo.AgentProgram;
import peerlearn.algo.Training;
import peerlearn.graph.Graph;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.objective.Evaluation;
import peerlearn.objective.Objective;
import peerlearn.optim.Schedule;
import peerlearn.rng.Rng;

/**
 * Runs one experiment: builds the problem, topology, network and one program per agent, runs
 * every agent on its own virtual thread, and gathers the metrics at each evaluation point.
 *
 * <p>Evaluation points are "after r rounds" for r = 0, e, 2e, …, and the last round. Each agent
 * scores its own model on its own thread (its test split and the global test set), then hands a
 * copy of its parameters to the gatherer, which forms x̄ = (1/N) Σ_i x_i in agent-id order, the
 * consensus distance (1/N) Σ_i ‖x_i − x̄‖² (in double) and x̄'s global accuracy. No agent waits
 * for the gatherer, so evaluation adds no barrier the algorithm does not have.
 *
 * <p>After every round each agent's parameters and training loss are checked; the first NaN or
 * infinity stops the run with a {@link DivergenceException} naming agent, round and quantity.
 */
public final class Runner {
    private Runner() {}

    /** Runs {@code c} to the end, reporting each evaluation point to {@code progress}. */
    public static RunResult run(ExperimentConfig c, Progress progress) {
        Problem problem = Problems.create(c);
        int n = c.agents();
        long seed = c.seed();
        Topology topology = topology(c);
        Algorithm algorithm = c.algorithm();
        double meanSamples = 0;
        for (int i = 0; i < n; i++) {
            meanSamples += problem.trainSamples(i);
        }
        meanSamples /= n;
        int batch = c.integer("batch");
        int roundsPerEpoch = Math.max(1, (int) Math.ceil(meanSamples / batch));
        int rounds = c.has("rounds") ? c.integer("rounds") : (int) Math.ceil(c.number("epochs") * roundsPerEpoch);
        int every = c.has("eval_every") ? c.integer("eval_every") : Math.max(1, rounds / 20);
        List<Integer> evalRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r += every) {
            evalRounds.add(r);
        }
        evalRounds.add(rounds);
        int epochs = Math.max(1, (int) Math.ceil((double) rounds / roundsPerEpoch));
        Training training = new Training(Schedule.parse(c.text("schedule"), c.number("lr"), epochs), roundsPerEpoch,
                c.text("optimizer"), (float) c.number("momentum"), c.bool("nesterov"), (float) c.number("weight_decay"),
                c.params());

        Objective[] objectives = new Objective[n];
        for (int i = 0; i < n; i++) {
            objectives[i] = problem.objective(i);
        }
        int d = objectives[0].dimension();
        long t0 = System.nanoTime();
        List<EvalPoint> points = new ArrayList<>();
        Objective evaluator = problem.evaluator();
        progress.start(c.name(), rounds);
        try {
            execute(algorithm, objectives, topology, training, rounds, seed, evalRounds, problem, (p, g) -> {
                points.add(g.aggregate(p, evalRounds.get(p), roundsPerEpoch, (System.nanoTime() - t0) / 1e9,
                        problem, evaluator, d));
                progress.point(points.getLast(), rounds);
            });
        } finally {
            progress.finish();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new RunResult(c, problem.description(), topology.at(0), d, rounds, roundsPerEpoch, wall, points);
    }

    /**
     * Trains {@code objectives.length} agents running {@code algorithm} for {@code rounds} rounds
     * and returns each agent's final parameters (for theory tests and embedders: no evaluation,
     * no files).
     */
    public static float[][] train(Algorithm algorithm, Objective[] objectives, Topology topology, Training training,
                                  int rounds, long seed) {
        int n = objectives.length;
        float[][] result = new float[n][];
        execute(algorithm, objectives, topology, training, rounds, seed, List.of(rounds), null,
                (p, g) -> System.arraycopy(g.params[p], 0, result, 0, n));
        return result;
    }

    /** Called on the runner's thread when evaluation point p is complete. */
    private interface PointHandler {
        void complete(int p, Gatherer g);
    }

    private static void execute(Algorithm algorithm, Objective[] objectives, Topology topology, Training training,
                                int rounds, long seed, List<Integer> evalRounds, Problem problem, PointHandler handler) {
        int n = objectives.length;
        if (topology.size() != n) {
            throw new IllegalArgumentException("topology has " + topology.size() + " agents, " + n + " objectives given");
        }
        Graph comm = switch (algorithm.reach()) {
            case NONE -> new Graph("none", new int[n][0]);
            case NEIGHBOURS -> topology.at(0).graph();
            case EVERYONE -> complete(n);
        };
        LoopbackNetwork network = new LoopbackNetwork(comm);
        AgentProgram[] programs = new AgentProgram[n];
        for (int i = 0; i < n; i++) {
            AgentContext ctx = new AgentContext(i, network.endpoint(i), objectives[i], topology,
                    Rng.stream(seed, i, "algorithm"), training);
            programs[i] = algorithm.create(ctx);
        }
        Gatherer gatherer = new Gatherer(n, evalRounds.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int id = i;
                threads.submit(() -> {
                    try {
                        runAgent(id, programs[id], objectives[id], network, problem, rounds, evalRounds, gatherer);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        gatherer.abort();
                    }
                    return null;
                });
            }
            for (int p = 0; p < evalRounds.size(); p++) {
                if (!gatherer.await(p)) {
                    break;
                }
                handler.complete(p, gatherer);
            }
            if (failure.get() != null) {
                threads.shutdownNow();
            }
        }
        if (failure.get() != null) {
            throw rethrow(failure.get());
        }
    }

    private static void runAgent(int i, AgentProgram program, Objective objective, LoopbackNetwork network,
                                 Problem problem, int rounds, List<Integer> evalRounds, Gatherer gatherer) {
        var net = network.endpoint(i);
        int next = 0;
        for (int k = 0; k <= rounds; k++) {
            if (next < evalRounds.size() && evalRounds.get(next) == k) {
                float[] x = program.parameters();
                AgentMetrics m = null;
                if (problem != null) {
                    Evaluation local = objective.evaluateLocalTest(x);
                    Evaluation global = problem.evaluateGlobal(objective, x);
                    check(i, k, "loss on its test split", local.loss());
                    check(i, k, "loss on the global test set", global.loss());
                    m = new AgentMetrics(i, local.accuracy(), local.loss(), global.accuracy(), global.loss(),
                            program.lastLoss(), net.bytesSent(), program.extraMetrics());
                }
                gatherer.deposit(next, i, m, x.clone(), program.edgeWeights());
                next++;
            }
            if (k == rounds) {
                break;
            }
            program.round(k);
            check(i, k, "training loss", program.lastLoss());
            float[] x = program.parameters();
            for (int c = 0; c < x.length; c++) {
                if (!Float.isFinite(x[c])) {
                    throw new DivergenceException(i, k, "parameter x[" + c + "]", x[c]);
                }
            }
        }
    }

    private static void check(int agent, int round, String quantity, double v) {
        if (Double.isInfinite(v) || (Double.isNaN(v) && !quantity.equals("training loss"))) {
            throw new DivergenceException(agent, round, quantity, v);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** The topology of the configuration (stand-in until the graph package's specification parser is merged). */
    static Topology topology(ExperimentConfig c) {
        int n = c.agents();
        Graph g = switch (c.text("topology")) {
            case "ring" -> ring(n);
            case "complete" -> complete(n);
            default -> throw new IllegalArgumentException("topology = '" + c.text("topology") + "': expected ring or complete");
        };
        MixingMatrix w = switch (c.text("mixing")) {
            case "metropolis", "metropolis-hastings" -> MixingMatrix.metropolisHastings(g);
            case "uniform" -> MixingMatrix.uniform(g);
            default -> throw new IllegalArgumentException("mixing = '" + c.text("mixing") + "': expected metropolis or uniform");
        };
        return Topology.fixed(w);
    }

    private static Graph ring(int n) {
        int[][] e = new int[n][];
        for (int i = 0; i < n; i++) {
            java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
            if (n > 1) {
                s.add((i + 1) % n);
                s.add((i + n - 1) % n);
            }
            s.remove(i);
            e[i] = s.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Graph("ring", e);
    }

    private static Graph complete(int n) {
        int[][] e = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] row = new int[n - 1];
            for (int j = 0, t = 0; j < n; j++) {
                if (j != i) {
                    row[t++] = j;
                }
            }
            e[i] = row;
        }
        return new Graph("complete", e);
    }

    /** Collects the agents' deposits per evaluation point and aggregates a complete point. */
    private static final class Gatherer {
        private final int n;
        private final AgentMetrics[][] metrics;
        private final float[][][] params;
        private final double[][][] edges;
        private final CountDownLatch[] done;
        private volatile boolean aborted;

        Gatherer(int n, int points) {
            this.n = n;
            this.metrics = new AgentMetrics[points][n];
            this.params = new float[points][n][];
            this.edges = new double[points][n][];
            this.done = new CountDownLatch[points];
            for (int p = 0; p < points; p++) {
                done[p] = new CountDownLatch(n);
            }
        }

        void deposit(int p, int agent, AgentMetrics m, float[] x, double[] edgeWeights) {
            metrics[p][agent] = m;
            params[p][agent] = x;
            edges[p][agent] = edgeWeights == null ? null : edgeWeights.clone();
            done[p].countDown();
        }

        void abort() {
            aborted = true;
        }

        /** Waits until every agent has deposited point p; false if the run failed first. */
        boolean await(int p) {
            try {
                while (!done[p].await(50, TimeUnit.MILLISECONDS)) {
                    if (aborted) {
                        return false;
                    }
                }
                return !aborted;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for evaluation point " + p, e);
            }
        }

        EvalPoint aggregate(int p, int round, int roundsPerEpoch, double wall, Problem problem, Objective evaluator, int d) {
            // x̄ = (1/N) Σ_i x_i, in agent-id order, in double
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                float[] x = params[p][i];
                for (int c = 0; c < d; c++) {
                    mean[c] += x[c];
                }
            }
            float[] xBar = new float[d];
            for (int c = 0; c < d; c++) {
                mean[c] /= n;
                xBar[c] = (float) mean[c];
            }
            // (1/N) Σ_i ‖x_i − x̄‖²
            double consensus = 0;
            for (int i = 0; i < n; i++) {
                float[] x = params[p][i];
                for (int c = 0; c < d; c++) {
                    double e = x[c] - mean[c];
                    consensus += e * e;
                }
            }
            consensus /= n;
            Evaluation avg = problem.evaluateGlobal(evaluator, xBar);
            List<double[]> edgeList = java.util.Arrays.asList(edges[p].clone());
            EvalPoint point = new EvalPoint(round, (double) round / roundsPerEpoch, wall, List.of(metrics[p]),
                    avg.accuracy(), avg.loss(), consensus, edgeList);
            params[p] = null;
            metrics[p] = null;
            return point;
        }
    }
}

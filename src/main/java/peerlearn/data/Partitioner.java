package peerlearn.data;

import java.util.Arrays;
import peerlearn.rng.Rng;

/**
 * Deals a {@link Split} to N agents according to a {@link PartitionSpec}. Every training sample
 * goes to at most one agent (all of them, except where a scheme or a fixed size leaves some out).
 * The test split then <em>follows</em> the training split: the test samples of class c are
 * shuffled and cut in proportion to the agents' training counts of class c, so each test sample
 * also goes to exactly one agent and each agent's test labels follow its own training label
 * distribution (exactly so when the test set's class proportions equal the training set's).
 * Index lists come out sorted. Under rotation clusters, a rotated cluster's lists index its own
 * compact rotated copy (see {@code rotate}). Randomness comes from {@code Rng.stream(seed, -1, "partition")}.
 */
public final class Partitioner {
    private Partitioner() {}

    /** Deals {@code data} to {@code agents} agents as {@code spec} says, drawing from {@code seed}. */
    public static Partition partition(Split data, int agents, PartitionSpec spec, long seed) {
        if (agents < 1) {
            throw new IllegalArgumentException("need at least 1 agent, got " + agents);
        }
        if (agents > data.train().size()) {
            throw new IllegalArgumentException(agents + " agents but " + data.train().name() + " has only "
                    + data.train().size() + " samples");
        }
        Rng rng = Rng.stream(seed, -1, "partition");
        int[] y = Schemes.labels(data.train());
        int classes = Math.max(1, data.train().numClasses());
        Schemes.Deal deal = Schemes.deal(data, agents, spec, rng);
        int[][] train = deal.train();
        if (spec.trainPerAgent() > 0) {
            for (int i = 0; i < agents; i++) {
                if (train[i].length < spec.trainPerAgent()) {
                    throw new IllegalArgumentException("partition " + spec + ": agent " + i + " holds " + train[i].length
                            + " training samples, fewer than n=" + spec.trainPerAgent());
                }
                train[i] = Arrays.copyOf(Schemes.shuffled(train[i], rng), spec.trainPerAgent());
            }
        }
        for (int i = 0; i < agents; i++) {
            if (train[i].length == 0) {
                throw new IllegalArgumentException("partition " + spec + " leaves agent " + i + " of " + agents
                        + " without training samples (" + data.train().name() + " has " + y.length
                        + " samples); use fewer agents" + (spec.scheme() instanceof PartitionScheme.Dirichlet
                        || spec.scheme() instanceof PartitionScheme.QuantitySkew ? " or a minimum size (min=...)" : ""));
            }
        }
        int[][] test = TestSplit.followTest(train, y, Schemes.labels(data.test()), classes, rng);
        for (int i = 0; i < agents; i++) {
            if (spec.testPerAgent() > 0 && test[i].length > spec.testPerAgent()) {
                test[i] = Arrays.copyOf(Schemes.shuffled(test[i], rng), spec.testPerAgent());
            }
            if (test[i].length == 0) {
                throw new IllegalArgumentException("partition " + spec + " leaves agent " + i + " (" + train[i].length
                        + " training samples) without test samples: " + data.test().name() + " has too few of its classes");
            }
            Arrays.sort(train[i]);
            Arrays.sort(test[i]);
        }
        Dataset[] trainSets = new Dataset[agents];
        Dataset[] testSets = new Dataset[agents];
        for (int i = 0; i < agents; i++) {
            trainSets[i] = deal.clusterTrain()[deal.clusters()[i]];
            testSets[i] = deal.clusterTest()[deal.clusters()[i]];
        }
        if (spec.scheme() instanceof PartitionScheme.RotationClusters s) {
            rotate(data, s, deal.clusters(), train, test, trainSets, testSets);
        }
        String description = spec + " of " + data.train().name() + " over " + agents + " agents, seed " + seed;
        return new Partition(description, trainSets, train, testSets, test, deal.clusters());
    }

    /**
     * Holds out {@code perAgent} random training samples of every agent for validation (DAC keeps
     * 100 of each client's 500 for model selection). Returns a partition whose training lists
     * are the remaining samples and whose <em>test</em> lists are the held-out ones (ids into
     * each agent's training set, which the result also uses as its test set); keep the original
     * partition for the real test split. Draws from {@code Rng.stream(seed, agent, "validation")}.
     */
    public static Partition holdOut(Partition p, int perAgent, long seed) {
        if (perAgent < 1) {
            throw new IllegalArgumentException("validation samples per agent must be ≥ 1, got " + perAgent);
        }
        int n = p.agents();
        int[][] fit = new int[n][];
        int[][] validation = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] mine = p.trainIndices(i);
            if (mine.length <= perAgent) {
                throw new IllegalArgumentException("agent " + i + " holds " + mine.length + " training samples; holding out "
                        + perAgent + " for validation would leave none to train on");
            }
            int[] order = Schemes.shuffled(mine, Rng.stream(seed, i, "validation"));
            validation[i] = Arrays.copyOf(order, perAgent);
            fit[i] = Arrays.copyOfRange(order, perAgent, order.length);
            Arrays.sort(validation[i]);
            Arrays.sort(fit[i]);
        }
        return new Partition(p.description() + ", " + perAgent + " per agent held out for validation", p.trainSets().clone(),
                fit, p.trainSets().clone(), validation, p.clusters().clone());
    }

    /**
     * Gives each rotated cluster its own copy of just the samples its agents hold, rotated, and
     * renumbers the agents' lists into it (cluster k's copy holds the sorted union of its agents'
     * lists, so list entry s becomes its rank in that union). Clusters at 0° (mod 360) read the
     * original sets. This keeps memory at one copy of the samples actually used per cluster.
     */
    private static void rotate(Split data, PartitionScheme.RotationClusters s, int[] clusters, int[][] train, int[][] test,
                               Dataset[] trainSets, Dataset[] testSets) {
        for (int k = 0; k < s.angles().length; k++) {
            if (s.angles()[k] % 360 == 0) {
                continue;
            }
            int[] members = Schemes.membersOf(clusters, k);
            Dataset rotatedTrain = rotatedSubset(data.train(), members, train, s.angles()[k], s.interpolation());
            Dataset rotatedTest = rotatedSubset(data.test(), members, test, s.angles()[k], s.interpolation());
            for (int i : members) {
                trainSets[i] = rotatedTrain;
                testSets[i] = rotatedTest;
            }
        }
    }

    private static Dataset rotatedSubset(Dataset d, int[] members, int[][] lists, double angle, Rotation.Interpolation mode) {
        int[] ids = Arrays.stream(members).flatMap(i -> Arrays.stream(lists[i])).sorted().toArray();
        for (int i : members) {
            for (int j = 0; j < lists[i].length; j++) {
                lists[i][j] = Arrays.binarySearch(ids, lists[i][j]);
            }
        }
        return Rotation.rotate(d.subset(d.name(), ids), angle, mode);
    }

}

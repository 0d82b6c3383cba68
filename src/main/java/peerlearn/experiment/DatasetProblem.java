package peerlearn.experiment;

import java.util.Arrays;
import peerlearn.data.Partition;
import peerlearn.data.PartitionSpec;
import peerlearn.data.Partitioner;
import peerlearn.data.Split;
import peerlearn.nn.Zoo;
import peerlearn.objective.Evaluation;
import peerlearn.objective.NeuralObjective;
import peerlearn.objective.Objective;
import peerlearn.rng.Rng;

/**
 * A classification problem: a data set dealt to agents by a partition spec, one model of the
 * zoo per agent (its own buffers; the data set is shared read-only), and a global test set — a
 * seeded random subset of {@code eval.global_samples} test images, the same for every algorithm
 * run with that seed, or the whole test set.
 *
 * <p>With the partition option {@code val=V}, V of each agent's dealt training samples are held
 * out ({@link Partitioner#holdOut}, stream {@code (seed, agent, "validation")}): the agent trains
 * on the rest and its validation loss is measured on them; its test split is unchanged.
 */
final class DatasetProblem implements Problem {
    private final Split split;
    private final Partition partition;
    /** Each agent's validation samples (ids into its training set), or null without {@code val=}. */
    private final int[][] validation;
    private final String model;
    private final int batch;
    private final long seed;
    private final int[] globalTest;
    private final String description;

    DatasetProblem(ExperimentConfig c, DataSets data) {
        this.split = data.get(c.text("data"), c.text("data.dir"));
        PartitionSpec spec;
        try {
            spec = PartitionSpec.parse(c.text("partition"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partition = '" + c.text("partition") + "': " + e.getMessage());
        }
        this.seed = c.seed();
        Partition dealt = spec.apply(split, c.agents(), seed);
        if (spec.validationPerAgent() > 0) {
            Partition held;
            try {
                held = Partitioner.holdOut(dealt, spec.validationPerAgent(), seed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("partition = '" + c.text("partition") + "': " + e.getMessage());
            }
            this.validation = held.test();
            dealt = new Partition(dealt.description(), dealt.trainSets(), held.train(), dealt.testSets(), dealt.test(),
                    dealt.clusters());
        } else {
            this.validation = null;
        }
        this.partition = dealt;
        this.model = c.text("model");
        if (!Zoo.NAMES.contains(model)) {
            throw new IllegalArgumentException("model = '" + model + "': expected one of " + Zoo.NAMES);
        }
        this.batch = c.integer("batch");
        int all = split.test().size();
        int m = c.integer("eval.global_samples");
        int[] idx = new int[all];
        Arrays.setAll(idx, i -> i);
        if (m > 0 && m < all) {
            Rng.stream(seed, -1, "global-test").shuffle(idx);
            idx = Arrays.copyOf(idx, m);
            Arrays.sort(idx);
        }
        this.globalTest = idx;
        this.description = split.source() + "; partition " + spec.text() + " over " + c.agents() + " agents; model "
                + model + "; global test on " + globalTest.length + " of " + all + " test images";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Objective objective(int agent) {
        var m = Zoo.create(model, partition.trainSet(agent).sampleShape(), partition.trainSet(agent).numClasses());
        return new NeuralObjective(m, partition.trainSet(agent), partition.trainIndices(agent), partition.testSet(agent),
                partition.testIndices(agent), batch, seed, Rng.stream(seed, agent, "batches"),
                Rng.stream(seed, agent, "dropout"));
    }

    @Override
    public Objective evaluator() {
        return objective(0);
    }

    @Override
    public Evaluation evaluateGlobal(Objective o, float[] x) {
        return o.evaluate(x, split.test(), globalTest);
    }

    @Override
    public boolean hasValidation() {
        return validation != null;
    }

    @Override
    public Evaluation evaluateValidation(int agent, Objective o, float[] x) {
        return o.evaluate(x, partition.trainSet(agent), validation[agent]);
    }

    /** Agent i's validation samples, ids into its training set (empty without a validation split). */
    int[] validationIndices(int agent) {
        return validation == null ? new int[0] : validation[agent].clone();
    }

    /** The split the agents train and test on (training lists without the validation samples). */
    Partition partition() {
        return partition;
    }

    @Override
    public int[] clusters(int agents) {
        return partition.clusters().clone();
    }

    @Override
    public int trainSamples(int agent) {
        return partition.trainIndices(agent).length;
    }
}

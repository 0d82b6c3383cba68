package peerlearn.objective;

import java.util.Arrays;
import peerlearn.autograd.Ops;
import peerlearn.autograd.Scratch;
import peerlearn.autograd.ScratchPool;
import peerlearn.autograd.Var;
import peerlearn.data.Batch;
import peerlearn.data.BatchSampler;
import peerlearn.data.Dataset;
import peerlearn.nn.Model;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;
import peerlearn.tensor.Tensor;

/**
 * An agent's neural objective: the mean cross-entropy of a zoo {@link Model} on the agent's
 * samples, F(x; ξ) = (1/|ξ|) Σ_{(a,y)∈ξ} CE(model(a; x), y).
 *
 * <p>What it owns (so agents share nothing but the read-only data set and model structure): its
 * index lists into the shared train and test sets, its {@link BatchSampler} (epoch-wise shuffles
 * from its own random stream), a dropout stream, reusable batch buffers, and the model state
 * (batch-norm running statistics, updated by training steps, used in evaluation). The
 * parameters are never owned: every call binds the given x (and grad) as views, so evaluating a
 * neighbour's parameters on my data builds nothing new.
 */
public final class NeuralObjective implements Objective {
    private final Model model;
    private final Dataset train;
    private final int[] trainIdx;
    private final Dataset test;
    private final int[] testIdx;
    private final BatchSampler sampler;
    private final Batch batch;
    private final Rng dropout;
    private final long initSeed;
    private final float[] state;
    private final Batch evalBatch;
    private final int[] inputShape;
    private final int[] lastCorrect = new int[1];
    private ScratchPool scratchPool = ScratchPool.SHARED;

    /**
     * @param initSeed the run's seed: x⁰ = {@code model.initialParameters(initSeed)}, the same for every agent
     * @param batches  this agent's stream for batch order, e.g. {@code Rng.stream(seed, i, "batches")}
     * @param dropout  this agent's stream for dropout masks, e.g. {@code Rng.stream(seed, i, "dropout")}
     */
    public NeuralObjective(Model model, Dataset train, int[] trainIdx, Dataset test, int[] testIdx, int batchSize,
                           long initSeed, Rng batches, Rng dropout) {
        if (!Arrays.equals(train.sampleShape(), model.inputShape())) {
            throw new IllegalArgumentException(model.name() + " takes samples of shape " + Arrays.toString(model.inputShape())
                    + ", " + train.name() + " has " + Arrays.toString(train.sampleShape()));
        }
        if (!train.hasLabels() || train.numClasses() > model.classes()) {
            throw new IllegalArgumentException(model.name() + " has " + model.classes() + " outputs, " + train.name() + " has "
                    + (train.hasLabels() ? train.numClasses() + " classes" : "no labels"));
        }
        this.model = model;
        this.train = train;
        this.trainIdx = trainIdx.clone();
        this.test = test;
        this.testIdx = testIdx.clone();
        this.sampler = new BatchSampler(train, trainIdx, batchSize, batches);
        this.batch = sampler.newBatch();
        this.dropout = dropout;
        this.initSeed = initSeed;
        this.state = model.initialState();
        this.evalBatch = Batch.forDataset(train, Math.max(batchSize, 256));
        int[] s = model.inputShape();
        this.inputShape = new int[s.length + 1];
        System.arraycopy(s, 0, inputShape, 1, s.length);
    }

    /**
     * Agent {@code agent}'s objective on its share of {@code partition}: x⁰ from {@code seed}, batch
     * order from {@code Rng.stream(seed, agent, "batches")}, dropout masks from
     * {@code Rng.stream(seed, agent, "dropout")}.
     */
    public static NeuralObjective forAgent(Model model, peerlearn.data.Partition partition, int agent, int batchSize, long seed) {
        if (agent < 0 || agent >= partition.agents()) {
            throw new IllegalArgumentException("agent " + agent + " is outside a partition of " + partition.agents() + " agents");
        }
        return new NeuralObjective(model, partition.trainSet(agent), partition.trainIndices(agent), partition.testSet(agent),
                partition.testIndices(agent), batchSize, seed, Rng.stream(seed, agent, "batches"), Rng.stream(seed, agent, "dropout"));
    }

    public Model model() {
        return model;
    }

    /** This agent's model state (batch-norm running statistics); live, not a copy. */
    public float[] state() {
        return state;
    }

    /** The batch stream: epoch counter and batches per epoch. */
    public BatchSampler sampler() {
        return sampler;
    }

    @Override
    public int dimension() {
        return model.parameterCount();
    }

    @Override
    public ParameterLayout layout() {
        return model.layout();
    }

    /** The minibatch stream, the dropout stream and the model state (batch-norm running statistics). */
    @Override
    public void state(peerlearn.state.State s) {
        s.part("sampler", sampler);
        s.part("dropout", dropout);
        s.floats("model_state", state);
    }

    @Override
    public Batch nextBatch() {
        return sampler.next(batch);
    }

    /** The batch's first {@code size} samples as a (size, C, H, W) view of its buffer: no copy. */
    private Var input(Batch batch) {
        inputShape[0] = batch.size();
        return Var.constant(Tensor.view(batch.x(), 0, inputShape));
    }

    /**
     * Borrows the working buffers of each pass from {@code pool} instead of {@link ScratchPool#SHARED}
     * (tests: a poisoning pool shows no pass reads what another left); returns this objective.
     */
    public NeuralObjective scratchPool(ScratchPool pool) {
        this.scratchPool = java.util.Objects.requireNonNull(pool, "pool");
        return this;
    }

    /** {@link #input(Batch)} for a training step, whose graph keeps its temporaries on {@code scratch}. */
    private Var trainingInput(Batch batch, Scratch scratch) {
        inputShape[0] = batch.size();
        return Var.input(Tensor.view(batch.x(), 0, inputShape), scratch);
    }

    private static int[] labels(Batch batch) {
        int[] l = batch.labels();
        return batch.size() == l.length ? l : Arrays.copyOf(l, batch.size());
    }

    @Override
    public double lossAndGradient(float[] x, Batch batch, float[] grad) {
        Scoring.checkLength("gradient", dimension(), grad);
        Arrays.fill(grad, 0f);
        Scratch scratch = scratchPool.borrow(); // for this pass only: the graph is done with it on return
        try {
            Var logits = model.forward(trainingInput(batch, scratch), x, grad, state, true, dropout, scratch);
            Var loss = Ops.crossEntropy(logits, labels(batch));
            loss.backward();
            lastCorrect[0] = 0;
            countCorrect(logits.value(), batch, lastCorrect);
            return loss.value().at(0);
        } finally {
            scratchPool.giveBack(scratch);
        }
    }

    /** How many samples of the last {@link #lossAndGradient} batch the model classified right (before the step). */
    public int lastCorrect() {
        return lastCorrect[0];
    }

    private static void countCorrect(Tensor logits, Batch batch, int[] correct) {
        int k = logits.dim(1);
        for (int s = 0; s < batch.size(); s++) {
            int row = logits.offset() + s * k;
            if (argmax(logits.data(), row, k) == batch.labels()[s]) {
                correct[0]++;
            }
        }
    }

    private static int argmax(float[] z, int row, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (z[row + j] > z[row + best]) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public double loss(float[] x, Batch batch) {
        Scratch scratch = scratchPool.borrow();
        try {
            Var logits = model.forward(input(batch), x, null, state, false, null, scratch);
            return crossEntropySum(logits.value(), batch, null) / batch.size();
        } finally {
            scratchPool.giveBack(scratch);
        }
    }

    @Override
    public Evaluation evaluateLocalTest(float[] x) {
        return evaluate(x, test, testIdx);
    }

    @Override
    public Evaluation evaluateLocalTrain(float[] x) {
        return evaluate(x, train, trainIdx);
    }

    @Override
    public Evaluation evaluate(float[] x, Dataset data, int[] indices) {
        Scratch scratch = scratchPool.borrow();
        try {
            return Scoring.evaluate(x, data, indices, evalBatch, (w, b, correct) -> {
                scratch.reset(); // the previous batch's graph is done
                Var logits = model.forward(input(b), w, null, state, false, null, scratch);
                return crossEntropySum(logits.value(), b, correct);
            }, true);
        } finally {
            scratchPool.giveBack(scratch);
        }
    }

    /** Σ_n CE(z_n, y_n) in double; counts argmax hits into {@code correct[0]} when non-null. */
    static double crossEntropySum(Tensor logits, Batch batch, int[] correct) {
        int n = batch.size();
        int k = logits.dim(1);
        float[] z = logits.data();
        int off = logits.offset();
        double total = 0;
        for (int s = 0; s < n; s++) {
            int row = off + s * k;
            int best = argmax(z, row, k);
            float max = z[row + best];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[row + j] - max);
            }
            int y = batch.labels()[s];
            total += Math.log(sum) + max - z[row + y];
            if (correct != null && best == y) {
                correct[0]++;
            }
        }
        return total;
    }

    @Override
    public float[] initialParameters() {
        return model.initialParameters(initSeed);
    }
}

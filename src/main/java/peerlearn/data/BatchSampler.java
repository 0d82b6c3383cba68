package peerlearn.data;

import peerlearn.rng.Rng;

/**
 * One agent's minibatch stream ξ_i: walks the agent's index list in epochs, each epoch a fresh
 * random permutation drawn from the agent's own {@link Rng} stream (use
 * {@code Rng.stream(seed, agent, "batches")}), and fills a reusable {@link Batch}.
 *
 * <p>An epoch of n samples with batch size B yields ⌈n/B⌉ batches; the last one holds the
 * n mod B leftover samples when B does not divide n (nothing is dropped or repeated within an
 * epoch). {@link #next(Batch)} allocates nothing. A sampler is used by one agent's thread only.
 *
 * <pre>{@code
 * BatchSampler sampler = new BatchSampler(p.trainSet(i), p.trainIndices(i), 32, Rng.stream(seed, i, "batches"));
 * Batch batch = sampler.newBatch();
 * for (int step = 0; step < sampler.batchesPerEpoch(); step++) {
 *     sampler.next(batch);   // batch.x(), batch.labels() now hold ξ_i
 * }
 * }</pre>
 */
public final class BatchSampler implements peerlearn.state.Stateful {
    private final Dataset data;
    private final int[] order;
    private final int batchSize;
    private final Rng rng;
    private int position;
    private long epoch = -1;

    /**
     * @param indices the agent's sample ids into {@code data} (copied)
     * @param rng     the agent's batch stream; consumed only here
     */
    public BatchSampler(Dataset data, int[] indices, int batchSize, Rng rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        if (indices.length == 0) {
            throw new IllegalArgumentException("cannot sample batches from an empty index list of " + data.name());
        }
        for (int i : indices) {
            if (i < 0 || i >= data.size()) {
                throw new IllegalArgumentException("sample id " + i + " outside " + data.name() + " of " + data.size()
                        + " samples");
            }
        }
        this.data = data;
        this.order = indices.clone();
        this.batchSize = batchSize;
        this.rng = rng;
        this.position = order.length; // the first call starts epoch 0
    }

    /** A batch with this sampler's capacity and sample shape. */
    public Batch newBatch() {
        return Batch.forDataset(data, batchSize);
    }

    /** Fills {@code batch} with the next minibatch (a new shuffled epoch starts when the last one is used up). */
    public Batch next(Batch batch) {
        if (position == order.length) {
            rng.shuffle(order);
            position = 0;
            epoch++;
        }
        int count = Math.min(batchSize, order.length - position);
        batch.fill(data, order, position, count);
        position += count;
        return batch;
    }

    /** ⌈n/B⌉: the number of {@link #next} calls that make one pass over the agent's data. */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** The number of samples the agent holds. */
    public int samples() {
        return order.length;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The epoch the last batch came from (0 for the first), or -1 before the first batch. */
    public long epoch() {
        return epoch;
    }

    /** True when the next call to {@link #next} starts a new epoch. */
    public boolean atEpochEnd() {
        return position == order.length;
    }

    public Dataset data() {
        return data;
    }

    /**
     * The position for a checkpoint: this epoch's order, the next position, the epoch and the
     * stream. Restoring checks the order is a permutation of this sampler's samples.
     */
    @Override
    public void state(peerlearn.state.State s) {
        int[] saved = order.clone();
        s.ints("order", saved);
        int p = s.count("position", position);
        if (s.restoring()) {
            int[] a = saved.clone();
            int[] b = order.clone();
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            if (!java.util.Arrays.equals(a, b) || p < 0 || p > order.length) {
                throw new peerlearn.state.StateFormatException(s.path("order") + ": not a position in this sampler's "
                        + order.length + " samples of " + data.name());
            }
            System.arraycopy(saved, 0, order, 0, order.length);
            position = p;
        }
        epoch = s.integer("epoch", epoch);
        s.part("rng", rng);
    }

    /** A sampler's position, for checkpoints: the current epoch's order, the next position, the epoch and the stream. */
    public record State(int[] order, int position, long epoch, long[] rng) {}

    public State saveState() {
        return new State(order.clone(), position, epoch, rng.saveState());
    }

    /** Continues exactly where {@code state} was saved (from a sampler over the same samples). */
    public void restoreState(State state) {
        int[] a = state.order().clone();
        int[] b = order.clone();
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        if (!java.util.Arrays.equals(a, b) || state.position() < 0 || state.position() > order.length) {
            throw new IllegalArgumentException("sampler state does not fit this sampler's " + order.length + " samples");
        }
        System.arraycopy(state.order(), 0, order, 0, order.length);
        position = state.position();
        epoch = state.epoch();
        rng.restoreState(state.rng());
    }
}

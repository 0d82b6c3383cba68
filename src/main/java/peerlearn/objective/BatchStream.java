package peerlearn.objective;

import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.rng.Rng;

/**
 * An agent's minibatches ξ: its sample indices, reshuffled at the start of every epoch from its
 * own random stream and cut into consecutive batches (sampling without replacement within an
 * epoch; the last batch of an epoch is smaller when the batch size does not divide the count,
 * as PyTorch's {@code DataLoader} with {@code drop_last=False}). Every call refills one reused
 * {@link Batch}, so drawing a batch allocates nothing.
 */
public final class BatchStream {
    private final Dataset data;
    private final int[] order;
    private final int batchSize;
    private final Rng rng;
    private final Batch batch;
    private int cursor;
    private int epoch = -1;

    /** Batches of {@code batchSize} of {@code data}'s samples {@code indices} (copied), in the order {@code rng} draws. */
    public BatchStream(Dataset data, int[] indices, int batchSize, Rng rng) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (indices.length == 0) {
            throw new IllegalArgumentException("no training samples in " + data.name() + " for this agent");
        }
        for (int i : indices) {
            if (i < 0 || i >= data.size()) {
                throw new IllegalArgumentException("sample index " + i + " is outside " + data.name() + " of size " + data.size());
            }
        }
        this.data = data;
        this.order = indices.clone();
        this.batchSize = batchSize;
        this.rng = rng;
        this.batch = Batch.forDataset(data, batchSize);
        this.cursor = order.length;
    }

    /** The next minibatch (the same {@link Batch} object, refilled). */
    public Batch next() {
        if (cursor >= order.length) {
            rng.shuffle(order);
            cursor = 0;
            epoch++;
        }
        int count = Math.min(batchSize, order.length - cursor);
        batch.fill(data, order, cursor, count);
        cursor += count;
        return batch;
    }

    /** Epochs begun so far minus one: 0 during the first pass over the data. */
    public int epoch() {
        return Math.max(epoch, 0);
    }

    /** Whether the last batch drawn ended an epoch. */
    public boolean epochEnded() {
        return cursor >= order.length;
    }

    /** ⌈n / B⌉ batches make one epoch. */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    public int samples() {
        return order.length;
    }

    public int batchSize() {
        return batchSize;
    }

    public Dataset data() {
        return data;
    }
}

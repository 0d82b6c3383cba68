package peerlearn.objective;

import peerlearn.data.Batch;
import peerlearn.tensor.ParameterLayout;

/**
 * What an algorithm sees of a model: a loss-and-gradient oracle over a flat parameter vector x.
 *
 * <p>Each agent owns its own instance (its own model buffers and batch stream), so agents share
 * nothing. {@code x} is an argument, not state: agent i can evaluate a neighbour's parameters on
 * its own data (NGC's cross-gradients, DAC's similarities) with no new model.
 */
public interface Objective extends peerlearn.state.Stateful {
    /** d, the length of every parameter and gradient vector. */
    int dimension();

    /** How x divides into named segments and groups (e.g. "body", "head"). */
    ParameterLayout layout();

    /** Draws the next minibatch ξ from this agent's data and stream, reusing a buffer. */
    Batch nextBatch();

    /**
     * F(x; ξ): returns the mean loss over the batch and writes ∇F(x; ξ) into {@code grad}
     * (overwritten, length d). Training mode (dropout on, batch statistics).
     */
    double lossAndGradient(float[] x, Batch batch, float[] grad);

    /** F(x; ξ) alone, in evaluation mode. */
    double loss(float[] x, Batch batch);

    /** Mean loss and accuracy of x on this agent's test split (evaluation mode). */
    Evaluation evaluateLocalTest(float[] x);

    /** Mean loss and accuracy of x on this agent's training data (evaluation mode). */
    Evaluation evaluateLocalTrain(float[] x);

    /** Mean loss and accuracy of x on any labelled samples (e.g. the global test set). */
    Evaluation evaluate(float[] x, peerlearn.data.Dataset data, int[] indices);

    /**
     * What a checkpoint must hold of this objective: its minibatch stream, its other random
     * streams and its model state (batch-norm statistics). Objectives that cannot be checkpointed
     * say so.
     */
    @Override
    default void state(peerlearn.state.State s) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /** The initial parameters x⁰ (identical across agents for the same seed). */
    float[] initialParameters();

    /**
     * The group (or parameter) {@code name} as one range {@code [offset, offset + length)} of x,
     * for optimizers stepping part of the vector ({@code opt.step(x, g, lr, s.offset(), s.length())}).
     * Every zoo model's "body" is a prefix and its "head" and "last" are suffixes, so they qualify;
     * throws if the group's segments are not contiguous.
     */
    default peerlearn.tensor.Segment span(String name) {
        java.util.List<peerlearn.tensor.Segment> segments = layout().group(name);
        int start = segments.isEmpty() ? 0 : segments.getFirst().offset();
        int end = start;
        for (peerlearn.tensor.Segment s : segments) {
            if (s.offset() != end) {
                throw new IllegalArgumentException("group '" + name + "' is not contiguous: " + s.name() + " starts at "
                        + s.offset() + ", the previous segment ends at " + end);
            }
            end = s.end();
        }
        return new peerlearn.tensor.Segment(name, start, end - start);
    }
}

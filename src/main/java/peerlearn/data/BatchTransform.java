package peerlearn.data;

import peerlearn.rng.Rng;

/**
 * A random augmentation applied to a filled {@link Batch} in place, at batch time, drawing from
 * the agent's own stream (e.g. {@code Rng.stream(seed, agent, "augment")}) so runs stay
 * reproducible. An instance may keep scratch buffers: use one per agent.
 */
public interface BatchTransform {
    void apply(Batch batch, Rng rng);
}

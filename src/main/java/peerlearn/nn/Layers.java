package peerlearn.nn;

import peerlearn.autograd.Ops;

/** The parameter-free layers as {@link Module}s. */
public final class Layers {
    private Layers() {}

    /** max(0, x). */
    public static Module relu() {
        return (x, f) -> Ops.relu(x);
    }

    /** (N, d₁, …) → (N, d₁·…). */
    public static Module flatten() {
        return (x, f) -> Ops.flatten(x);
    }

    /** Max over k×k windows with the given stride. */
    public static Module maxPool(int kernel, int stride) {
        return (x, f) -> Ops.maxPool2d(x, kernel, stride);
    }
}

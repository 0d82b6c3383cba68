package peerlearn.nn;

import peerlearn.tensor.Segment;

/**
 * One parameter (or state) tensor of a model: its place in the flat vector, its shape, and how
 * it is initialised.
 */
public record ParamSpec(Segment segment, int[] shape, Init init, int fanIn, int fanOut) {
    public ParamSpec {
        shape = shape.clone();
    }

    public String name() {
        return segment.name();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The shape array itself, for views built on every forward pass (do not modify). */
    int[] shapeRef() {
        return shape;
    }
}

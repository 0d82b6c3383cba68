package peerlearn.nn;

import peerlearn.autograd.Var;

/**
 * A layer or a composition of layers: maps a batch x: (N, ...) to a batch y: (N, ...).
 * Modules hold no parameter values, only indices into the {@link Forward} they are run in,
 * so one module tree serves any parameter vector.
 */
@FunctionalInterface
public interface Module {
    Var forward(Var x, Forward f);
}

package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/**
 * A residual connection y = F(x) + S(x), with S the identity or a projection (He et al., "Deep
 * Residual Learning for Image Recognition", CVPR 2016, eq. 1 and 2).
 */
public final class Residual implements Module {
    private final Module branch;
    private final Module shortcut;

    /** {@code shortcut} null means the identity. */
    public Residual(Module branch, Module shortcut) {
        this.branch = branch;
        this.shortcut = shortcut;
    }

    @Override
    public Var forward(Var x, Forward f) {
        Var fx = branch.forward(x, f);
        return Ops.add(fx, shortcut == null ? x : shortcut.forward(x, f));
    }
}

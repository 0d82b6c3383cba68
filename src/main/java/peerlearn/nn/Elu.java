package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/** ELU (Clevert et al., ICLR 2016): y = x for x &gt; 0, α(eˣ − 1) otherwise. */
public final class Elu implements Module {
    private final float alpha;

    public Elu(float alpha) {
        this.alpha = alpha;
    }

    @Override
    public Var forward(Var x, Forward f) {
        return Ops.elu(x, alpha);
    }
}

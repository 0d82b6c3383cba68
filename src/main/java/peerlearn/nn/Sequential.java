package peerlearn.nn;

import java.util.List;
import peerlearn.autograd.Var;

/** Modules applied one after another. */
public final class Sequential implements Module {
    private final List<Module> modules;

    public Sequential(List<Module> modules) {
        this.modules = List.copyOf(modules);
    }

    public Sequential(Module... modules) {
        this(List.of(modules));
    }

    @Override
    public Var forward(Var x, Forward f) {
        Var y = x;
        for (Module m : modules) {
            y = m.forward(y, f);
        }
        return y;
    }

    public List<Module> modules() {
        return modules;
    }
}

package peerlearn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.Tolerances;

/**
 * Central-difference check of a module's gradients with respect to its input and to every
 * element of its flat parameter vector, through {@link Model#forward}: L = Σ r_i y_i with fixed
 * random r, parameters bound to views of a flat x and gradients written into a flat grad.
 */
final class ModuleGradients {
    private ModuleGradients() {}

    /** Builds the module with a fresh builder, initialises it from {@code seed}, and checks it. */
    static void check(String name, Function<ModelBuilder, Module> make, int[] inputShape, int batch, boolean training, long seed) {
        ModelBuilder mb = new ModelBuilder();
        Module m = make.apply(mb);
        Model model = new Model(name, inputShape, 0, m, mb);
        float[] x = model.initialParameters(seed);
        Rng r = new Rng(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.3 * r.nextGaussian()); // move norms' γ, β off 1 and 0
        }
        int[] shape = new int[inputShape.length + 1];
        shape[0] = batch;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        Tensor input = Tensor.zeros(shape);
        for (int i = 0; i < input.size(); i++) {
            input.data()[i] = (float) r.nextGaussian();
        }
        float[] state = model.initialState();
        float[] grad = new float[x.length];
        Var in = Var.param(input.copy());
        Var y = model.forward(in, x, grad, state.clone(), training, new Rng(99));
        float[] w = new float[y.value().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * r.nextFloat() - 1;
        }
        weighted(y, w).backward();
        Worst worst = new Worst();
        float[] xGrad = grad;
        compare(worst, x, j -> xGrad[j], () -> loss(model, input, x, state, training, w),
                j -> "parameter " + model.layout().parameters().stream().filter(s -> s.contains(j)).findFirst().orElseThrow().name()
                        + " (flat index " + j + ")");
        compare(worst, input.data(), j -> in.grad().at(j), () -> loss(model, input, x, state, training, w), j -> "input index " + j);
        assertTrue(worst.error <= Tolerances.FD_GRADIENT, name + ": worst error " + worst.error + " at " + worst.where);
    }

    private static final class Worst {
        double error;
        String where = "";
    }

    /** Central differences of {@code loss} in every element of {@code values} against {@code analytic}. */
    private static void compare(Worst worst, float[] values, java.util.function.IntToDoubleFunction analytic,
                                java.util.function.DoubleSupplier loss, java.util.function.IntFunction<String> name) {
        double h = Tolerances.FD_STEP;
        for (int j = 0; j < values.length; j++) {
            float v = values[j];
            values[j] = (float) (v + h);
            double up = loss.getAsDouble();
            float hi = values[j];
            values[j] = (float) (v - h);
            double down = loss.getAsDouble();
            double numeric = (up - down) / ((double) hi - values[j]);
            values[j] = v;
            double a = analytic.applyAsDouble(j);
            double err = Math.abs(a - numeric) / Math.max(1, Math.abs(numeric));
            if (err > worst.error || Double.isNaN(err)) {
                worst.error = err;
                worst.where = name.apply(j) + ": " + a + " vs " + numeric;
            }
        }
    }

    private static double loss(Model model, Tensor input, float[] x, float[] state, boolean training, float[] w) {
        Tensor y = model.forward(Var.constant(input), x, null, state.clone(), training, new Rng(99)).value();
        double l = 0;
        for (int i = 0; i < w.length; i++) {
            l += (double) w[i] * y.at(i);
        }
        return l;
    }

    private static Var weighted(Var y, float[] w) {
        double l = 0;
        for (int i = 0; i < w.length; i++) {
            l += (double) w[i] * y.value().at(i);
        }
        return Var.op(Tensor.scalar((float) l), g -> {
            Tensor dy = y.gradForUpdate();
            for (int i = 0; i < w.length; i++) {
                dy.data()[dy.offset() + i] += w[i] * g.at(0);
            }
        }, y);
    }
}

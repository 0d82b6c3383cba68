package peerlearn.testkit;

import java.util.function.Function;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/**
 * Central-finite-difference gradient check for autograd code.
 *
 * <p>The op under test maps inputs θ to an output y; the check reduces it to the scalar
 * L(θ) = Σ_i r_i·y_i with fixed random weights r ∈ [−1, 1] (so every output element and every
 * path matters), runs reverse mode once, and compares each ∂L/∂θ_j with
 * (L(θ + h·e_j) − L(θ − h·e_j)) / (2h), where L is accumulated in double from the float forward
 * pass and 2h is the distance between the two float arguments actually evaluated. The error of an
 * element is |analytic − numeric| / max(1, |numeric|). Callers keep inputs at least a few h away
 * from kinks (relu at 0, ties in max-pool), where a central difference is meaningless.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Checks every input with the default step and tolerance ({@link Tolerances}). */
    public static void check(String name, Function<Var[], Var> f, Tensor... inputs) {
        check(name, f, Tolerances.FD_STEP, Tolerances.FD_GRADIENT, inputs);
    }

    /**
     * Checks every input; throws an AssertionError naming the op, input, element, both values
     * and the worst error when some error exceeds {@code tol}.
     */
    public static void check(String name, Function<Var[], Var> f, double h, double tol, Tensor... inputs) {
        Result worst = run(name, f, h, inputs);
        if (!(worst.error() <= tol)) {
            throw new AssertionError(name + ": " + worst.report() + " (tolerance " + tol + ")");
        }
    }

    /** The worst element: its error (NaN if any value was NaN) and where it was. */
    public record Result(double error, String report) {}

    /** Compares every element of every input and returns the worst. */
    public static Result run(String name, Function<Var[], Var> f, double h, Tensor... inputs) {
        Var[] params = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            params[i] = Var.param(inputs[i].copy());
        }
        Var y = f.apply(params);
        float[] r = weights(y.value().size(), name);
        Var loss = weightedSum(y, r);
        if (loss.requiresGrad()) {
            loss.backward();
        }
        double worst = 0;
        String report = "no elements";
        for (int i = 0; i < inputs.length; i++) {
            Tensor work = inputs[i].copy();
            Tensor grad = params[i].grad();
            float[] wd = work.data();
            for (int j = 0; j < work.size(); j++) {
                float v = wd[j];
                float up = (float) (v + h);
                float down = (float) (v - h);
                wd[j] = up;
                double lUp = evaluate(f, inputs, i, work, r);
                wd[j] = down;
                double lDown = evaluate(f, inputs, i, work, r);
                wd[j] = v;
                double numeric = (lUp - lDown) / ((double) up - down);
                double analytic = grad == null ? 0.0 : grad.at(j);
                double err = Math.abs(analytic - numeric) / Math.max(1.0, Math.abs(numeric));
                if (Double.isNaN(err) || err > worst) {
                    worst = Double.isNaN(err) ? Double.NaN : err;
                    report = "input " + i + " element " + j + ": analytic " + analytic + " vs numeric " + numeric
                            + ", error " + err;
                    if (Double.isNaN(err)) {
                        return new Result(worst, report);
                    }
                }
            }
        }
        return new Result(worst, report);
    }

    private static double evaluate(Function<Var[], Var> f, Tensor[] inputs, int changed, Tensor work, float[] r) {
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = Var.constant(i == changed ? work : inputs[i]);
        }
        Tensor y = f.apply(vars).value();
        double l = 0;
        for (int i = 0; i < y.size(); i++) {
            l += (double) r[i] * y.at(i);
        }
        return l;
    }

    private static float[] weights(int n, String name) {
        Rng rng = Rng.stream(n, 0, name);
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = 2 * rng.nextFloat() - 1;
        }
        return r;
    }

    /** L = Σ r_i·y_i as a node whose backward sends r·dL to y (independent of the ops under test). */
    private static Var weightedSum(Var y, float[] r) {
        double l = 0;
        for (int i = 0; i < r.length; i++) {
            l += (double) r[i] * y.value().at(i);
        }
        return Var.op(Tensor.scalar((float) l), g -> {
            Tensor dy = y.gradForUpdate();
            for (int i = 0; i < r.length; i++) {
                dy.data()[dy.offset() + i] += r[i] * g.at(0);
            }
        }, y);
    }
}

package peerlearn.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.AutogradGen;
import peerlearn.testkit.GradCheck;

/**
 * A layer whose weight is itself an expression of other Vars, as when a personalized head is an
 * attention-weighted mix of several heads: gradients reach every leaf of the expression.
 */
class ComputedWeightsTest {
    @Test
    void gradientReachesTheLeavesOfAComputedLinearWeight() {
        Rng rng = new Rng(7);
        Tensor x = AutogradGen.normal(rng, 3, 4);
        Tensor w1 = AutogradGen.normal(rng, 2, 4);
        Tensor w2 = AutogradGen.normal(rng, 2, 4);
        Tensor s = AutogradGen.normal(rng);
        Tensor b = AutogradGen.normal(rng, 2);
        int[] labels = {0, 1, 1};
        // W = s·W1 + W2; loss = CE(x·Wᵀ + b)
        GradCheck.check("computed weight", v -> Ops.crossEntropy(
                Ops.linear(v[0], Ops.add(Ops.mulScalar(v[1], v[3]), v[2]), v[4]), labels), x, w1, w2, s, b);
    }

    @Test
    void chainRuleThroughAComputedWeightByHand() {
        // y = x·Wᵀ with W = s·W1, x = [1, 2], W1 = [3, 4], s = 2: y = 2·(3 + 8) = 22.
        Var x = Var.constant(Tensor.of(new float[] {1, 2}, 1, 2));
        Var w1 = Var.param(Tensor.of(new float[] {3, 4}, 1, 2));
        Var s = Var.param(Tensor.scalar(2f));
        Var y = Ops.sum(Ops.linear(x, Ops.mulScalar(w1, s), null));
        assertEquals(22f, y.value().at(0));
        y.backward();
        assertArrayEquals(new float[] {2, 4}, w1.grad().toArray()); // ∂y/∂W1 = s·x
        assertEquals(11f, s.grad().at(0));                           // ∂y/∂s = W1·x
    }
}

package peerlearn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/** Finite-difference checks of every module with its own backward rule, through the flat parameter view. */
class LayerGradientTest {
    @Test
    void groupNorm() {
        ModuleGradients.check("groupnorm", mb -> new GroupNorm(mb, "gn", 4, 2, 1e-5f), new int[] {4, 3, 3}, 2, true, 1);
    }

    @Test
    void groupNormOnFeatureVectors() {
        ModuleGradients.check("groupnorm-2d", mb -> new GroupNorm(mb, "gn", 6, 3, 1e-5f), new int[] {6}, 3, true, 2);
    }

    @Test
    void batchNormInTraining() {
        ModuleGradients.check("batchnorm-train", mb -> new BatchNorm2d(mb, "bn", 3), new int[] {3, 2, 2}, 3, true, 3);
    }

    @Test
    void batchNormInEvaluation() {
        ModuleGradients.check("batchnorm-eval", mb -> new BatchNorm2d(mb, "bn", 3), new int[] {3, 2, 2}, 2, false, 4);
    }

    @Test
    void evoNormS0() {
        ModuleGradients.check("evonorm", mb -> new EvoNormS0(mb, "evo", 4, 2), new int[] {4, 3, 3}, 2, true, 5);
    }

    @Test
    void elu() {
        ModuleGradients.check("elu", mb -> new Elu(1f), new int[] {5}, 3, true, 6);
    }

    @Test
    void dropoutWithAFixedMask() {
        ModuleGradients.check("dropout", mb -> new Dropout(0.5f), new int[] {8}, 2, true, 7);
    }

    @Test
    void averagePooling() {
        ModuleGradients.check("avgpool", mb -> new AvgPool2d(2, 2), new int[] {2, 4, 5}, 2, true, 8);
        ModuleGradients.check("global-avgpool", mb -> AvgPool2d.global(), new int[] {3, 3, 2}, 2, true, 9);
    }

    @Test
    void residualBlockWithProjection() {
        ModuleGradients.check("residual", mb -> new Residual(
                new Sequential(new Conv2d(mb, "c1", 2, 3, 3, 2, 1, false, Init.KAIMING_NORMAL), new GroupNorm(mb, "n1", 3, 1, 1e-5f)),
                new Conv2d(mb, "sc", 2, 3, 1, 2, 0, true, Init.TORCH_DEFAULT)), new int[] {2, 4, 4}, 2, true, 10);
    }

    @Test
    void linearAndConvolutionThroughTheFlatView() {
        ModuleGradients.check("linear", mb -> new Linear(mb, "fc", 4, 3), new int[] {4}, 2, true, 11);
        ModuleGradients.check("conv", mb -> new Conv2d(mb, "c", 2, 2, 3, 1, 1, true, Init.TORCH_DEFAULT), new int[] {2, 3, 3}, 2, true, 12);
    }

    @Test
    void dropoutIsTheIdentityInEvaluationAndScalesKeptValuesInTraining() {
        ModelBuilder mb = new ModelBuilder();
        Model m = new Model("dropout", new int[] {1000}, 0, new Dropout(0.25f), mb);
        Tensor ones = Tensor.zeros(1, 1000);
        ones.fill(1f);
        Var in = Var.constant(ones);
        assertSame(in, m.forward(in, new float[0], null, new float[0], false, null));
        Tensor y = m.forward(in, new float[0], null, new float[0], true, new Rng(4)).value();
        int kept = 0;
        for (int i = 0; i < 1000; i++) {
            float v = y.at(i);
            assertEquals(true, v == 0f || v == 1f / 0.75f, "value " + v);
            kept += v == 0f ? 0 : 1;
        }
        assertEquals(750, kept, 45); // Binomial(1000, 0.75): sd ≈ 13.7
        Tensor again = m.forward(in, new float[0], null, new float[0], true, new Rng(4)).value();
        assertArrayEquals(y.toArray(), again.toArray());
    }
}

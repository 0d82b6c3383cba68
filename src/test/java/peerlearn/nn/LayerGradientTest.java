package peerlearn.nn;

import org.junit.jupiter.api.Test;

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
}

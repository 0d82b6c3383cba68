package peerlearn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Segment;
import peerlearn.tensor.Tensor;

/** Parameter counts worked out by hand (see theory/models.md), groups, seeded initialisation, output shapes. */
class ZooTest {
    private static final int[] FMNIST = {1, 28, 28};
    private static final int[] CIFAR = {3, 32, 32};

    @Test
    void mlpCount() {
        // 784·200 + 200 + 200·200 + 200 + 200·10 + 10
        assertEquals(199_210, Zoo.create("mlp", FMNIST, 10).parameterCount());
    }

    @Test
    void lenet5Counts() {
        // conv1 6·1·25 + 6 = 156, conv2 16·6·25 + 16 = 2,416, fc 400·120 + 120 = 48,120, 120·84 + 84 = 10,164, 84·10 + 10 = 850
        assertEquals(61_706, Zoo.lenet5(FMNIST, 10).parameterCount());
        // conv1 6·3·25 + 6 = 456
        assertEquals(62_006, Zoo.lenet5(CIFAR, 10).parameterCount());
    }

    @Test
    void cganet5CountsMatchTheNgcCode() {
        // convs 9·(1·32 + 32·32 + 32·64 + 64·64) = 64,800; EvoNorm γ, β: 2·(32 + 32 + 64 + 64) = 384;
        // 28 → 14 → 7 → 3: linear 576·10 + 10 = 5,770
        assertEquals(70_954, Zoo.cganet5(FMNIST, 10).parameterCount());
        assertEquals(5_770, Zoo.cganet5(FMNIST, 10).layout().groupSize("last"));
        // conv1 9·3·32 = 864; 32 → 16 → 8 → 4: linear 1,024·10 + 10 = 10,250
        assertEquals(76_010, Zoo.cganet5(CIFAR, 10).parameterCount());
    }

    @Test
    void slimVgg11Count() {
        // convs 9·(3·16 + 16·32 + 32·64 + 64·64 + 64·128 + 3·128·128) = 576,432; norms 2·688 = 1,376; linear 1,290
        assertEquals(579_098, Zoo.vgg11(CIFAR, 10, Norm.EVONORM).parameterCount());
        assertEquals(579_098, Zoo.vgg11(CIFAR, 10, Norm.GROUPNORM).parameterCount());
        assertEquals(2 * 688, Zoo.vgg11(CIFAR, 10, Norm.BATCHNORM).stateLayout().size());
    }

    @Test
    void resnet20Count() {
        // 269,722 with identity (option A) shortcuts, plus two 1×1 projections with norms:
        // 16·32 + 64 + 32·64 + 128 = 2,752
        assertEquals(272_474, Zoo.resnet20(CIFAR, 10, Norm.GROUPNORM).parameterCount());
        assertEquals(272_474, Zoo.resnet20(CIFAR, 10, Norm.EVONORM).parameterCount());
    }

    @Test
    void dacCounts() {
        // conv 16·9 + 16 = 160, conv 32·16·9 + 32 = 4,640, 800·64 + 64 = 51,264, 64·10 + 10 = 650
        assertEquals(56_714, Zoo.create("dac-fashion", FMNIST, 10).parameterCount());
        assertEquals(62_006, Zoo.create("dac-cifar", CIFAR, 10).parameterCount());
    }

    @Test
    void everyModelHasBodyHeadAndLastCoveringTheVector() {
        for (String name : Zoo.NAMES) {
            Model m = Zoo.create(name, name.startsWith("vgg") || name.startsWith("resnet") || name.equals("dac-cifar") ? CIFAR : FMNIST, 10);
            var layout = m.layout();
            assertEquals(m.parameterCount(), layout.groupSize("body") + layout.groupSize("head"), name);
            List<Segment> last = layout.group("last");
            assertEquals(layout.parameters().getLast(), last.getLast(), name);
            assertTrue(layout.group("head").containsAll(last), name);
            assertTrue(last.stream().allMatch(s -> s.name().endsWith(".weight") || s.name().endsWith(".bias")), name);
            // body is the prefix [0, |body|), head the rest: one range each for partial optimizer steps
            assertEquals(layout.groupSize("body"), layout.group("head").getFirst().offset(), name);
            assertEquals(0, layout.group("body").getFirst().offset(), name);
        }
    }

    @Test
    void lenetGroupsSplitConvolutionsFromClassifier() {
        var layout = Zoo.lenet5(FMNIST, 10).layout();
        assertEquals(156 + 2_416, layout.groupSize("body"));
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
                layout.group("head").stream().map(Segment::name).toList());
        assertEquals(850, layout.groupSize("last"));
    }

    @Test
    void initialisationIsSeededAndIdenticalAcrossInstances() {
        float[] a = Zoo.lenet5(FMNIST, 10).initialParameters(42);
        float[] b = Zoo.lenet5(FMNIST, 10).initialParameters(42);
        float[] c = Zoo.lenet5(FMNIST, 10).initialParameters(43);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        // PyTorch's default: conv1 weights within ±1/√25 = ±0.2, fc1 within ±1/√400 = ±0.05
        var layout = Zoo.lenet5(FMNIST, 10).layout();
        Segment conv1 = layout.group("conv1.weight").getFirst();
        Segment fc1 = layout.group("fc1.weight").getFirst();
        double maxConv = 0;
        double maxFc = 0;
        for (int i = conv1.offset(); i < conv1.end(); i++) {
            maxConv = Math.max(maxConv, Math.abs(a[i]));
        }
        for (int i = fc1.offset(); i < fc1.end(); i++) {
            maxFc = Math.max(maxFc, Math.abs(a[i]));
        }
        assertTrue(maxConv <= 0.2 && maxConv > 0.15, "conv1 max |w| " + maxConv);
        assertTrue(maxFc <= 0.05 && maxFc > 0.049, "fc1 max |w| " + maxFc);
    }

    @Test
    void normsStartAtIdentityScale() {
        Model m = Zoo.cganet5(FMNIST, 10);
        float[] x = m.initialParameters(1);
        Segment gamma = m.layout().group("norm1.weight").getFirst();
        Segment beta = m.layout().group("norm1.bias").getFirst();
        for (int i = 0; i < 32; i++) {
            assertEquals(1f, x[gamma.offset() + i]);
            assertEquals(0f, x[beta.offset() + i]);
        }
    }

    @Test
    void everyModelMapsABatchToLogits() {
        for (String name : Zoo.NAMES) {
            int[] in = name.startsWith("vgg") || name.startsWith("resnet") || name.equals("dac-cifar") ? CIFAR : FMNIST;
            Model m = Zoo.create(name, in, 10);
            Tensor input = Tensor.zeros(2, in[0], in[1], in[2]);
            Rng r = new Rng(5);
            for (int i = 0; i < input.size(); i++) {
                input.data()[i] = (float) r.nextGaussian();
            }
            float[] x = m.initialParameters(7);
            float[] g = new float[x.length];
            Var logits = m.forward(Var.constant(input), x, g, m.initialState(), true, new Rng(1));
            assertArrayEquals(new int[] {2, 10}, logits.shape(), name);
            for (int i = 0; i < 20; i++) {
                assertTrue(Float.isFinite(logits.value().at(i)), name);
            }
        }
    }

    @Test
    void wrongInputsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Zoo.vgg11(FMNIST, 10, Norm.EVONORM));
        assertTrue(e.getMessage().contains("32×32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Zoo.create("alexnet", FMNIST, 10));
        assertTrue(e.getMessage().contains("'alexnet'"), e.getMessage());
        Model m = Zoo.lenet5(FMNIST, 10);
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Var.constant(Tensor.zeros(1, 3, 32, 32)), m.initialParameters(1), null, new float[0], false, null));
        assertTrue(e.getMessage().contains("(N, 1, 28, 28)"), e.getMessage());
    }
}

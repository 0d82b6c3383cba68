package peerlearn.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import peerlearn.tensor.kernel.Im2col;

/**
 * The model zoo. Every model puts its feature layers in group "body", its classifier in group
 * "head", and its final linear layer also in group "last" (the personalized part of GATTA- and
 * DePRL-style algorithms). Parameter counts are checked in {@code ZooTest} and listed in
 * theory/models.md.
 */
public final class Zoo {
    private Zoo() {}

    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("mlp", "lenet5", "cganet5", "vgg11", "vgg11-gn", "vgg11-bn",
            "resnet20", "resnet20-gn", "resnet20-bn", "dac-fashion", "dac-cifar");

    /** A zoo model by name for inputs of shape {@code inputShape} (C, H, W) and {@code classes} classes. */
    public static Model create(String name, int[] inputShape, int classes) {
        return switch (name) {
            case "mlp" -> mlp(inputShape, new int[] {200, 200}, classes);
            case "lenet5" -> lenet5(inputShape, classes);
            case "cganet5" -> cganet5(inputShape, classes);
            case "vgg11" -> vgg11(inputShape, classes, Norm.EVONORM);
            case "vgg11-gn" -> vgg11(inputShape, classes, Norm.GROUPNORM);
            case "vgg11-bn" -> vgg11(inputShape, classes, Norm.BATCHNORM);
            case "resnet20" -> resnet20(inputShape, classes, Norm.EVONORM);
            case "resnet20-gn" -> resnet20(inputShape, classes, Norm.GROUPNORM);
            case "resnet20-bn" -> resnet20(inputShape, classes, Norm.BATCHNORM);
            case "dac-fashion" -> dacFashion(inputShape, classes);
            case "dac-cifar" -> dacCifar(inputShape, classes);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; expected one of " + NAMES);
        };
    }

    /** Flatten, then fully connected layers with ReLU: input → hidden… → classes. */
    public static Model mlp(int[] inputShape, int[] hidden, int classes) {
        ModelBuilder mb = new ModelBuilder().groups("body");
        List<Module> layers = new ArrayList<>(List.of(Layers.flatten()));
        int in = peerlearn.tensor.Tensor.sizeOf(inputShape);
        for (int i = 0; i < hidden.length; i++) {
            layers.add(new Linear(mb, "fc" + (i + 1), in, hidden[i]));
            layers.add(Layers.relu());
            in = hidden[i];
        }
        mb.groups("head", "last");
        layers.add(new Linear(mb, "fc" + (hidden.length + 1), in, classes));
        return new Model("mlp", inputShape, classes, new Sequential(layers), mb);
    }

    /**
     * LeNet-5 (LeCun et al., Proc. IEEE 1998) in its common modern form: conv 5×5 → 6, ReLU,
     * max-pool 2, conv 5×5 → 16, ReLU, max-pool 2, then 400 → 120 → 84 → classes with ReLU.
     * A 28×28 input is padded by 2 so both 1×28×28 and 3×32×32 give 16×5×5 features.
     * Body: the convolutions; head: the three linear layers; last: the final one.
     */
    public static Model lenet5(int[] inputShape, int classes) {
        return lenetLike("lenet5", inputShape, classes);
    }

    private static Model lenetLike(String name, int[] inputShape, int classes) {
        int c = requireImage(name, inputShape);
        int pad = (32 - inputShape[1]) / 2;
        if (inputShape[1] + 2 * pad != 32 || inputShape[1] != inputShape[2]) {
            throw new IllegalArgumentException(name + " takes 28×28 or 32×32 images, got " + Arrays.toString(inputShape));
        }
        ModelBuilder mb = new ModelBuilder().groups("body");
        Module features = new Sequential(
                new Conv2d(mb, "conv1", c, 6, 5, 1, pad, true, Init.TORCH_DEFAULT), Layers.relu(), Layers.maxPool(2, 2),
                new Conv2d(mb, "conv2", 6, 16, 5, 1, 0, true, Init.TORCH_DEFAULT), Layers.relu(), Layers.maxPool(2, 2),
                Layers.flatten());
        mb.groups("head");
        Module fc = new Sequential(new Linear(mb, "fc1", 400, 120), Layers.relu(), new Linear(mb, "fc2", 120, 84), Layers.relu());
        mb.groups("head", "last");
        Module out = new Linear(mb, "fc3", 84, classes);
        return new Model(name, inputShape, classes, new Sequential(features, fc, out), mb);
    }

    /**
     * The 5-layer CNN of the CGA and NGC code ("cganet5"; Aketi et al., arXiv 2209.14390): conv
     * 3×3 (pad 1, no bias) → 32, → 32, max-pool 2, → 64, max-pool 2, → 64, max-pool 2, each
     * convolution followed by EvoNorm-S0 (8 groups), then one linear layer to the classes.
     * 1×28×28: 576 classifier inputs and 70,954 parameters; 3×32×32: 1,024 and 76,010.
     */
    public static Model cganet5(int[] inputShape, int classes) {
        int c = requireImage("cganet5", inputShape);
        ModelBuilder mb = new ModelBuilder().groups("body");
        List<Module> layers = new ArrayList<>();
        int[] widths = {32, 32, 64, 64};
        boolean[] poolAfter = {false, true, true, true};
        int in = c;
        int h = inputShape[1];
        int w = inputShape[2];
        for (int i = 0; i < widths.length; i++) {
            layers.add(new Conv2d(mb, "conv" + (i + 1), in, widths[i], 3, 1, 1, false, Init.TORCH_DEFAULT));
            layers.add(new EvoNormS0(mb, "norm" + (i + 1), widths[i]));
            if (poolAfter[i]) {
                layers.add(Layers.maxPool(2, 2));
                h /= 2;
                w /= 2;
            }
            in = widths[i];
        }
        layers.add(Layers.flatten());
        mb.groups("head", "last");
        layers.add(new Linear(mb, "fc", in * h * w, classes));
        return new Model("cganet5", inputShape, classes, new Sequential(layers), mb);
    }

    /**
     * A slim VGG-11 (Simonyan and Zisserman, ICLR 2015, configuration A) with the NGC code's
     * widths 16-32-64-64-128-128-128-128: conv 3×3 (pad 1) + normalisation, max-pool 2 after
     * layers 1, 2, 4, 6 and 8, then one linear layer 128 → classes. Needs 32×32 inputs.
     */
    public static Model vgg11(int[] inputShape, int classes, Norm norm) {
        int c = requireImage("vgg11", inputShape);
        if (inputShape[1] != 32 || inputShape[2] != 32) {
            throw new IllegalArgumentException("vgg11 takes 32×32 images (five 2× poolings), got " + Arrays.toString(inputShape));
        }
        int[] widths = {16, 32, 64, 64, 128, 128, 128, 128};
        boolean[] poolAfter = {true, true, false, true, false, true, false, true};
        ModelBuilder mb = new ModelBuilder().groups("body");
        List<Module> layers = new ArrayList<>();
        int in = c;
        for (int i = 0; i < widths.length; i++) {
            layers.add(new Conv2d(mb, "features.conv" + (i + 1), in, widths[i], 3, 1, 1, norm.convBias(), Init.KAIMING_NORMAL));
            layers.addAll(norm.withActivation(mb, "features.norm" + (i + 1), widths[i]));
            if (poolAfter[i]) {
                layers.add(Layers.maxPool(2, 2));
            }
            in = widths[i];
        }
        layers.add(Layers.flatten());
        mb.groups("head", "last");
        layers.add(new Linear(mb, "classifier", 128, classes));
        return new Model(norm == Norm.EVONORM ? "vgg11" : "vgg11-" + norm.name().toLowerCase(java.util.Locale.ROOT),
                inputShape, classes, new Sequential(layers), mb);
    }

    /**
     * ResNet-20 for 32×32 images (He et al., CVPR 2016, section 4.2): conv 3×3 → 16, then three
     * stages of three basic blocks (16, 32, 64 channels; the first block of stages 2 and 3 has
     * stride 2 and a 1×1 convolution + normalisation shortcut), global average pooling and a
     * linear layer. Each block: conv, norm, ReLU, conv, norm, add shortcut, ReLU (with EvoNorm,
     * the norm's gate replaces the inner ReLU).
     */
    public static Model resnet20(int[] inputShape, int classes, Norm norm) {
        int c = requireImage("resnet20", inputShape);
        ModelBuilder mb = new ModelBuilder().groups("body");
        List<Module> layers = new ArrayList<>();
        layers.add(new Conv2d(mb, "conv1", c, 16, 3, 1, 1, norm.convBias(), Init.KAIMING_NORMAL));
        layers.addAll(norm.withActivation(mb, "norm1", 16));
        int in = 16;
        int[] widths = {16, 32, 64};
        for (int s = 0; s < 3; s++) {
            for (int b = 0; b < 3; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                int out = widths[s];
                String p = "layer" + (s + 1) + "." + b;
                List<Module> branch = new ArrayList<>();
                branch.add(new Conv2d(mb, p + ".conv1", in, out, 3, stride, 1, norm.convBias(), Init.KAIMING_NORMAL));
                branch.addAll(norm.withActivation(mb, p + ".norm1", out));
                branch.add(new Conv2d(mb, p + ".conv2", out, out, 3, 1, 1, norm.convBias(), Init.KAIMING_NORMAL));
                branch.add(norm.plain(mb, p + ".norm2", out));
                Module shortcut = stride == 1 && in == out ? null : new Sequential(
                        new Conv2d(mb, p + ".shortcut.conv", in, out, 1, stride, 0, norm.convBias(), Init.KAIMING_NORMAL),
                        norm.plain(mb, p + ".shortcut.norm", out));
                layers.add(new Residual(new Sequential(branch), shortcut));
                layers.add(Layers.relu());
                in = out;
            }
        }
        layers.add(AvgPool2d.global());
        mb.groups("head", "last");
        layers.add(new Linear(mb, "fc", 64, classes));
        return new Model(norm == Norm.EVONORM ? "resnet20" : "resnet20-" + norm.name().toLowerCase(java.util.Locale.ROOT),
                inputShape, classes, new Sequential(layers), mb);
    }

    /**
     * The DAC code's Fashion-MNIST CNN (Listo Zec et al., arXiv 2206.08839; code {@code
     * CNNFashion}): conv 3×3 → 16, ReLU, max-pool 2, conv 3×3 → 32, ReLU, max-pool 2, linear
     * 800 → 64, ReLU, linear 64 → classes (log-softmax + NLL there, cross-entropy here: the same loss).
     */
    public static Model dacFashion(int[] inputShape, int classes) {
        int c = requireImage("dac-fashion", inputShape);
        int h = (Im2col.outSize(inputShape[1], 3, 1, 0) / 2 - 2) / 2;
        int w = (Im2col.outSize(inputShape[2], 3, 1, 0) / 2 - 2) / 2;
        ModelBuilder mb = new ModelBuilder().groups("body");
        Module features = new Sequential(
                new Conv2d(mb, "conv1", c, 16, 3, 1, 0, true, Init.TORCH_DEFAULT), Layers.relu(), Layers.maxPool(2, 2),
                new Conv2d(mb, "conv2", 16, 32, 3, 1, 0, true, Init.TORCH_DEFAULT), Layers.relu(), Layers.maxPool(2, 2),
                Layers.flatten());
        mb.groups("head");
        Module fc = new Sequential(new Linear(mb, "fc1", 32 * h * w, 64), Layers.relu());
        mb.groups("head", "last");
        Module out = new Linear(mb, "output", 64, classes);
        return new Model("dac-fashion", inputShape, classes, new Sequential(features, fc, out), mb);
    }

    /**
     * The DAC code's CIFAR-10 CNN ({@code CNN}): LeNet-5's layout on 3×32×32 (conv 5×5 → 6,
     * pool, conv 5×5 → 16, pool, 400 → 120 → 84 → classes), unpadded.
     */
    public static Model dacCifar(int[] inputShape, int classes) {
        if (inputShape.length != 3 || inputShape[1] != 32 || inputShape[2] != 32) {
            throw new IllegalArgumentException("dac-cifar takes C×32×32 images, got " + Arrays.toString(inputShape));
        }
        return lenetLike("dac-cifar", inputShape, classes);
    }

    private static int requireImage(String model, int[] inputShape) {
        if (inputShape.length != 3 || inputShape[0] <= 0 || inputShape[1] <= 0 || inputShape[2] <= 0) {
            throw new IllegalArgumentException(model + " takes images of shape (C, H, W), got " + Arrays.toString(inputShape));
        }
        return inputShape[0];
    }
}

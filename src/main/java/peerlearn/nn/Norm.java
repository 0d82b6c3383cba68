package peerlearn.nn;

import java.util.List;

/**
 * The normalisation a zoo model uses after each convolution. EvoNorm-S0 and group norm keep
 * per-sample statistics (NGC's choice for non-IID data); batch norm keeps running statistics as
 * model state. {@link #NONE} leaves the convolution's bias in place instead.
 */
public enum Norm {
    EVONORM, GROUPNORM, BATCHNORM, NONE;

    /** Groups used by group norm and EvoNorm: 8, or fewer when the channels are fewer. */
    static int groupsFor(int channels) {
        int g = Math.min(8, channels);
        while (channels % g != 0) {
            g--;
        }
        return g;
    }

    /** Normalisation then activation: [norm, ReLU], or [EvoNorm-S0], whose gate is its activation. */
    List<Module> withActivation(ModelBuilder mb, String name, int channels) {
        return switch (this) {
            case EVONORM -> List.of(new EvoNormS0(mb, name, channels, groupsFor(channels)));
            case NONE -> List.of(Layers.relu());
            default -> List.of(plain(mb, name, channels), Layers.relu());
        };
    }

    /** The normalisation alone (EvoNorm-S0 always includes its gate); the identity for {@link #NONE}. */
    Module plain(ModelBuilder mb, String name, int channels) {
        return switch (this) {
            case EVONORM -> new EvoNormS0(mb, name, channels, groupsFor(channels));
            case GROUPNORM -> new GroupNorm(mb, name, channels, groupsFor(channels), 1e-5f);
            case BATCHNORM -> new BatchNorm2d(mb, name, channels);
            case NONE -> (x, f) -> x;
        };
    }

    /** Convolutions followed by a normalisation carry no bias. */
    boolean convBias() {
        return this == NONE;
    }

    public static Norm parse(String s) {
        return switch (s) {
            case "evonorm" -> EVONORM;
            case "groupnorm", "gn" -> GROUPNORM;
            case "batchnorm", "bn" -> BATCHNORM;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown normalisation '" + s + "'; expected evonorm, groupnorm, batchnorm or none");
        };
    }
}

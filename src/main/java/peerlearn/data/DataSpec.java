package peerlearn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data set named as text, for configuration files and the command line:
 * <ul>
 * <li>{@code fmnist}: the full Fashion-MNIST files in {@link FashionMnist#DEBIAN_DIR} when all
 *     four are there, else the embedded subset (the {@link Split#source()} says which);</li>
 * <li>{@code subset}: the embedded Fashion-MNIST subset (10,000 + 2,000 images);</li>
 * <li>{@code fmnist:DIR}, {@code mnist:DIR}: the four IDX files in DIR;</li>
 * <li>{@code cifar10:DIR}, {@code cifar100:DIR}, {@code cifar100-coarse:DIR}: the binary
 *     distributions in DIR;</li>
 * <li>any other text: a directory holding Fashion-MNIST-layout IDX files.</li>
 * </ul>
 */
public final class DataSpec {
    private DataSpec() {}

    public static Split load(String spec) throws IOException {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String dir = colon < 0 ? "" : s.substring(colon + 1);
        switch (kind) {
            case "fmnist" -> {
                return colon < 0 ? FashionMnist.bestAvailable(FashionMnist.DEBIAN_DIR) : FashionMnist.load(path(spec, dir));
            }
            case "subset" -> {
                return FashionMnist.embeddedSubset();
            }
            case "mnist" -> {
                return Mnist.load(path(spec, dir));
            }
            case "cifar10" -> {
                return Cifar.cifar10(path(spec, dir));
            }
            case "cifar100", "cifar100-coarse" -> {
                return Cifar.cifar100(path(spec, dir), kind.endsWith("coarse"));
            }
            default -> {
                return FashionMnist.load(Path.of(s));
            }
        }
    }

    private static Path path(String spec, String dir) {
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("data spec '" + spec + "' needs a directory, e.g. cifar10:/data/cifar-10-batches-bin");
        }
        return Path.of(dir);
    }
}

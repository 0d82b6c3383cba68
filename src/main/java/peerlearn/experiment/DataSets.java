package peerlearn.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import peerlearn.data.FashionMnist;
import peerlearn.data.Split;

/**
 * Loads (and keeps) the data sets experiments name, so a comparison of several algorithms reads
 * and normalises its files once. One instance per command; not shared between threads.
 */
public final class DataSets {
    private final Map<String, Split> loaded = new HashMap<>();

    /**
     * The normalised split for {@code data}: {@code fashion-mnist} (the full IDX files in
     * {@code dir}, or the default place, when present, else the embedded subset),
     * {@code fashion-mnist-subset}, or {@code cifar10} / {@code cifar100} (binary batches in {@code dir}).
     */
    public Split get(String data, String dir) {
        String key = data + "|" + dir;
        Split s = loaded.get(key);
        if (s == null) {
            s = load(data, dir).normalized();
            loaded.put(key, s);
        }
        return s;
    }

    private static Split load(String data, String dir) {
        Path path = dir.isEmpty() ? FashionMnist.DEBIAN_DIR : Path.of(dir);
        try {
            return switch (data) {
                case "fashion-mnist" -> {
                    if (!dir.isEmpty() && !FashionMnist.isPresent(path)) {
                        throw new IllegalArgumentException("data.dir = '" + dir + "': the four Fashion-MNIST IDX files "
                                + "(train-images-idx3-ubyte[.gz], …) are not there");
                    }
                    yield FashionMnist.bestAvailable(path);
                }
                case "fashion-mnist-subset" -> FashionMnist.embeddedSubset();
                case "cifar10", "cifar100" -> {
                    if (dir.isEmpty()) {
                        throw new IllegalArgumentException("data = '" + data + "' needs data.dir, the folder of the binary batches");
                    }
                    yield data.equals("cifar10") ? peerlearn.data.Cifar.cifar10(path) : peerlearn.data.Cifar.cifar100(path, false);
                }
                default -> throw new IllegalArgumentException("data = '" + data
                        + "': expected fashion-mnist, fashion-mnist-subset, cifar10, cifar100 or quadratic");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data + " from " + path + ": " + e.getMessage(), e);
        }
    }
}

package peerlearn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf, "Fashion-MNIST: a Novel Image Dataset for Benchmarking
 * Machine Learning Algorithms", arXiv 1708.07747, 2017): 60,000 training and 10,000 test
 * greyscale 28×28 images of 10 clothing classes, in IDX files. Samples have shape (1, 28, 28),
 * pixels in [0, 1]; {@link Split#normalized()} standardises them.
 *
 * <p>Three sources: the full files in a directory ({@link #load(Path)}; Debian's
 * {@code dataset-fashion-mnist} package installs them in {@link #DEBIAN_DIR}), a class-balanced
 * subset of 10,000 + 2,000 images shipped inside the jar ({@link #embeddedSubset()}; see
 * {@code src/main/resources/peerlearn/data/fashion-mnist-subset/NOTICE.md} for its licence), and
 * {@link #bestAvailable(Path)}, which takes the full files when present.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int CLASSES = 10;
    public static final int ROWS = 28;
    public static final int COLS = 28;
    /** Class names, in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final String RESOURCE_DIR = "/peerlearn/data/fashion-mnist-subset/";

    private FashionMnist() {}

    /**
     * Loads the four IDX files from {@code dir}, each either gzip-compressed ({@code name.gz})
     * or raw ({@code name}).
     */
    public static Split load(Path dir) throws IOException {
        return loadDirectory(dir, "fashion-mnist", "Fashion-MNIST");
    }

    /**
     * The four files of an MNIST-layout directory (Fashion-MNIST and MNIST share the file names,
     * sizes and class count), each gzip-compressed ({@code name.gz}) or raw ({@code name}).
     */
    static Split loadDirectory(Path dir, String name, String title) throws IOException {
        Dataset train = Idx.readClassification(name + "-train", find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS),
                CLASSES, ROWS, COLS);
        Dataset test = Idx.readClassification(name + "-test", find(dir, TEST_IMAGES), find(dir, TEST_LABELS),
                CLASSES, ROWS, COLS);
        return new Split(train, test, title + " from " + dir + " (" + train.size() + " train, " + test.size() + " test)");
    }

    /** True when {@code dir} holds all four files (compressed or raw). */
    public static boolean isPresent(Path dir) {
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (!Files.isRegularFile(dir.resolve(name + ".gz")) && !Files.isRegularFile(dir.resolve(name))) {
                return false;
            }
        }
        return true;
    }

    /** The class-balanced subset shipped in the jar: 10,000 training and 2,000 test images. */
    public static Split embeddedSubset() {
        try {
            Dataset train = Idx.classification("fashion-mnist-subset-train", resource(TRAIN_IMAGES, 3),
                    RESOURCE_DIR + TRAIN_IMAGES, resource(TRAIN_LABELS, 1), RESOURCE_DIR + TRAIN_LABELS, CLASSES, ROWS, COLS);
            Dataset test = Idx.classification("fashion-mnist-subset-test", resource(TEST_IMAGES, 3),
                    RESOURCE_DIR + TEST_IMAGES, resource(TEST_LABELS, 1), RESOURCE_DIR + TEST_LABELS, CLASSES, ROWS, COLS);
            return new Split(train, test, "the Fashion-MNIST subset embedded in peerlearn (" + train.size() + " train, "
                    + test.size() + " test, class-balanced)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded Fashion-MNIST subset", e);
        }
    }

    private static Idx.Array resource(String name, int rank) throws IOException {
        String path = RESOURCE_DIR + name + ".gz";
        InputStream in = FashionMnist.class.getResourceAsStream(path);
        if (in == null) {
            throw new DataFileException(path, "resource missing from the class path", null);
        }
        return Idx.read(path, in, rank);
    }

    /**
     * The full data set from {@code dir} when all four files are there, otherwise the embedded
     * subset; {@link Split#source()} says which was used.
     */
    public static Split bestAvailable(Path dir) throws IOException {
        if (isPresent(dir)) {
            return load(dir);
        }
        Split s = embeddedSubset();
        return new Split(s.train(), s.test(), s.source() + "; the full files were not found in " + dir);
    }

    private static Path find(Path dir, String name) throws IOException {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new DataFileException(gz, "no such file (nor " + raw.getFileName() + ")");
    }
}

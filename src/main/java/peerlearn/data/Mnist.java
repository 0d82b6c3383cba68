package peerlearn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST handwritten digits (LeCun, Bottou, Bengio, Haffner, Proc. IEEE 86(11), 1998): 60,000 +
 * 10,000 greyscale 28×28 images of 10 digits in IDX files with the same names and layout as
 * Fashion-MNIST's. Users bring the files; samples have shape (1, 28, 28), pixels in [0, 1].
 */
public final class Mnist {
    private Mnist() {}

    /** Loads {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-…} from {@code dir}. */
    public static Split load(Path dir) throws IOException {
        return FashionMnist.loadDirectory(dir, "mnist", "MNIST");
    }
}

package peerlearn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The IDX file format of MNIST and Fashion-MNIST (LeCun et al., yann.lecun.com/exdb/mnist):
 * a 4-byte magic {@code 00 00 tt rr} (tt = element type, 08 for unsigned bytes; rr = rank),
 * rr big-endian 32-bit dimensions, then the elements in row-major order. Files may be raw or
 * gzip-compressed (detected from the content). Only unsigned-byte files are supported, which is
 * what both data sets use.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {}

    /** An IDX array: its dimensions and its elements as unsigned bytes (row-major). */
    public record Array(int[] dims, byte[] data) {
        public int dim(int axis) {
            return dims[axis];
        }

        /** Element {@code i} as an int in [0, 255]. */
        public int unsigned(int i) {
            return data[i] & 0xFF;
        }
    }

    /** Reads an unsigned-byte IDX file of the given rank. */
    public static Array read(Path file, int expectedRank) throws IOException {
        return read(DataFiles.open(file), expectedRank);
    }

    /** Reads an IDX array from a stream (closed afterwards), named {@code name} in error messages. */
    public static Array read(String name, InputStream in, int expectedRank) throws IOException {
        return read(DataFiles.open(name, in, -1), expectedRank);
    }

    private static Array read(DataFiles.Opened opened, int expectedRank) throws IOException {
        try (DataFiles.Opened f = opened) {
            int magic = DataFiles.readInt(f, "magic number");
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank != expectedRank) {
                throw f.error(String.format(
                        "bad magic number 0x%08x, expected 0x%08x (IDX, unsigned bytes, rank %d)%s", magic,
                        (UNSIGNED_BYTE << 8) | expectedRank, expectedRank, explain(magic, expectedRank)));
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int k = 0; k < rank; k++) {
                dims[k] = DataFiles.readInt(f, "size of dimension " + k);
                if (dims[k] < 0) {
                    throw f.error("dimension " + k + " has negative size " + dims[k]
                            + " (" + Integer.toUnsignedString(dims[k]) + " as unsigned)");
                }
                total *= dims[k];
                if (total > DataFiles.MAX_ARRAY) {
                    throw f.error("header declares dimensions starting "
                            + Arrays.toString(Arrays.copyOf(dims, k + 1)) + ", more elements than a Java array can hold");
                }
            }
            String declaredAs = String.join("×", Arrays.stream(dims).mapToObj(Integer::toString).toList());
            byte[] data = DataFiles.readBody(f, total, 4 + 4 * rank, declaredAs);
            return new Array(dims, data);
        }
    }

    private static String explain(int magic, int expectedRank) {
        if ((magic >>> 16) != 0) {
            return "; this is not an IDX file";
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if (type != UNSIGNED_BYTE) {
            return "; element type 0x" + DataFiles.hex(type) + " is not supported";
        }
        return "; the file has rank " + rank + (rank == 1 && expectedRank == 3 ? " (a labels file?)"
                : rank == 3 && expectedRank == 1 ? " (an images file?)" : "");
    }

    /**
     * Reads an images file (n, rows, cols) and its labels file (n) into a classification data set
     * of shape (1, rows, cols) with pixels scaled to [0, 1].
     *
     * @param rows expected image height, or 0 to accept any
     * @param cols expected image width, or 0 to accept any
     */
    public static Dataset readClassification(String name, Path images, Path labels, int numClasses, int rows, int cols)
            throws IOException {
        return classification(name, read(images, 3), images.toString(), read(labels, 1), labels.toString(), numClasses,
                rows, cols);
    }

    /**
     * Builds a classification data set of shape (1, rows, cols), pixels scaled to [0, 1], from an
     * images array (n, rows, cols) and a labels array (n); the names are for error messages.
     */
    static Dataset classification(String name, Array img, String images, Array lab, String labels, int numClasses,
                                  int rows, int cols) throws DataFileException {
        int n = img.dim(0);
        if ((rows > 0 && img.dim(1) != rows) || (cols > 0 && img.dim(2) != cols)) {
            throw new DataFileException(images, "images are " + img.dim(1) + "×" + img.dim(2) + ", " + name
                    + " images are " + rows + "×" + cols, null);
        }
        if (img.dim(1) == 0 || img.dim(2) == 0) {
            throw new DataFileException(images, "images have an empty dimension: " + img.dim(1) + "×" + img.dim(2), null);
        }
        if (lab.dim(0) != n) {
            throw new DataFileException(labels, lab.dim(0) + " labels but " + images + " holds " + n + " images", null);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lab.unsigned(i);
            if (y[i] >= numClasses) {
                throw new DataFileException(labels, "label " + y[i] + " at index " + i + " is outside [0, " + numClasses + ")", null);
            }
        }
        byte[] px = img.data();
        float[] x = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            x[i] = (px[i] & 0xFF) / 255f;
        }
        return Dataset.classification(name, new int[] {1, img.dim(1), img.dim(2)}, x, y, numClasses);
    }
}

package peerlearn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 in their binary distributions (Krizhevsky, "Learning Multiple Layers of
 * Features from Tiny Images", 2009; www.cs.toronto.edu/~kriz/cifar.html). Users bring the files.
 * A record is the label byte(s) — CIFAR-10: the class; CIFAR-100: the coarse (20) then the fine
 * (100) label — followed by 3072 pixel bytes: the red, green and blue 32×32 planes, rows from the
 * top. Samples have shape (3, 32, 32), pixels in [0, 1]. Files may be gzip-compressed.
 */
public final class Cifar {
    public static final int SIDE = 32;
    public static final int PIXELS = 3 * SIDE * SIDE;

    private Cifar() {}

    /**
     * CIFAR-10 from {@code dir} (the {@code cifar-10-batches-bin} directory, or its parent):
     * {@code data_batch_1.bin} … {@code data_batch_5.bin} and {@code test_batch.bin}.
     */
    public static Split cifar10(Path dir) throws IOException {
        Path d = locate(dir, "cifar-10-batches-bin", "test_batch.bin");
        List<Path> train = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            train.add(d.resolve("data_batch_" + k + ".bin"));
        }
        Dataset tr = read("cifar10-train", train, 1, 0, 10);
        Dataset te = read("cifar10-test", List.of(d.resolve("test_batch.bin")), 1, 0, 10);
        return new Split(tr, te, "CIFAR-10 from " + d + " (" + tr.size() + " train, " + te.size() + " test)");
    }

    /**
     * CIFAR-100 from {@code dir} (the {@code cifar-100-binary} directory, or its parent):
     * {@code train.bin} and {@code test.bin}, with the 100 fine labels or the 20 coarse ones.
     */
    public static Split cifar100(Path dir, boolean coarse) throws IOException {
        Path d = locate(dir, "cifar-100-binary", "test.bin");
        int labelIndex = coarse ? 0 : 1;
        int classes = coarse ? 20 : 100;
        String suffix = coarse ? "-coarse" : "";
        Dataset tr = read("cifar100" + suffix + "-train", List.of(d.resolve("train.bin")), 2, labelIndex, classes);
        Dataset te = read("cifar100" + suffix + "-test", List.of(d.resolve("test.bin")), 2, labelIndex, classes);
        return new Split(tr, te, "CIFAR-100 (" + classes + (coarse ? " coarse" : " fine") + " labels) from " + d + " ("
                + tr.size() + " train, " + te.size() + " test)");
    }

    /**
     * Reads and concatenates record files.
     *
     * @param labelBytes label bytes before the pixels of each record (1 or 2)
     * @param labelIndex which of them is the label
     */
    public static Dataset read(String name, List<Path> files, int labelBytes, int labelIndex, int classes) throws IOException {
        int record = labelBytes + PIXELS;
        List<byte[]> contents = new ArrayList<>();
        long samples = 0;
        for (Path file : files) {
            byte[] bytes;
            try (DataFiles.Opened f = DataFiles.open(file)) {
                bytes = DataFiles.readAll(f);
            }
            if (bytes.length == 0 || bytes.length % record != 0) {
                throw new DataFileException(file, "holds " + bytes.length + " bytes, not a whole number of " + record
                        + "-byte records (" + labelBytes + " label byte" + (labelBytes > 1 ? "s" : "") + " + " + PIXELS
                        + " pixels)" + (bytes.length > 0 ? "; truncated or not a CIFAR" + (labelBytes == 1 ? "-10" : "-100")
                        + " file" : ""));
            }
            for (int r = 0; r < bytes.length / record; r++) {
                int label = bytes[r * record + labelIndex] & 0xFF;
                if (label >= classes) {
                    throw new DataFileException(file, (labelBytes == 2 ? (labelIndex == 0 ? "coarse " : "fine ") : "") + "label "
                            + label + " of record " + r + " is outside [0, " + classes + ")");
                }
            }
            contents.add(bytes);
            samples += bytes.length / record;
        }
        if (samples * PIXELS > DataFiles.MAX_ARRAY) {
            throw new IllegalArgumentException(name + ": " + samples + " images are more than one float array can hold");
        }
        float[] x = new float[(int) (samples * PIXELS)];
        int[] y = new int[(int) samples];
        int s = 0;
        for (byte[] bytes : contents) {
            for (int r = 0; r < bytes.length / record; r++, s++) {
                y[s] = bytes[r * record + labelIndex] & 0xFF;
                int from = r * record + labelBytes;
                for (int k = 0; k < PIXELS; k++) {
                    x[s * PIXELS + k] = (bytes[from + k] & 0xFF) / 255f;
                }
            }
        }
        return Dataset.classification(name, new int[] {3, SIDE, SIDE}, x, y, classes);
    }

    private static Path locate(Path dir, String sub, String probe) throws IOException {
        if (Files.isRegularFile(dir.resolve(probe)) || Files.isRegularFile(dir.resolve(probe + ".gz"))) {
            return dir;
        }
        if (Files.isRegularFile(dir.resolve(sub).resolve(probe))) {
            return dir.resolve(sub);
        }
        throw new DataFileException(dir.resolve(probe), "no such file (nor " + sub + "/" + probe + ")");
    }
}

package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR readers on the fixtures of {@code tools/make-data-fixtures} and on files written here. */
class CifarTest {
    static final Path DIR = Path.of("testdata/data");

    /** Pixel k of record i in the fixtures = (3072·i + k)·3 mod 256 (i counts records within a file). */
    static float pixel(int i, int k) {
        return (((3072 * i + k) * 3) % 256) / 255f;
    }

    @Test
    void readsCifar10BatchesInOrder() throws IOException {
        Split s = Cifar.cifar10(DIR.resolve("cifar10-mini"));
        assertEquals(11, s.train().size());
        assertEquals(2, s.test().size());
        assertArrayEquals(new int[] {3, 32, 32}, s.train().sampleShape());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0}, s.train().labels());
        float[] x = new float[Cifar.PIXELS];
        s.train().copyFeatures(1, x, 0); // record 1 of data_batch_1
        assertEquals(pixel(1, 0), x[0]);
        assertEquals(pixel(1, 1024 + 32 * 5 + 7), x[1024 + 32 * 5 + 7], "green plane, row 5, column 7");
    }

    @Test
    void readsCifar100FineAndCoarseLabels() throws IOException {
        assertArrayEquals(new int[] {5, 99, 42}, Cifar.cifar100(DIR.resolve("cifar100-mini"), false).train().labels());
        Split coarse = Cifar.cifar100(DIR.resolve("cifar100-mini"), true);
        assertArrayEquals(new int[] {0, 19, 3}, coarse.train().labels());
        assertEquals(20, coarse.train().numClasses());
    }

    @Test
    void readsGzipCompressedBatches(@TempDir Path tmp) throws IOException {
        byte[] raw = Files.readAllBytes(DIR.resolve("cifar10-mini/data_batch_1.bin"));
        Path gz = tmp.resolve("batch.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(raw);
        }
        Dataset d = Cifar.read("g", List.of(gz), 1, 0, 10);
        assertArrayEquals(new int[] {0, 1, 2}, d.labels());
    }

    private static String failure(String file, int labelBytes, int labelIndex, int classes) {
        return assertThrows(DataFileException.class,
                () -> Cifar.read("bad", List.of(DIR.resolve(file)), labelBytes, labelIndex, classes)).getMessage();
    }

    @Test
    void malformedFilesAreNamed() {
        String m = failure("cifar10-truncated.bin", 1, 0, 10);
        assertTrue(m.contains("cifar10-truncated.bin") && m.contains("holds 3173 bytes, not a whole number of 3073-byte records"), m);
        m = failure("cifar10-label-out-of-range.bin", 1, 0, 10);
        assertTrue(m.contains("cifar10-label-out-of-range.bin: label 10 of record 1 is outside [0, 10)"), m);
        m = failure("cifar100-fine-label-out-of-range.bin", 2, 1, 100);
        assertTrue(m.contains("fine label 100 of record 0 is outside [0, 100)"), m);
        m = failure("cifar10-mini/data_batch_1.bin", 2, 1, 100); // a CIFAR-10 file read as CIFAR-100
        assertTrue(m.contains("not a whole number of 3074-byte records"), m);
        m = assertThrows(DataFileException.class, () -> Cifar.cifar10(DIR)).getMessage();
        assertTrue(m.contains("test_batch.bin: no such file"), m);
    }
}

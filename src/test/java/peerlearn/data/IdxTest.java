package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The IDX reader on the fixtures of {@code tools/make-data-fixtures} (testdata/data/). */
class IdxTest {
    static final Path DIR = Path.of("testdata/data");

    /** pixel (i, r, c) of the tiny fixture = (6i + 3r + c)·7 mod 256. */
    private static int tinyPixel(int i, int r, int c) {
        return ((6 * i + 3 * r + c) * 7) % 256;
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        Idx.Array raw = Idx.read(DIR.resolve("tiny-images-idx3-ubyte"), 3);
        Idx.Array gz = Idx.read(DIR.resolve("tiny-images-idx3-ubyte.gz"), 3);
        Idx.Array unnamed = Idx.read(DIR.resolve("tiny-images-gzip-without-gz-name"), 3);
        assertArrayEquals(new int[] {6, 2, 3}, raw.dims());
        assertArrayEquals(raw.data(), gz.data());
        assertArrayEquals(raw.data(), unnamed.data());
        assertEquals(tinyPixel(5, 1, 2), raw.unsigned(35));
        assertEquals(tinyPixel(1, 0, 1), raw.unsigned(7));
    }

    @Test
    void buildsAClassificationSetScaledToUnitRange() throws IOException {
        Dataset d = Idx.readClassification("tiny", DIR.resolve("tiny-images-idx3-ubyte.gz"),
                DIR.resolve("tiny-labels-idx1-ubyte"), 3, 2, 3);
        assertEquals(6, d.size());
        assertArrayEquals(new int[] {1, 2, 3}, d.sampleShape());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, d.labels());
        float[] x = new float[6];
        d.copyFeatures(4, x, 0);
        assertEquals(tinyPixel(4, 1, 0) / 255f, x[3]);
        assertArrayEquals(new int[] {2, 2, 2}, d.classCounts());
    }

    private static String failure(String images, String labels, int classes) {
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readClassification("tiny",
                DIR.resolve(images), DIR.resolve(labels), classes, 2, 3));
        return e.getMessage();
    }

    private static void assertMessage(String message, String file, String... fragments) {
        assertTrue(message.contains(file), () -> "message names " + file + ": " + message);
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "message says '" + f + "': " + message);
        }
    }

    @Test
    void badMagicNumberIsNamed() {
        assertMessage(failure("bad-magic-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 3), "bad-magic-images-idx3-ubyte",
                "bad magic number 0x12345678", "not an IDX file");
    }

    @Test
    void unsupportedElementTypeIsNamed() {
        assertMessage(failure("float-type-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 3), "float-type-images",
                "element type 0x0d is not supported");
    }

    @Test
    void wrongRankIsNamed() {
        assertMessage(failure("wrong-rank-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 3), "wrong-rank-images",
                "the file has rank 2");
        assertMessage(failure("tiny-labels-idx1-ubyte", "tiny-labels-idx1-ubyte", 3), "tiny-labels-idx1-ubyte",
                "rank 1 (a labels file?)");
    }

    @Test
    void wrongImageSizeIsNamed() {
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readClassification("Fashion-MNIST",
                DIR.resolve("tiny-images-idx3-ubyte"), DIR.resolve("tiny-labels-idx1-ubyte"), 10, 28, 28));
        assertMessage(e.getMessage(), "tiny-images-idx3-ubyte", "images are 2×3", "images are 28×28");
    }

    @Test
    void truncatedDataIsNamedBeforeAllocating() {
        assertMessage(failure("truncated-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 3), "truncated-images-idx3-ubyte",
                "6×2×3 = 36 data bytes", "holds 20", "truncated");
        assertMessage(failure("truncated-images-idx3-ubyte.gz", "tiny-labels-idx1-ubyte", 3), "truncated-images-idx3-ubyte.gz",
                "truncated", "ends after 20");
        assertMessage(failure("short-header-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 3), "short-header",
                "truncated header", "size of dimension 0");
    }

    @Test
    void brokenGzipStreamIsNamed() {
        assertMessage(failure("cut-gzip-images-idx3-ubyte.gz", "tiny-labels-idx1-ubyte", 3), "cut-gzip-images-idx3-ubyte.gz",
                "gzip");
    }

    @Test
    void extraDataIsNamed() {
        assertMessage(failure("extra-data-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 3), "extra-data-images",
                "holds 41", "extra data");
    }

    @Test
    void gzNameWithoutGzipContentIsNamed() {
        assertMessage(failure("not-gzip-images-idx3-ubyte.gz", "tiny-labels-idx1-ubyte", 3), "not-gzip-images-idx3-ubyte.gz",
                "ends in .gz but the content is not gzip", "first bytes 00 00");
    }

    @Test
    void absurdSizesFailWithoutAllocating() {
        assertMessage(failure("absurd-size-images-idx3-ubyte.gz", "tiny-labels-idx1-ubyte", 3), "absurd-size",
                "more elements than a Java array can hold");
        // 10⁶·28·28 bytes declared, 10 present: fails after reading what is there, with a 1 MiB buffer at most.
        assertMessage(failure("huge-count-images-idx3-ubyte.gz", "tiny-labels-idx1-ubyte", 3), "huge-count",
                "1000000×28×28 = 784000000", "ends after 10");
        assertMessage(failure("negative-dim-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 3), "negative-dim",
                "negative size -1");
    }

    @Test
    void labelOutOfRangeIsNamed() {
        assertMessage(failure("tiny-images-idx3-ubyte", "out-of-range-labels-idx1-ubyte", 10), "out-of-range-labels",
                "label 12 at index 2 is outside [0, 10)");
        assertMessage(failure("tiny-images-idx3-ubyte", "tiny-labels-idx1-ubyte", 2), "tiny-labels-idx1-ubyte",
                "label 2 at index 2 is outside [0, 2)");
    }

    @Test
    void labelCountMismatchIsNamed() {
        assertMessage(failure("tiny-images-idx3-ubyte", "five-labels-idx1-ubyte", 3), "five-labels-idx1-ubyte",
                "5 labels but", "holds 6 images");
    }

    @Test
    void missingFileIsNamed() {
        assertMessage(failure("no-such-images", "tiny-labels-idx1-ubyte", 3), "no-such-images", "no such file");
    }
}

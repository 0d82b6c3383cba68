package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FashionMnistTest {
    static final Path MINI = Path.of("testdata/data/fmnist-mini");

    @Test
    void loadsADirectoryMixingGzipAndRawFiles() throws IOException {
        Split s = FashionMnist.load(MINI);
        assertEquals(20, s.train().size());
        assertEquals(10, s.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, s.train().sampleShape());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, s.train().classCounts());
        assertTrue(s.source().contains("fmnist-mini"), s.source());
    }

    @Test
    void mnistReadsTheSameLayout() throws IOException {
        Split s = Mnist.load(MINI);
        assertEquals("mnist-train", s.train().name());
        assertTrue(s.source().startsWith("MNIST from"), s.source());
    }

    @Test
    void embeddedSubsetIsClassBalanced() {
        Split s = FashionMnist.embeddedSubset();
        assertEquals(10_000, s.train().size());
        assertEquals(2_000, s.test().size());
        for (int c = 0; c < 10; c++) {
            assertEquals(1_000, s.train().classCounts()[c]);
            assertEquals(200, s.test().classCounts()[c]);
        }
    }

    @Test
    void bestAvailableFallsBackToTheEmbeddedSubsetAndSaysSo() throws IOException {
        Split s = FashionMnist.bestAvailable(Path.of("testdata/data/no-such-dir"));
        assertTrue(s.source().contains("embedded"), s.source());
        assertTrue(s.source().contains("not found in testdata/data/no-such-dir"), s.source());
    }

    @Test
    void missingFilesAreNamed() {
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.load(Path.of("testdata/data")));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz: no such file"), e.getMessage());
    }

    @Test
    void fullDebianFilesHaveTheDocumentedSizes() throws IOException {
        assumeTrue(FashionMnist.isPresent(FashionMnist.DEBIAN_DIR), "Fashion-MNIST is not installed here");
        Split s = FashionMnist.load(FashionMnist.DEBIAN_DIR);
        assertEquals(60_000, s.train().size());
        assertEquals(10_000, s.test().size());
        for (int c : s.train().classCounts()) {
            assertEquals(6_000, c);
        }
        for (int c : s.test().classCounts()) {
            assertEquals(1_000, c);
        }
    }
}

package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.rng.Rng;
import peerlearn.testkit.Fuzz;

/**
 * Hostile data files: the IDX reader (streams, raw and gzip files, and whole MNIST-layout
 * directories through {@link FashionMnist#load} and {@link Mnist#load}) and the CIFAR binary
 * reader, fed random and mutated versions of small valid files. The only accepted failure is a
 * {@link DataFileException} naming the file; see {@link Fuzz} for what else is checked.
 */
class DataFilesFuzzTest {
    /** Cases per loop: streams are cheap; files cost a write and a read each, so fewer of those. */
    private static final int STREAM_CASES = Fuzz.cases(2000);
    private static final int FILE_CASES = Fuzz.cases(600);
    private static final int DIRECTORY_CASES = Fuzz.cases(400);
    private static final int CIFAR_CASES = Fuzz.cases(1000);
    /** Offsets of the magic number and the dimensions of a rank-3 IDX header. */
    private static final int[] IDX3_FIELDS = {0, 4, 8, 12};
    private static final int[] IDX1_FIELDS = {0, 4};

    static byte[] idx(int[] dims, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(body).array();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] pixels(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    private static byte[] labels(int n, int classes) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % classes);
        }
        return b;
    }

    /** MNIST-layout images (n, 28, 28) and labels (n). */
    private static List<byte[]> mnistSeeds(int n) {
        return List.of(idx(new int[] {n, 28, 28}, pixels(n * 784, n)), idx(new int[] {n}, labels(n, 10)));
    }

    /**
     * A raw mutation of an IDX seed, or the gzip of one (so header edits reach the parser
     * through the decompressor), or a mutation of the compressed bytes themselves.
     */
    private static Fuzz.Case idxCase(List<byte[]> seeds, Rng rng, int[] fields) {
        return switch (rng.nextInt(4)) {
            case 0, 1 -> Fuzz.mutate(seeds, rng, fields, ByteOrder.BIG_ENDIAN);
            case 2 -> {
                Fuzz.Case raw = Fuzz.mutate(seeds, rng, fields, ByteOrder.BIG_ENDIAN);
                yield new Fuzz.Case("gzip of (" + raw.how() + ")", gzip(raw.bytes()));
            }
            default -> {
                Fuzz.Case z = Fuzz.mutate(seeds.stream().map(DataFilesFuzzTest::gzip).toList(), rng, new int[0],
                        ByteOrder.BIG_ENDIAN);
                yield new Fuzz.Case("gzip bytes: " + z.how(), z.bytes());
            }
        };
    }

    @Test
    void idxStreamsFailCleanly() {
        List<byte[]> images = List.of(idx(new int[] {3, 4, 5}, pixels(60, 1)), idx(new int[] {0, 28, 28}, new byte[0]),
                idx(new int[] {2, 28, 28}, pixels(2 * 784, 3)));
        Fuzz.Outcome o = Fuzz.run("IDX stream, rank 3", STREAM_CASES, (k, rng) -> idxCase(images, rng, IDX3_FIELDS),
                c -> Idx.read("fuzz-images", new ByteArrayInputStream(c.bytes()), 3),
                Fuzz.cleanError(List.of("fuzz-images: "), DataFileException.class));
        assertTrue(o.accepted() > 0 && o.accepted() < o.cases(), o.toString());
        List<byte[]> labels = List.of(idx(new int[] {7}, labels(7, 10)), idx(new int[] {1}, new byte[] {9}));
        Fuzz.run("IDX stream, rank 1", STREAM_CASES, (k, rng) -> idxCase(labels, rng, IDX1_FIELDS),
                c -> Idx.read("fuzz-labels", new ByteArrayInputStream(c.bytes()), 1),
                Fuzz.cleanError(List.of("fuzz-labels: "), DataFileException.class));
    }

    @Test
    void idxFilesFailCleanly(@TempDir Path dir) {
        List<byte[]> images = List.of(idx(new int[] {3, 4, 5}, pixels(60, 1)), idx(new int[] {1, 1, 1}, pixels(1, 2)));
        Path raw = dir.resolve("fuzz-images-idx3-ubyte");
        Path gz = dir.resolve("fuzz-images-idx3-ubyte.gz");
        Fuzz.run("IDX file", FILE_CASES, (k, rng) -> idxCase(images, rng, IDX3_FIELDS), c -> {
            Path file = c.how().startsWith("gzip") && c.bytes().length % 3 != 0 ? gz : raw;
            Files.write(file, c.bytes());
            Idx.Array a = Idx.read(file, 3);
            assertEquals((long) a.dim(0) * a.dim(1) * a.dim(2), a.data().length, "elements match the dimensions");
        }, Fuzz.cleanError(List.of(dir.toString()), DataFileException.class));
    }

    /** FashionMnist.load and Mnist.load on a directory where one of the four files is mutated. */
    @Test
    void mnistLayoutDirectoriesFailCleanly(@TempDir Path dir) throws IOException {
        List<byte[]> train = mnistSeeds(3);
        List<byte[]> test = mnistSeeds(2);
        String[] names = {FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES,
                FashionMnist.TEST_LABELS};
        byte[][] good = {train.get(0), train.get(1), test.get(0), test.get(1)};
        Fuzz.run("Fashion-MNIST/MNIST directory", DIRECTORY_CASES, (k, rng) -> {
            int f = rng.nextInt(4);
            Fuzz.Case c = idxCase(List.of(good[f]), rng, f % 2 == 0 ? IDX3_FIELDS : IDX1_FIELDS);
            return new Fuzz.Case(names[f] + ": " + c.how(), c.bytes());
        }, c -> {
            Path d = Files.createDirectories(dir.resolve("case"));
            try (var old = Files.list(d)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (int f = 0; f < 4; f++) {
                boolean mutated = c.how().startsWith(names[f] + ":");
                byte[] bytes = mutated ? c.bytes() : good[f];
                boolean compressed = mutated ? c.how().contains("gzip") : f % 2 == 0;
                Files.write(d.resolve(names[f] + (compressed ? ".gz" : "")), compressed && !mutated ? gzip(bytes) : bytes);
            }
            Split s = c.bytes().length % 2 == 0 ? FashionMnist.load(d) : Mnist.load(d);
            assertEquals(784, s.train().sampleSize());
        }, Fuzz.cleanError(List.of(dir.toString()), DataFileException.class));
    }

    private static byte[] cifarRecords(int records, int labelBytes, int classes) {
        int rec = labelBytes + Cifar.PIXELS;
        byte[] b = pixels(records * rec, records);
        for (int r = 0; r < records; r++) {
            for (int l = 0; l < labelBytes; l++) {
                b[r * rec + l] = (byte) ((r + l) % classes);
            }
        }
        return b;
    }

    @Test
    void cifarFilesFailCleanly(@TempDir Path dir) {
        List<byte[]> ten = List.of(cifarRecords(2, 1, 10), cifarRecords(1, 1, 10));
        List<byte[]> hundred = List.of(cifarRecords(2, 2, 20), cifarRecords(1, 2, 20));
        Path file = dir.resolve("fuzz_batch.bin");
        // a CIFAR record has no length field; the label bytes at the start of each record stand in
        int[] labelFields = {0, 3073, 3074};
        Fuzz.run("CIFAR binary", CIFAR_CASES, (k, rng) -> {
            boolean c100 = rng.nextInt(2) == 0;
            Fuzz.Case c = Fuzz.mutate(c100 ? hundred : ten, rng, labelFields, ByteOrder.BIG_ENDIAN);
            boolean z = rng.nextInt(4) == 0;
            return new Fuzz.Case((c100 ? "cifar100" : "cifar10") + (z ? " gzip" : "") + ": " + c.how(),
                    z ? gzip(c.bytes()) : c.bytes());
        }, c -> {
            Files.write(file, c.bytes());
            Dataset d = c.how().startsWith("cifar100") ? Cifar.read("fuzz", List.of(file), 2, 1, 100)
                    : Cifar.read("fuzz", List.of(file), 1, 0, 10);
            assertEquals(3 * 32 * 32, d.sampleSize());
        }, Fuzz.cleanError(List.of(file.toString()), DataFileException.class));
    }
}

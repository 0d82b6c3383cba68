package peerlearn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import peerlearn.tensor.Tensor;

/**
 * A golden file from {@code testdata/}: named blocks written by a {@code tools/} script.
 * <pre>
 *   # comment
 *   tensor NAME d0 d1 ...     then one line of float values, row-major
 *   ints NAME n               then one line of n integers
 *   scalar NAME value
 * </pre>
 */
public final class GoldenFile {
    private final Path path;
    private final Map<String, Tensor> tensors = new HashMap<>();
    private final Map<String, int[]> ints = new HashMap<>();
    private final Map<String, Double> scalars = new HashMap<>();

    private GoldenFile(Path path) {
        this.path = path;
    }

    /** Reads {@code testdata/<relative>} (tests run from the repository root). */
    public static GoldenFile read(String relative) {
        Path path = Path.of("testdata").resolve(relative);
        GoldenFile g = new GoldenFile(path);
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + path, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] head = line.split("\\s+");
            switch (head[0]) {
                case "scalar" -> g.scalars.put(head[1], Double.parseDouble(head[2]));
                case "tensor" -> {
                    int[] shape = new int[head.length - 2];
                    for (int k = 0; k < shape.length; k++) {
                        shape[k] = Integer.parseInt(head[k + 2]);
                    }
                    String[] values = lines.get(++i).strip().split("\\s+");
                    float[] data = new float[Tensor.sizeOf(shape)];
                    if (values.length != data.length) {
                        throw new IllegalArgumentException(path + ": tensor " + head[1] + " has " + values.length
                                + " values for shape " + java.util.Arrays.toString(shape));
                    }
                    for (int k = 0; k < data.length; k++) {
                        data[k] = Float.parseFloat(values[k]);
                    }
                    g.tensors.put(head[1], Tensor.of(data, shape));
                }
                case "ints" -> {
                    String[] values = lines.get(++i).strip().split("\\s+");
                    int[] data = new int[Integer.parseInt(head[2])];
                    for (int k = 0; k < data.length; k++) {
                        data[k] = Integer.parseInt(values[k]);
                    }
                    g.ints.put(head[1], data);
                }
                default -> throw new IllegalArgumentException(path + " line " + (i + 1) + ": unknown block '"
                        + head[0] + "'");
            }
        }
        return g;
    }

    /** A fresh copy of the named tensor. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(path + " has no tensor '" + name + "'; it has " + tensors.keySet());
        }
        return t.copy();
    }

    public int[] ints(String name) {
        int[] v = ints.get(name);
        if (v == null) {
            throw new IllegalArgumentException(path + " has no ints '" + name + "'");
        }
        return v.clone();
    }

    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException(path + " has no scalar '" + name + "'");
        }
        return v;
    }

    public int integer(String name) {
        return (int) scalar(name);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

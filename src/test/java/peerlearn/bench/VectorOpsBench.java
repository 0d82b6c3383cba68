package peerlearn.bench;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import peerlearn.tensor.kernel.VectorOps;

/**
 * Memory-bound flat-vector kernels on n floats; {@link Run} reports GB/s counting the bytes each
 * must move: axpy reads x and y and writes y (12·n bytes), dot reads x and y (8·n bytes).
 */
@State(Scope.Thread)
public class VectorOpsBench extends KernelBench {
    @Param({"1048576"})
    public int n;

    private float[] x;
    private float[] y;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(2);
        x = GemmBench.random(r, n);
        y = GemmBench.random(r, n);
    }

    @Benchmark
    public float[] axpy() {
        // a tiny step keeps y near its start over the millions of calls of a run
        VectorOps.axpy(1e-7f, x, 0, y, 0, n);
        return y;
    }

    @Benchmark
    public double dot() {
        return VectorOps.dot(x, 0, y, 0, n);
    }
}

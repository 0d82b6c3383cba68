package peerlearn.bench;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;

/**
 * SGEMM on one thread, C = A·B (β = 0). A shape is {@code TT:m:n:k} with TT the transposes of A
 * and B: square sizes, the transposed products back-propagation uses (NT: dX = dY·Wᵀ-like,
 * TN: dW = Xᵀ·dY-like), and LeNet-5's skinny products (conv2 as im2col GEMM: 16 filters ×
 * 150 = 6·5·5 taps × 8·8·50 pixels of a batch of 50; a Linear layer 400 → 120 at batch 32).
 * {@link Run} turns the time per product into GFLOP/s = 2·m·n·k / time. With
 * {@code -p reuseWorkspace=false} every call allocates its packing buffers, which shows what a
 * caller without a {@link GemmWorkspace} pays.
 */
@State(Scope.Thread)
public class GemmBench extends KernelBench {
    @Param({"NN:64:64:64", "NN:128:128:128", "NN:256:256:256", "NN:512:512:512", "NN:1024:1024:1024",
            "NT:512:512:512", "TN:512:512:512", "NN:16:3200:150", "NN:32:120:400", "NT:32:120:400"})
    public String shape;

    /** Whether one workspace serves every call (as a training loop would) or each call packs into fresh buffers. */
    @Param({"true"})
    public boolean reuseWorkspace;

    private boolean ta;
    private boolean tb;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;
    private final GemmWorkspace ws = new GemmWorkspace();

    @Setup(Level.Trial)
    public void setUp() {
        String[] f = shape.split(":");
        ta = f[0].charAt(0) == 'T';
        tb = f[0].charAt(1) == 'T';
        m = Integer.parseInt(f[1]);
        n = Integer.parseInt(f[2]);
        k = Integer.parseInt(f[3]);
        SplittableRandom r = new SplittableRandom(1);
        a = random(r, m * k);
        b = random(r, k * n);
        c = new float[m * n];
    }

    static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n,
                reuseWorkspace ? ws : new GemmWorkspace());
        return c;
    }
}

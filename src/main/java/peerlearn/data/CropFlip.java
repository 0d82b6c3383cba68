package peerlearn.data;

import java.util.Arrays;
import peerlearn.rng.Rng;

/**
 * The standard CIFAR augmentation (He et al., "Deep Residual Learning for Image Recognition",
 * CVPR 2016, §4.2): pad each (C, H, W) image by {@code padding} pixels on every side, take a
 * random H×W crop, and mirror it left–right with probability ½ (when {@code flip}).
 *
 * <p>Output pixel (r, c) = padded[r + dy][c' + dx] with dy, dx uniform in [0, 2·padding] and
 * c' = W−1−c when flipped, else c. Padded pixels take {@code fill[channel]}: 0 for images in
 * [0, 1] (black), or (0 − μ_c)/σ_c for normalised images so that padding is still black.
 * Per sample the draws are: dy, dx, then the flip bit. Not thread-safe (one scratch image).
 */
public final class CropFlip implements BatchTransform {
    private final int padding;
    private final boolean flip;
    private final float[] fill;
    private float[] scratch = new float[0];

    public CropFlip(int padding, boolean flip, float[] fill) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be ≥ 0, got " + padding);
        }
        this.padding = padding;
        this.flip = flip;
        this.fill = fill.clone();
    }

    /** Black padding for un-normalised images. */
    public CropFlip(int padding, boolean flip) {
        this(padding, flip, new float[0]);
    }

    @Override
    public void apply(Batch batch, Rng rng) {
        int[] shape = batch.sampleShape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("crop and flip need images of shape (C, H, W), got rank " + shape.length);
        }
        int ch = shape[0];
        int h = shape[1];
        int w = shape[2];
        if (fill.length != 0 && fill.length != ch) {
            throw new IllegalArgumentException("fill has " + fill.length + " values for " + ch + " channels");
        }
        int size = batch.sampleSize();
        if (scratch.length != size) {
            scratch = new float[size];
        }
        float[] x = batch.x();
        for (int s = 0; s < batch.size(); s++) {
            int dy = rng.nextInt(2 * padding + 1) - padding;
            int dx = rng.nextInt(2 * padding + 1) - padding;
            boolean mirror = flip && rng.nextInt(2) == 1;
            int base = s * size;
            System.arraycopy(x, base, scratch, 0, size);
            for (int c = 0; c < ch; c++) {
                float f = fill.length == 0 ? 0f : fill[c];
                for (int r = 0; r < h; r++) {
                    int sr = r + dy;
                    int out = base + (c * h + r) * w;
                    if (sr < 0 || sr >= h) {
                        Arrays.fill(x, out, out + w, f);
                        continue;
                    }
                    for (int col = 0; col < w; col++) {
                        int sc = (mirror ? w - 1 - col : col) + dx;
                        x[out + col] = sc < 0 || sc >= w ? f : scratch[(c * h + sr) * w + sc];
                    }
                }
            }
        }
    }
}

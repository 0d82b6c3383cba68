package peerlearn.tensor.kernel;

/** One implementation of {@link DirectConv}'s products (arguments already checked by the facade). */
interface DirectConvKernel {
    /** y (N, F, Ho, Wo) ← conv(xp, w), every element written. */
    void forward(DirectConv.Geometry g, float[] xp, float[] w, int wOff, float[] y, int yOff);

    /** t[(f·K + kk)·16 + r] += partial r of dW[f, kk]'s sum (t zeroed by the caller). */
    void weightPartials(DirectConv.Geometry g, float[] xp, float[] dy, int dyOff, float[] t);
}

package peerlearn.tensor.kernel;

/**
 * The scalar twin of {@code SimdDirectConv}, and the definition of {@link DirectConv}'s bits:
 * the textbook loops, each output an fma chain over kk, each weight gradient 16 partial chains
 * over the 16-column chunks of the output rows.
 */
final class ScalarDirectConv implements DirectConvKernel {

    @Override
    public void forward(DirectConv.Geometry g, float[] xp, float[] w, int wOff, float[] y, int yOff) {
        for (int img = 0; img < g.n(); img++) {
            for (int fi = 0; fi < g.f(); fi++) {
                for (int oi = 0; oi < g.ho(); oi++) {
                    for (int oj = 0; oj < g.wo(); oj++) {
                        y[yOff + g.out(img, fi, oi) + oj] = output(g, xp, w, wOff, img, fi, oi, oj);
                    }
                }
            }
        }
    }

    /** y[img, fi, oi, oj]: the fma chain over kk from +0. */
    static float output(DirectConv.Geometry g, float[] xp, float[] w, int wOff, int img, int fi, int oi, int oj) {
        float s = 0f;
        int kk = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++, kk++) {
                    s = Math.fma(w[wOff + fi * g.k() + kk], xp[g.row(img, ci, oi + i) + oj + j], s);
                }
            }
        }
        return s;
    }

    @Override
    public void weightPartials(DirectConv.Geometry g, float[] xp, float[] dy, int dyOff, float[] t) {
        for (int img = 0; img < g.n(); img++) {
            for (int q = 0; q < g.chunks(); q++) {
                for (int oi = 0; oi < g.ho(); oi++) {
                    for (int r = 0; r < DirectConv.CHUNK; r++) {
                        int oj = q * DirectConv.CHUNK + r;
                        for (int fi = 0; fi < g.f(); fi++) {
                            float d = oj < g.wo() ? dy[dyOff + g.out(img, fi, oi) + oj] : 0f;
                            int kk = 0;
                            for (int ci = 0; ci < g.c(); ci++) {
                                for (int i = 0; i < g.kh(); i++) {
                                    for (int j = 0; j < g.kw(); j++, kk++) {
                                        int s = (fi * g.k() + kk) * DirectConv.CHUNK + r;
                                        t[s] = Math.fma(d, xp[g.row(img, ci, oi + i) + oj + j], t[s]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

package peerlearn.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart as an inline SVG: several named series of (x, y) points, linear axes (or a
 * base-10 logarithmic y axis), ticks, grid and a legend. Non-finite points (and non-positive ones
 * on a log axis) are skipped.
 */
public final class LineChart {
    /** One series: a name, its points, and whether it is drawn dashed. */
    public record Series(String name, double[] x, double[] y, boolean dashed, int colour) {}

    private static final int W = 640;
    private static final int H = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 48;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    public LineChart add(Series s) {
        if (s.x().length != s.y().length) {
            throw new IllegalArgumentException("series " + s.name() + " has " + s.x().length + " x values and "
                    + s.y().length + " y values");
        }
        series.add(s);
        return this;
    }

    private boolean usable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0);
    }

    private double ty(double y) {
        return logY ? Math.log10(y) : y;
    }

    /** Tick positions on the (transformed) y axis: nice steps, or 1-2-5 per decade on a log axis. */
    private List<Double> yTicks(double y0, double y1) {
        List<Double> ticks = new ArrayList<>();
        if (!logY) {
            double ys = Svg.step(y1 - y0, 5);
            for (double t = Math.ceil(y0 / ys) * ys; t <= y1 + 1e-9 * ys; t += ys) {
                ticks.add(t);
            }
            return ticks;
        }
        int decades = (int) Math.ceil(y1 - y0);
        int stride = Math.max(1, decades / 6);
        double[] mantissas = decades <= 2 ? new double[] {1, 2, 5} : new double[] {1};
        for (long e = (long) Math.floor(y0); e <= Math.ceil(y1); e += stride) {
            for (double m : mantissas) {
                double t = e + Math.log10(m);
                if (t >= y0 - 1e-9 && t <= y1 + 1e-9) {
                    ticks.add(t);
                }
            }
        }
        return ticks;
    }

    /** The chart as an {@code <svg>} element. */
    public String svg() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (usable(s.x()[i], s.y()[i])) {
                    x0 = Math.min(x0, s.x()[i]);
                    x1 = Math.max(x1, s.x()[i]);
                    y0 = Math.min(y0, ty(s.y()[i]));
                    y1 = Math.max(y1, ty(s.y()[i]));
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\" aria-label=\"")
                .append(Svg.esc(title)).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        b.append("<text x=\"").append(W / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">")
                .append(Svg.esc(title)).append("</text>\n");
        if (x0 > x1) {
            b.append("<text x=\"").append(W / 2).append("\" y=\"").append(H / 2)
                    .append("\" text-anchor=\"middle\">no finite values to plot</text>\n</svg>\n");
            return b.toString();
        }
        if (x0 == x1) {
            x1 = x0 + 1;
        }
        if (y0 == y1) {
            y0 -= 0.5;
            y1 += 0.5;
        }
        double pad = (y1 - y0) * 0.05;
        y0 -= logY ? 0 : pad;
        y1 += pad;
        final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
        java.util.function.DoubleUnaryOperator px = v -> LEFT + (v - fx0) / (fx1 - fx0) * (W - LEFT - RIGHT);
        java.util.function.DoubleUnaryOperator py = v -> H - BOTTOM - (v - fy0) / (fy1 - fy0) * (H - TOP - BOTTOM);
        // grid and ticks
        double xs = Svg.step(x1 - x0, 6);
        for (double t = Math.ceil(x0 / xs) * xs; t <= x1 + 1e-9 * xs; t += xs) {
            double p = px.applyAsDouble(t);
            b.append("<line x1=\"").append(Svg.c(p)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(Svg.c(p))
                    .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#e5e5e5\"/>")
                    .append("<text x=\"").append(Svg.c(p)).append("\" y=\"").append(H - BOTTOM + 15)
                    .append("\" text-anchor=\"middle\">").append(Svg.label(t)).append("</text>\n");
        }
        for (double t : yTicks(y0, y1)) {
            double p = py.applyAsDouble(t);
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(Svg.c(p)).append("\" x2=\"").append(W - RIGHT)
                    .append("\" y2=\"").append(Svg.c(p)).append("\" stroke=\"#e5e5e5\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.c(p + 4))
                    .append("\" text-anchor=\"end\">").append(Svg.label(logY ? Math.pow(10, t) : t)).append("</text>\n");
        }
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(W - LEFT - RIGHT)
                .append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"none\" stroke=\"#888\"/>\n");
        b.append("<text x=\"").append((LEFT + W - RIGHT) / 2).append("\" y=\"").append(H - 10)
                .append("\" text-anchor=\"middle\">").append(Svg.esc(xLabel)).append("</text>\n");
        b.append("<text transform=\"translate(14,").append((TOP + H - BOTTOM) / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(Svg.esc(yLabel + (logY ? " (log scale)" : ""))).append("</text>\n");
        // series
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (usable(s.x()[i], s.y()[i])) {
                    path.append(path.isEmpty() ? "M" : " L").append(Svg.c(px.applyAsDouble(s.x()[i]))).append(',')
                            .append(Svg.c(py.applyAsDouble(ty(s.y()[i]))));
                }
            }
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(Svg.color(s.colour()))
                    .append("\" stroke-width=\"2\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("><title>")
                    .append(Svg.esc(s.name())).append("</title></path>\n");
            int ly = TOP + 12 + 14 * si;
            b.append("<line x1=\"").append(LEFT + 8).append("\" y1=\"").append(ly - 4).append("\" x2=\"").append(LEFT + 28)
                    .append("\" y2=\"").append(ly - 4).append("\" stroke=\"").append(Svg.color(s.colour()))
                    .append("\" stroke-width=\"2\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>")
                    .append("<text x=\"").append(LEFT + 32).append("\" y=\"").append(ly).append("\">")
                    .append(Svg.esc(s.name())).append("</text>\n");
        }
        return b.append("</svg>\n").toString();
    }
}

package peerlearn.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The distribution of per-agent values for several groups (e.g. each algorithm's agents'
 * accuracies): one column per group, a dot per agent (hover for its id), and a bar at the mean.
 */
public final class StripChart {
    private static final int H = 320;
    private static final int LEFT = 64;
    private static final int TOP = 34;
    private static final int BOTTOM = 48;
    private static final int COLUMN = 110;

    private final String title;
    private final String yLabel;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    public StripChart(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    /** A group: its name and one value per agent (agent i at index i). */
    public StripChart add(String name, double[] perAgent) {
        names.add(name);
        values.add(perAgent.clone());
        return this;
    }

    public String svg() {
        int w = Math.max(380, LEFT + 16 + COLUMN * Math.max(1, names.size()));
        double column = (w - 16.0 - LEFT) / Math.max(1, names.size());
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (double[] v : values) {
            for (double a : v) {
                if (Double.isFinite(a)) {
                    y0 = Math.min(y0, a);
                    y1 = Math.max(y1, a);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(H)
                .append("\" width=\"").append(w).append("\" height=\"").append(H).append("\" role=\"img\" aria-label=\"")
                .append(Svg.esc(title)).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        b.append("<text x=\"").append(w / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">")
                .append(Svg.esc(title)).append("</text>\n");
        if (y0 > y1) {
            b.append("<text x=\"").append(w / 2).append("\" y=\"").append(H / 2)
                    .append("\" text-anchor=\"middle\">no finite values to plot</text>\n</svg>\n");
            return b.toString();
        }
        if (y0 == y1) {
            y0 -= 0.05;
            y1 += 0.05;
        }
        double pad = (y1 - y0) * 0.08;
        final double fy0 = y0 - pad, fy1 = y1 + pad;
        java.util.function.DoubleUnaryOperator py = v -> H - BOTTOM - (v - fy0) / (fy1 - fy0) * (H - TOP - BOTTOM);
        double ys = Svg.step(fy1 - fy0, 5);
        for (double t = Math.ceil(fy0 / ys) * ys; t <= fy1; t += ys) {
            double p = py.applyAsDouble(t);
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(Svg.c(p)).append("\" x2=\"").append(w - 16)
                    .append("\" y2=\"").append(Svg.c(p)).append("\" stroke=\"#e5e5e5\"/><text x=\"").append(LEFT - 6)
                    .append("\" y=\"").append(Svg.c(p + 4)).append("\" text-anchor=\"end\">").append(Svg.label(t))
                    .append("</text>\n");
        }
        b.append("<text transform=\"translate(14,").append((TOP + H - BOTTOM) / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(Svg.esc(yLabel)).append("</text>\n");
        for (int g = 0; g < names.size(); g++) {
            double cx = LEFT + column * (g + 0.5);
            double[] v = values.get(g);
            double sum = 0;
            int count = 0;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                sum += v[i];
                count++;
                double jitter = ((i * 37) % 21 - 10) * 2.2;
                b.append("<circle cx=\"").append(Svg.c(cx + jitter)).append("\" cy=\"").append(Svg.c(py.applyAsDouble(v[i])))
                        .append("\" r=\"3.5\" fill=\"").append(Svg.color(g)).append("\" fill-opacity=\"0.75\"><title>agent ")
                        .append(i).append(": ").append(Svg.label(v[i])).append("</title></circle>\n");
            }
            if (count > 0) {
                double m = py.applyAsDouble(sum / count);
                b.append("<line x1=\"").append(Svg.c(cx - 30)).append("\" y1=\"").append(Svg.c(m)).append("\" x2=\"")
                        .append(Svg.c(cx + 30)).append("\" y2=\"").append(Svg.c(m)).append("\" stroke=\"#333\" stroke-width=\"2\"><title>mean ")
                        .append(Svg.label(sum / count)).append("</title></line>\n");
            }
            b.append("<text x=\"").append(Svg.c(cx)).append("\" y=\"").append(H - BOTTOM + 16).append("\" text-anchor=\"middle\">")
                    .append(Svg.esc(names.get(g))).append("</text>\n");
        }
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(w - 16 - LEFT)
                .append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"none\" stroke=\"#888\"/>\n");
        return b.append("</svg>\n").toString();
    }
}

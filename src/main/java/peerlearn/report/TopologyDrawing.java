package peerlearn.report;

import java.util.List;
import peerlearn.graph.MixingMatrix;

/**
 * The communication graph on a circle, agent 0 at the top, clockwise; each edge is labelled with
 * the weight w_ij (or the weight the agents reported, e.g. attention) and drawn thicker when heavier.
 * Edge i–j shows the mean of the two directions' weights when they differ.
 */
final class TopologyDrawing {
    private TopologyDrawing() {}

    static String svg(String title, MixingMatrix w, List<double[]> reported) {
        int n = w.size();
        int size = 420;
        double r = 150, cx = size / 2.0, cy = size / 2.0 + 10;
        double[] px = new double[n], py = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / Math.max(1, n) - Math.PI / 2;
            px[i] = cx + r * Math.cos(a);
            py[i] = cy + r * Math.sin(a);
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(size).append(' ').append(size + 20)
                .append("\" width=\"").append(size).append("\" height=\"").append(size + 20)
                .append("\" role=\"img\" aria-label=\"").append(Svg.esc(title))
                .append("\" font-family=\"sans-serif\" font-size=\"10\">\n<text x=\"").append(size / 2)
                .append("\" y=\"16\" text-anchor=\"middle\" font-size=\"14\">").append(Svg.esc(title)).append("</text>\n");
        boolean labels = w.graph().edgeCount() <= 64;
        for (int i = 0; i < n; i++) {
            int[] nb = w.graph().neighbours(i);
            for (int k = 0; k < nb.length; k++) {
                int j = nb[k];
                if (j < i) {
                    continue;
                }
                double wij = weight(w, reported, i, k);
                double wji = weight(w, reported, j, java.util.Arrays.binarySearch(w.graph().neighbours(j), i));
                double v = (wij + wji) / 2;
                b.append("<line x1=\"").append(Svg.c(px[i])).append("\" y1=\"").append(Svg.c(py[i])).append("\" x2=\"")
                        .append(Svg.c(px[j])).append("\" y2=\"").append(Svg.c(py[j])).append("\" stroke=\"#777\" stroke-width=\"")
                        .append(Svg.c(0.5 + 6 * Math.min(1, Math.max(0, v)))).append("\"><title>w(").append(i).append(',')
                        .append(j).append(") = ").append(Svg.label(wij)).append(", w(").append(j).append(',').append(i)
                        .append(") = ").append(Svg.label(wji)).append("</title></line>\n");
                if (labels) {
                    b.append("<text x=\"").append(Svg.c((px[i] + px[j]) / 2)).append("\" y=\"").append(Svg.c((py[i] + py[j]) / 2 - 3))
                            .append("\" text-anchor=\"middle\" fill=\"#333\">").append(Svg.label(v)).append("</text>\n");
                }
            }
        }
        for (int i = 0; i < n; i++) {
            b.append("<circle cx=\"").append(Svg.c(px[i])).append("\" cy=\"").append(Svg.c(py[i]))
                    .append("\" r=\"11\" fill=\"#0072B2\"><title>agent ").append(i).append(", w_ii = ")
                    .append(Svg.label(w.selfWeight(i))).append("</title></circle><text x=\"").append(Svg.c(px[i]))
                    .append("\" y=\"").append(Svg.c(py[i] + 4)).append("\" text-anchor=\"middle\" fill=\"white\">").append(i)
                    .append("</text>\n");
        }
        return b.append("</svg>\n").toString();
    }

    private static double weight(MixingMatrix w, List<double[]> reported, int i, int k) {
        double[] r = i < reported.size() ? reported.get(i) : null;
        return r != null && k < r.length ? r[k] : w.neighbourWeights(i)[k];
    }
}

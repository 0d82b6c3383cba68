package peerlearn.report;

import java.util.Locale;
import peerlearn.graph.Graph;
import peerlearn.graph.MixingMatrix;

/**
 * A graph with edge weights as a self-contained SVG document, written without dependencies.
 * Agents sit on a circle in id order; each edge is a line whose width and darkness grow with
 * its weight (the mean of w_ij and w_ji when they differ, e.g. learned attention weights), with
 * both directions in its tooltip and, on small graphs, the weight written at its midpoint. Node
 * tooltips give the agent's degree and self weight.
 */
public final class GraphSvg {
    private static final int SIZE = 640;
    private static final int MARGIN = 60;

    private GraphSvg() {}

    /** Draws W on its graph. */
    public static String render(String title, MixingMatrix w) {
        return render(title, w.graph(), w.dense());
    }

    /**
     * @param weights weights[i][j] for every edge (N×N; the diagonal is the self weight), or null
     *                to draw the bare graph
     */
    public static String render(String title, Graph g, double[][] weights) {
        int n = g.size();
        if (weights != null) {
            if (weights.length != n) {
                throw new IllegalArgumentException(n + " agents but " + weights.length + " weight rows");
            }
            for (int i = 0; i < n; i++) {
                if (weights[i].length != n) {
                    throw new IllegalArgumentException("weight row " + i + " has " + weights[i].length + " entries, expected " + n);
                }
            }
        }
        double max = 0;
        for (int i = 0; i < n && weights != null; i++) {
            for (int j : g.neighbours(i)) {
                double v = weights[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("edge weight w[" + i + "][" + j + "] is " + v);
                }
                max = Math.max(max, Math.abs(v));
            }
        }
        double[] x = new double[n], y = new double[n];
        double radius = (SIZE - 2 * MARGIN) / 2.0, c = SIZE / 2.0;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / Math.max(1, n) - Math.PI / 2;
            x[i] = n == 1 ? c : c + radius * Math.cos(a);
            y[i] = n == 1 ? c : c + radius * Math.sin(a);
        }
        boolean small = g.edgeCount() <= 60;
        double nodeR = Math.max(2, Math.min(14, 300.0 / Math.max(1, n)));
        StringBuilder svg = new StringBuilder(512 + 160 * (n + g.edgeCount()));
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"10\">%n", SIZE, SIZE + 30, SIZE, SIZE + 30));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", SIZE, SIZE + 30));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s</text>%n", HeatMapSvg.escape(title)));
        svg.append("<g stroke-linecap=\"round\">\n");
        for (int i = 0; i < n; i++) {
            for (int j : g.neighbours(i)) {
                if (j < i) {
                    continue;
                }
                double wij = weights == null ? 1 : weights[i][j], wji = weights == null ? 1 : weights[j][i];
                double mean = (Math.abs(wij) + Math.abs(wji)) / 2, t = max == 0 ? 1 : mean / max;
                int shade = (int) Math.round(200 - 170 * t);
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"rgb(%d,%d,%d)\" stroke-width=\"%.2f\">"
                                + "<title>%d–%d: w = %.4g, %d→%d: %.4g</title></line>%n",
                        x[i], y[i], x[j], y[j], shade, shade, 255, 0.5 + 4.5 * t, i, j, wij, j, i, wji));
                if (small && weights != null) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">%s</text>%n",
                            (x[i] + x[j]) / 2, (y[i] + y[j]) / 2 - 2,
                            wij == wji ? fmt(wij) : fmt(wij) + "/" + fmt(wji)));
                }
            }
        }
        svg.append("</g>\n<g>\n");
        for (int i = 0; i < n; i++) {
            String self = weights == null ? "" : String.format(Locale.ROOT, ", self weight %.4g", weights[i][i]);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#f4a259\" stroke=\"#333\">"
                    + "<title>agent %d: degree %d%s</title></circle>%n", x[i], y[i], nodeR, i, g.degree(i), self));
            if (n <= 64) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" dy=\"3\">%d</text>%n",
                        x[i], y[i], i));
            }
        }
        svg.append("</g>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%d agents, %d edges; line width ∝ weight (max %.4g)</text>%n",
                SIZE + 20, n, g.edgeCount(), max));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}

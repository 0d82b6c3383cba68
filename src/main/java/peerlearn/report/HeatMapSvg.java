package peerlearn.report;

import java.util.List;
import java.util.Locale;

/**
 * A heat map as a self-contained SVG document, written without dependencies: one row per entry
 * of {@code rowLabels} (e.g. agents), one column per entry of {@code columnLabels} (e.g.
 * classes), each cell shaded from white (0) to dark blue (the largest value), with the value in
 * the cell's tooltip and a colour scale below. Used for per-agent class histograms of a partition.
 */
public final class HeatMapSvg {
    private static final int LEFT = 80;
    private static final int TOP = 40;
    private static final int CELL_W = 36;

    private HeatMapSvg() {}

    /**
     * @param values values[row][column], finite and ≥ 0
     * @param valueName what a value is, for tooltips and the scale (e.g. "samples")
     */
    public static String render(String title, double[][] values, List<String> rowLabels, List<String> columnLabels,
                                String valueName) {
        return render(title, values, rowLabels, columnLabels, valueName, CELL_W);
    }

    /**
     * As {@link #render(String, double[][], List, List, String)} with cells {@code cellWidth}
     * pixels wide (e.g. narrow cells for an N×N matrix of many agents); when cells are narrower
     * than a label, only every few columns are labelled.
     */
    public static String render(String title, double[][] values, List<String> rowLabels, List<String> columnLabels,
                                String valueName, int cellWidth) {
        if (cellWidth < 1) {
            throw new IllegalArgumentException("cell width must be ≥ 1 pixel, got " + cellWidth);
        }
        int labelEvery = Math.max(1, (int) Math.ceil(16.0 / cellWidth));
        int rows = values.length;
        int cols = columnLabels.size();
        if (rowLabels.size() != rows) {
            throw new IllegalArgumentException(rows + " rows of values but " + rowLabels.size() + " row labels");
        }
        double max = 0;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, expected " + cols);
            }
            for (double v : values[r]) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("heat map values must be finite and ≥ 0, got " + v + " in row " + r);
                }
                max = Math.max(max, v);
            }
        }
        int cellH = Math.max(4, Math.min(20, 640 / Math.max(rows, 1)));
        int width = LEFT + cols * cellWidth + 20;
        int gridBottom = TOP + rows * cellH;
        int height = gridBottom + 80;
        boolean labelEveryRow = cellH >= 10;
        StringBuilder svg = new StringBuilder(256 + rows * cols * 96);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        for (int c = 0; c < cols; c += labelEvery) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + c * cellWidth + cellWidth / 2, TOP - 6, escape(columnLabels.get(c))));
        }
        for (int r = 0; r < rows; r++) {
            int y = TOP + r * cellH;
            if (labelEveryRow || r % Math.max(1, 10 / cellH * 2) == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"%d\">%s</text>%n",
                        LEFT - 6, y + cellH - Math.max(1, cellH / 5), Math.min(11, Math.max(7, cellH)), escape(rowLabels.get(r))));
            }
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                                + "<title>%s, %s: %s %s</title></rect>%n", LEFT + c * cellWidth, y, cellWidth, cellH,
                        colour(max == 0 ? 0 : v / max), escape(rowLabels.get(r)), escape(columnLabels.get(c)), number(v),
                        escape(valueName)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
                LEFT, TOP, cols * cellWidth, rows * cellH));
        // colour scale: 0 … max
        int scaleY = gridBottom + 24;
        int steps = 20;
        int stepW = Math.max(4, cols * cellWidth / steps);
        for (int k = 0; k < steps; k++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" fill=\"%s\"/>%n",
                    LEFT + k * stepW, scaleY, stepW, colour(k / (steps - 1.0))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text>%n", LEFT, scaleY + 26));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s %s</text>%n",
                LEFT + steps * stepW, scaleY + 26, number(max), escape(valueName)));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** White at 0 to dark blue (#08306b) at 1, linear in RGB. */
    static String colour(double t) {
        double u = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(255 + u * (8 - 255));
        int g = (int) Math.round(255 + u * (48 - 255));
        int b = (int) Math.round(255 + u * (107 - 255));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}

package peerlearn.report;

import java.util.Locale;

/** Small helpers for writing SVG and HTML by hand: escaping, number formatting, a colour palette, tick steps. */
final class Svg {
    private Svg() {}

    /** Colour-blind-safe palette (Okabe and Ito, 2008), cycled by series index. */
    private static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
        "#F0E442", "#000000"};

    static String color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** Escapes text for XML/HTML content and attribute values. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A coordinate with two decimals. */
    static String c(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A tick label: compact, with SI suffixes for large values. */
    static String label(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e4) {
            return trim(v / 1e3) + "k";
        }
        if (a != 0 && (a < 1e-3)) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A "nice" tick step (1, 2 or 5 × 10^k) giving about {@code target} ticks over {@code span}. */
    static double step(double span, int target) {
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    }
}

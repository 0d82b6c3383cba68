package peerlearn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static int count(String s, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(s).results().count();
    }

    @Test
    void lineChartSkipsNonFinitePointsAndEscapesText() {
        String svg = new LineChart("a < b & c", "round", "acc", false)
                .add(new LineChart.Series("s\"1", new double[] {0, 1, 2, 3}, new double[] {0.1, Double.NaN, 0.3, 0.4}, false, 0))
                .svg();
        assertTrue(svg.contains("a &lt; b &amp; c") && svg.contains("s&quot;1"), svg);
        // one path, three finite points: M x,y L x,y L x,y
        var m = Pattern.compile("<path d=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find());
        assertEquals(3, m.group(1).split("[ML]").length - 1, m.group(1));
    }

    @Test
    void logAxisSkipsNonPositiveValuesAndLabelsDecades() {
        String svg = new LineChart("c", "round", "d", true)
                .add(new LineChart.Series("s", new double[] {0, 1, 2, 3}, new double[] {0, 1e-3, 1e-2, 1e-1}, false, 0)).svg();
        assertTrue(svg.contains(">0.01<") && svg.contains(">0.1<"), svg);
        var m = Pattern.compile("<path d=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find());
        assertEquals(3, m.group(1).split("[ML]").length - 1, "the zero is left out on a log axis");
    }

    @Test
    void emptyChartSaysSo() {
        assertTrue(new LineChart("c", "x", "y", false).svg().contains("no finite values to plot"));
        assertTrue(new StripChart("c", "y").add("a", new double[] {Double.NaN}).svg().contains("no finite values to plot"));
    }

    @Test
    void mismatchedSeriesIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LineChart("c", "x", "y", false)
                .add(new LineChart.Series("s", new double[2], new double[3], false, 0)));
        assertTrue(e.getMessage().contains("2 x values and 3 y values"));
    }

    @Test
    void stripChartDrawsOneDotPerAgentAndAMeanBar() {
        String svg = new StripChart("acc", "accuracy").add("dpsgd", new double[] {0.5, 0.7, 0.9})
                .add("local", new double[] {0.2, 0.4}).svg();
        assertEquals(5, count(svg, "<circle"));
        assertTrue(svg.contains("<title>mean 0.7</title>") && svg.contains("<title>mean 0.3</title>"), svg);
        assertTrue(svg.contains("<title>agent 2: 0.9</title>"));
    }
}

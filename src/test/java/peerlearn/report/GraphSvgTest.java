package peerlearn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;

class GraphSvgTest {
    @Test
    void drawsOneLinePerEdgeAndOneCirclePerAgent() {
        String svg = GraphSvg.render("star <5>", MixingMatrix.metropolisHastings(Graphs.star(5)));
        assertEquals(4, count(svg, "<line "));
        assertEquals(5, count(svg, "<circle "));
        assertTrue(svg.contains("star &lt;5&gt;"), "title escaped");
        assertTrue(svg.contains("<title>0–1: w = 0.2000, 1→0: 0.2000</title>"), svg);
        assertTrue(svg.contains("agent 1: degree 1, self weight 0.8000"), svg);
        assertTrue(svg.trim().endsWith("</svg>"));
    }

    @Test
    void asymmetricWeightsShowBothDirections() {
        double[][] w = {{0.5, 0.5}, {0.1, 0.9}};
        String svg = GraphSvg.render("learned", Graphs.complete(2), w);
        assertTrue(svg.contains("0.500/0.100"), svg);
        var e = assertThrows(IllegalArgumentException.class, () -> GraphSvg.render("x", Graphs.complete(2), new double[][] {{1}}));
        assertTrue(e.getMessage().contains("2 agents but 1 weight rows"));
    }

    private static int count(String s, String what) {
        int c = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            c++;
        }
        return c;
    }
}

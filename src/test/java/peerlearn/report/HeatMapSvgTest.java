package peerlearn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HeatMapSvgTest {
    @Test
    void writesWellFormedSvgWithOneRectanglePerCell() throws Exception {
        String svg = HeatMapSvg.render("agents <&> classes", new double[][] {{0, 3}, {6, 1.5}}, List.of("agent 0", "agent 1"),
                List.of("c0", "c1"), "samples");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(4, doc.getElementsByTagName("title").getLength());
        assertTrue(svg.contains("agent 1, c0: 6 samples"), svg);
        assertTrue(svg.contains("agent 1, c1: 1.500 samples"), svg);
        assertTrue(svg.contains("agents &lt;&amp;&gt; classes"), svg);
    }

    @Test
    void coloursRunFromWhiteToDarkBlue() {
        assertEquals("#ffffff", HeatMapSvg.colour(0));
        assertEquals("#08306b", HeatMapSvg.colour(1));
        assertEquals("#08306b", HeatMapSvg.colour(7));
    }

    @Test
    void raggedOrNegativeValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HeatMapSvg.render("t", new double[][] {{1, 2}, {3}},
                List.of("a", "b"), List.of("x", "y"), "v"));
        assertThrows(IllegalArgumentException.class, () -> HeatMapSvg.render("t", new double[][] {{-1}},
                List.of("a"), List.of("x"), "v"));
    }
}

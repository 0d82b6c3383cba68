package peerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectTopologyTest {
    @Test
    void printsDegreesDiameterAndSpectrumAndWritesTheSvg(@TempDir Path tmp) throws Exception {
        Path svg = tmp.resolve("t.svg");
        var r = InspectPartitionTest.run("inspect", "topology", "--topology", "torus:4x4", "--agents", "16", "--svg", svg.toString());
        assertEquals(0, r.code(), r.err());
        // Metropolis on the 4×4 torus: w = 1/5 everywhere; λ = 1/5 + (2/5)(cos 2πa/4 + cos 2πb/4) → λ₂ = 0.6, λ_N = −0.6
        assertTrue(r.out().contains("degree: min 4, mean 4.000, max 4 (regular)"), r.out());
        assertTrue(r.out().contains("diameter: 4"), r.out());
        assertTrue(r.out().contains("ρ = max(|λ₂|, |λ_N|) = 0.600000, spectral gap 1 − ρ = 0.400000"), r.out());
        String drawing = Files.readString(svg);
        assertTrue(drawing.startsWith("<svg") && drawing.contains("32 edges"), drawing.substring(0, 200));
    }

    @Test
    void badSpecsAreUsageErrors() {
        var r = InspectPartitionTest.run("inspect", "topology", "--topology", "er:0.01", "--agents", "16");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("disconnected in all 1000 draws"), r.err());
        r = InspectPartitionTest.run("inspect", "topology", "--agents", "16");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--topology is required"), r.err());
        r = InspectPartitionTest.run("inspect", "topology", "--topology", "ring", "--mixing", "magic");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown mixing 'magic'"), r.err());
    }
}

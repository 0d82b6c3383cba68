package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartitionSpecTest {
    @Test
    void parsesEveryScheme() {
        var d = assertInstanceOf(PartitionScheme.Dirichlet.class, PartitionSpec.parse("dirichlet:0.1").scheme());
        assertEquals(0.1, d.alpha());
        assertEquals(PartitionSpec.DEFAULT_MIN_SIZE, d.minSize());
        var b = assertInstanceOf(PartitionScheme.Dirichlet.class, PartitionSpec.parse("dirichlet:0.5:balanced:min=3").scheme());
        assertTrue(b.balanced());
        assertEquals(3, b.minSize());
        assertInstanceOf(PartitionScheme.Skew.class, PartitionSpec.parse("skew").scheme());
        assertInstanceOf(PartitionScheme.Iid.class, PartitionSpec.parse(" IID ").scheme());
        assertEquals(3, assertInstanceOf(PartitionScheme.ClassesPerAgent.class, PartitionSpec.parse("classes:3").scheme()).classes());
        var g = assertInstanceOf(PartitionScheme.LabelGroups.class,
                PartitionSpec.parse("labelgroups:0,1,8,9/2,3,4,5,6,7@0.4,0.6").scheme());
        assertArrayEquals(new int[] {0, 1, 8, 9}, g.groups()[0]);
        assertArrayEquals(new double[] {0.4, 0.6}, g.proportions());
        var r = assertInstanceOf(PartitionScheme.RotationClusters.class,
                PartitionSpec.parse("rotation:0,180,10,350@0.7,0.2,0.05,0.05:nearest").scheme());
        assertArrayEquals(new double[] {0, 180, 10, 350}, r.angles());
        assertEquals(Rotation.Interpolation.NEAREST, r.interpolation());
        assertEquals(0.5, assertInstanceOf(PartitionScheme.QuantitySkew.class, PartitionSpec.parse("quantity:0.5").scheme()).beta());
        PartitionSpec sized = PartitionSpec.parse("iid:n=400:test=100");
        assertEquals(400, sized.trainPerAgent());
        assertEquals(100, sized.testPerAgent());
    }

    @Test
    void canonicalTextParsesBackToTheSameScheme() {
        for (String text : new String[] {"iid", "skew", "dirichlet:0.1:min=10", "dirichlet:0.3:balanced:min=2", "classes:2",
                "quantity:0.5:min=10", "shards:2", "labelswap:0.25,0.75", "labelgroups:0,1/2,3@0.25,0.75", "rotation:0,180@0.5,0.5:nearest"}) {
            PartitionSpec spec = PartitionSpec.parse(text);
            assertEquals(text, PartitionSpec.describe(spec.scheme()));
            assertEquals(text, PartitionSpec.of(PartitionSpec.parse(text).scheme()).text());
        }
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> PartitionSpec.parse(text)).getMessage();
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertTrue(error("dirichelt:0.1").contains("unknown scheme 'dirichelt'"));
        assertTrue(error("dirichlet").contains("dirichlet needs an argument, e.g. dirichlet:0.1"));
        assertTrue(error("dirichlet:abc").contains("α must be a number, got 'abc'"));
        assertTrue(error("dirichlet:-1").contains("must be positive"));
        assertTrue(error("skew:balanced").contains("option 'balanced' does not apply to skew"));
        assertTrue(error("rotation:0,180@0.5").contains("2 angles but 1 proportions"));
        assertTrue(error("rotation:0,180@0.5,0.6").contains("must sum to 1"));
        assertTrue(error("rotation:0,180").contains("expected values@proportions"));
        assertTrue(error("labelgroups:0,1.5/2@0.5,0.5").contains("label 1.5 is not an integer"));
        assertTrue(error("iid:n=x").contains("n=x: not a whole number"));
        assertTrue(error("classes:0").contains("classes per agent must be ≥ 1"));
        assertTrue(error("classes:0").startsWith("partition spec 'classes:0': "));
    }
}

package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import peerlearn.testkit.DataGenerators;
import peerlearn.testkit.Tolerances;

class PartitionProperties {
    /** Schemes that deal every training sample to some agent. */
    static final List<String> COMPLETE = List.of("iid", "skew", "dirichlet:0.5:min=1", "dirichlet:0.05:balanced",
            "dirichlet:100:min=1", "quantity:1:min=1", "rotation:0,90@0.5,0.5", "labelgroups:0,1,2/3,4,5,6,7,8,9@0.3,0.7", "labelswap:0.5,0.5", "shards:2");
    /** Every scheme, including those that may leave samples out. */
    static final List<String> ALL = List.of("iid", "skew", "dirichlet:0.5:min=1", "dirichlet:0.05:balanced", "classes:2",
            "quantity:1:min=1", "rotation:0,90@0.5,0.5", "labelgroups:0,1,2/3,4,5,6,7,8,9@0.3,0.7", "iid:n=15:test=3",
            "labelswap:0.3,0.7", "shards:3");

    static Gen<String> schemes(List<String> list) {
        return Generate.pick(list);
    }

    /** 10 classes of 2×2 images (rotation needs images), 40 train and 10 test samples per class. */
    static final Split DATA = imageSplit(40, 10);

    static Split imageSplit(int perClassTrain, int perClassTest) {
        Split flat = DataGenerators.balanced(10, perClassTrain, perClassTest);
        return new Split(asImages(flat.train()), asImages(flat.test()), "toy images");
    }

    /** 2×2 images whose four pixels all hold the sample's id, so quarter turns keep it readable. */
    static Dataset asImages(Dataset d) {
        float[] x = new float[d.size() * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 4;
        }
        return Dataset.classification(d.name(), new int[] {1, 2, 2}, x, d.labels(), d.numClasses());
    }

    /** The id in the original data set of entry s of a list into {@code d} (rotated copies renumber). */
    static int originalId(Dataset d, int s) {
        return (int) d.featuresUnsafe()[s * d.sampleSize()];
    }

    /** How many agents hold each original sample, in training (train = true) or test lists. */
    static int[] counts(Partition p, boolean train, int size) {
        int[] c = new int[size];
        for (int i = 0; i < p.agents(); i++) {
            Dataset d = train ? p.trainSet(i) : p.testSet(i);
            for (int s : train ? p.trainIndices(i) : p.testIndices(i)) {
                c[originalId(d, s)]++;
            }
        }
        return c;
    }

    @Test
    void everySampleGoesToExactlyOneAgent() {
        qt().withExamples(60).forAll(schemes(COMPLETE), integers().between(2, 20), DataGenerators.seeds())
                .checkAssert((spec, agents, seed) -> {
                    Partition p = PartitionSpec.parse(spec).apply(DATA, agents, seed);
                    for (int c : counts(p, true, DATA.train().size())) {
                        assertEquals(1, c, spec);
                    }
                    for (int c : counts(p, false, DATA.test().size())) {
                        assertEquals(1, c, spec);
                    }
                });
    }

    @Test
    void noSampleGoesToTwoAgentsAndNoAgentIsEmpty() {
        qt().withExamples(60).forAll(schemes(ALL), integers().between(1, 24), DataGenerators.seeds())
                .checkAssert((spec, agents, seed) -> {
                    Partition p;
                    try {
                        p = PartitionSpec.parse(spec).apply(DATA, agents, seed);
                    } catch (IllegalArgumentException e) {
                        assertTrue(e.getMessage().contains("agent"), e.getMessage());
                        return;
                    }
                    assertEquals(agents, p.agents());
                    for (int c : counts(p, true, DATA.train().size())) {
                        assertTrue(c <= 1, spec);
                    }
                    for (int c : counts(p, false, DATA.test().size())) {
                        assertTrue(c <= 1, spec);
                    }
                    for (int i = 0; i < agents; i++) {
                        assertTrue(p.trainIndices(i).length > 0 && p.testIndices(i).length > 0, spec + " agent " + i);
                    }
                });
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        qt().withExamples(30).forAll(schemes(ALL), integers().between(2, 12), DataGenerators.seeds())
                .checkAssert((spec, agents, seed) -> {
                    Partition a = PartitionSpec.parse(spec).apply(DATA, agents, seed);
                    Partition b = PartitionSpec.parse(spec).apply(DATA, agents, seed);
                    for (int i = 0; i < agents; i++) {
                        assertArrayEquals(a.trainIndices(i), b.trainIndices(i));
                        assertArrayEquals(a.testIndices(i), b.testIndices(i));
                    }
                });
    }

    /**
     * Each agent's test count of class c is within one sample of its share T_c·n_ic/N_c, so the
     * test labels follow the agent's training labels.
     */
    @Test
    void testSplitFollowsTheTrainingLabelDistribution() {
        qt().withExamples(40).forAll(schemes(ALL), integers().between(2, 16), DataGenerators.seeds())
                .checkAssert((spec, agents, seed) -> {
                    PartitionSpec parsed = PartitionSpec.parse(spec);
                    if (parsed.testPerAgent() > 0) {
                        return; // a cap cuts test lists by design
                    }
                    Partition p = parsed.apply(DATA, agents, seed);
                    int[][] trainCounts = new int[agents][10];
                    int[] classTotal = new int[10];
                    for (int i = 0; i < agents; i++) {
                        for (int s : p.trainIndices(i)) {
                            int label = DATA.train().label(originalId(p.trainSet(i), s)); // before any label swap
                            trainCounts[i][label]++;
                            classTotal[label]++;
                        }
                    }
                    for (int i = 0; i < agents; i++) {
                        int[] testCounts = new int[10];
                        for (int s : p.testIndices(i)) {
                            testCounts[DATA.test().label(originalId(p.testSet(i), s))]++;
                        }
                        for (int c = 0; c < 10; c++) {
                            double share = classTotal[c] == 0 ? 0 : 10.0 * trainCounts[i][c] / classTotal[c];
                            assertTrue(Math.abs(testCounts[c] - share) <= 1, spec + ": agent " + i + " class " + c
                                    + " has " + testCounts[c] + " test samples for a share of " + share);
                        }
                    }
                });
    }

    static double dominantClassFraction(Partition p, Dataset train, int agent) {
        int[] c = new int[10];
        for (int s : p.trainIndices(agent)) {
            c[train.label(s)]++;
        }
        return (double) java.util.Arrays.stream(c).max().orElseThrow() / p.trainIndices(agent).length;
    }

    static double totalVariationFromUniform(Partition p, Dataset train, int agent) {
        int[] c = new int[10];
        for (int s : p.trainIndices(agent)) {
            c[train.label(s)]++;
        }
        double tv = 0;
        for (int k = 0; k < 10; k++) {
            tv += Math.abs((double) c[k] / p.trainIndices(agent).length - 0.1);
        }
        return tv / 2;
    }

    static final Split LARGE = imageSplit(500, 10);

    @Test
    void largeAlphaIsNearIid() {
        qt().withExamples(10).forAll(Generate.pick(List.of("dirichlet:1000:min=1", "dirichlet:1000:balanced")),
                        integers().between(2, 8), DataGenerators.seeds())
                .checkAssert((spec, agents, seed) -> {
                    Partition p = PartitionSpec.parse(spec).apply(LARGE, agents, seed);
                    for (int i = 0; i < agents; i++) {
                        assertTrue(totalVariationFromUniform(p, LARGE.train(), i) < Tolerances.NEAR_IID_TV,
                                spec + " agent " + i);
                    }
                });
    }

    @Test
    void tinyAlphaIsNearSingleClass() {
        // At most 10 agents × 50 samples from class pools of 500: no class runs out, so an agent keeps
        // the class its q_i ~ Dir(α) picked. With α = 10⁻⁵ a q_i puts real mass on two classes with
        // probability ≈ 2·10⁻⁴, so the mean over 5–10 agents stays above 0.9 in all but ~10⁻⁶ of runs.
        Split pools = imageSplit(500, 10);
        qt().withExamples(10).forAll(integers().between(5, 10), DataGenerators.seeds())
                .checkAssert((agents, seed) -> {
                    Partition p = PartitionSpec.parse("dirichlet:0.00001:balanced:n=50").apply(pools, agents, seed);
                    double mean = 0;
                    for (int i = 0; i < agents; i++) {
                        mean += dominantClassFraction(p, pools.train(), i) / agents;
                    }
                    assertTrue(mean > Tolerances.NEAR_SINGLE_CLASS, "mean dominant-class fraction " + mean);
                });
    }
}

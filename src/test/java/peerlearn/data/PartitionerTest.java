package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.testkit.DataGenerators;

/** Worked examples of each partition scheme on balanced toy data (10 classes). */
class PartitionerTest {
    static final Split TEN = DataGenerators.balanced(10, 100, 20);

    static int[] classesOf(Dataset d, int[] indices) {
        return Arrays.stream(indices).map(d::label).distinct().sorted().toArray();
    }

    @Test
    void skewOverFiveAgentsGivesTwoConsecutiveClassesEach() {
        Partition p = PartitionSpec.parse("skew").apply(TEN, 5, 1);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(new int[] {2 * i, 2 * i + 1}, classesOf(p.trainSet(i), p.trainIndices(i)));
            assertEquals(200, p.trainIndices(i).length);
            assertArrayEquals(new int[] {2 * i, 2 * i + 1}, classesOf(p.testSet(i), p.testIndices(i)));
            assertEquals(40, p.testIndices(i).length);
            int[] counts = new int[10];
            counts[2 * i] = 100;
            counts[2 * i + 1] = 100;
            assertArrayEquals(counts, p.trainClassCounts(i));
            counts[2 * i] = 20;
            counts[2 * i + 1] = 20;
            assertArrayEquals(counts, p.testClassCounts(i));
        }
    }

    @Test
    void skewOverTenAgentsGivesOneClassEach() {
        Partition p = PartitionSpec.parse("skew").apply(TEN, 10, 1);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(new int[] {i}, classesOf(p.trainSet(i), p.trainIndices(i)));
            assertArrayEquals(new int[] {i}, classesOf(p.testSet(i), p.testIndices(i)));
        }
    }

    @Test
    void iidSplitsSizesEvenlyWithTheRemainderFirst() {
        Split small = new Split(DataGenerators.cyclic("train", 10, 2), DataGenerators.cyclic("test", 10, 2), "toy");
        Partition p = PartitionSpec.parse("iid").apply(small, 3, 7);
        assertEquals(4, p.trainIndices(0).length);
        assertEquals(3, p.trainIndices(1).length);
        assertEquals(3, p.trainIndices(2).length);
        assertEquals("iid of train over 3 agents, seed 7", p.description());
    }

    @Test
    void testSliceIsProportionalToTrainingCounts() {
        // class 0: agent 0 holds 3, agent 1 holds 1 training samples; 8 test samples ⇒ 6 and 2.
        int[][] train = {{0, 1, 2}, {3}};
        int[][] test = TestSplit.followTest(train, new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0, 0, 0, 0, 0}, 1,
                new Rng(1));
        assertEquals(6, test[0].length);
        assertEquals(2, test[1].length);
    }

    @Test
    void classesPerAgentGivesExactlyThatManyClasses() {
        Partition p = PartitionSpec.parse("classes:3").apply(TEN, 8, 3);
        for (int i = 0; i < 8; i++) {
            assertEquals(3, classesOf(p.trainSet(i), p.trainIndices(i)).length);
            assertArrayEquals(classesOf(p.trainSet(i), p.trainIndices(i)), classesOf(p.testSet(i), p.testIndices(i)));
        }
    }

    @Test
    void labelGroupsFollowDacsVehiclesAndAnimals() {
        Partition p = PartitionSpec.parse("labelgroups:0,1,8,9/2,3,4,5,6,7@0.4,0.6").apply(TEN, 10, 5);
        for (int i = 0; i < 10; i++) {
            int[] expected = i < 4 ? new int[] {0, 1, 8, 9} : new int[] {2, 3, 4, 5, 6, 7};
            assertEquals(i < 4 ? 0 : 1, p.cluster(i));
            assertArrayEquals(expected, classesOf(p.trainSet(i), p.trainIndices(i)));
            assertArrayEquals(expected, classesOf(p.testSet(i), p.testIndices(i)));
        }
        assertEquals(100, p.trainIndices(0).length); // 400 vehicle samples over 4 agents
    }

    @Test
    void rotationClustersShareOneRotatedCopyPerCluster() {
        Split images = new Split(
                Dataset.classification("img", new int[] {1, 2, 2}, new float[400 * 4], DataGenerators.cyclic("l", 400, 10).labels(), 10),
                Dataset.classification("imgtest", new int[] {1, 2, 2}, new float[100 * 4], DataGenerators.cyclic("l", 100, 10).labels(), 10),
                "toy images");
        Partition p = PartitionSpec.parse("rotation:0,180,10,350@0.7,0.2,0.05,0.05").apply(images, 20, 9);
        int[] clusters = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3};
        assertArrayEquals(clusters, p.clusters());
        assertSame(images.train(), p.trainSet(0));
        assertSame(p.trainSet(14), p.trainSet(17));
        assertNotSame(p.trainSet(14), p.trainSet(18));
        assertEquals("img-rot180", p.trainSet(14).name());
        assertEquals("imgtest-rot350", p.testSet(19).name());
    }

    @Test
    void shardsGiveEachAgentItsShardsOfSortedData() {
        Partition p = PartitionSpec.parse("shards:2").apply(TEN, 5, 4);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, p.trainIndices(i).length); // 1000 samples in 10 shards of 100, one class each
            assertTrue(classesOf(p.trainSet(i), p.trainIndices(i)).length <= 2);
        }
    }

    @Test
    void labelSwapRelabelsAllButTheFirstCluster() {
        Partition p = PartitionSpec.parse("labelswap:0.5,0.5").apply(TEN, 4, 6);
        assertArrayEquals(new int[] {0, 0, 1, 1}, p.clusters());
        assertSame(TEN.train(), p.trainSet(0));
        Dataset swapped = p.trainSet(2);
        assertSame(swapped, p.trainSet(3));
        assertSame(TEN.train().featuresUnsafe(), swapped.featuresUnsafe());
        int[] pi = new int[10];
        for (int s = 0; s < 10; s++) {
            pi[TEN.train().label(s)] = swapped.label(s);
        }
        for (int s = 0; s < TEN.train().size(); s++) {
            assertEquals(pi[TEN.train().label(s)], swapped.label(s));
        }
        for (int s = 0; s < TEN.test().size(); s++) {
            assertEquals(pi[TEN.test().label(s)], p.testSet(3).label(s));
        }
    }

    @Test
    void fixedCountsGiveDacsPerClientSizes() {
        Partition p = PartitionSpec.parse("iid:n=40:test=5").apply(TEN, 10, 2);
        for (int i = 0; i < 10; i++) {
            assertEquals(40, p.trainIndices(i).length);
            assertEquals(5, p.testIndices(i).length);
        }
    }

    @Test
    void holdOutSplitsEachAgentsTrainingSamples() {
        Partition p = PartitionSpec.parse("iid:n=50").apply(TEN, 10, 2);
        Partition v = Partitioner.holdOut(p, 10, 3);
        for (int i = 0; i < 10; i++) {
            assertEquals(40, v.trainIndices(i).length);
            assertEquals(10, v.testIndices(i).length);
            assertSame(p.trainSet(i), v.testSet(i));
            int[] union = java.util.stream.IntStream.concat(Arrays.stream(v.trainIndices(i)), Arrays.stream(v.testIndices(i)))
                    .sorted().toArray();
            assertArrayEquals(p.trainIndices(i), union);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Partitioner.holdOut(p, 50, 3));
        assertTrue(e.getMessage().contains("agent 0 holds 50 training samples"), e.getMessage());
    }

    @Test
    void emptyAgentsAreAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> PartitionSpec.parse("skew").apply(TEN, 1001, 1));
        assertTrue(e.getMessage().contains("1001 agents but train has only 1000 samples"), e.getMessage());
        Split fewVehicles = new Split(DataGenerators.cyclic("train", 30, 10), DataGenerators.cyclic("test", 30, 10), "toy");
        e = assertThrows(IllegalArgumentException.class,
                () -> PartitionSpec.parse("labelgroups:0/1,2,3,4,5,6,7,8,9@0.5,0.5").apply(fewVehicles, 10, 1));
        assertTrue(e.getMessage().contains("leaves agent 3 of 10 without training samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PartitionSpec.parse("dirichlet:0.1:min=150").apply(TEN, 10, 1));
        assertTrue(e.getMessage().contains("at least 150 samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PartitionSpec.parse("iid:n=200").apply(TEN, 10, 1));
        assertTrue(e.getMessage().contains("agent 0 holds 100 training samples, fewer than n=200"), e.getMessage());
    }

    @Test
    void clustersGetAtLeastOneAgent() {
        assertArrayEquals(new int[] {0, 0, 1, 2}, Schemes.clusterOfAgents(4, new double[] {0.9, 0.05, 0.05}, null));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1}, Schemes.clusterOfAgents(5, new double[] {0.6, 0.4}, null));
    }
}

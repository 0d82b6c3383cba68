package peerlearn.data;

/**
 * Which samples each agent holds: for agent i, indices into a shared training set and into a
 * shared test set, drawn so that agent i's test samples follow its own training distribution.
 *
 * <p>{@code trainSets[i]} / {@code testSets[i]} are the data sets agent i's indices point into:
 * usually the same instance for every agent; under covariate shift (DAC's rotations) one shared
 * rotated copy per cluster. {@code clusters[i]} is the agent's ground-truth group where the
 * partitioner defines one (0 otherwise), known to oracle baselines and reports only.
 */
public record Partition(String description, Dataset[] trainSets, int[][] train, Dataset[] testSets, int[][] test,
                        int[] clusters) {
    public Partition {
        int n = train.length;
        if (trainSets.length != n || testSets.length != n || test.length != n || clusters.length != n) {
            throw new IllegalArgumentException("partition arrays differ in agent count: " + trainSets.length + " train sets, "
                    + n + " train index lists, " + testSets.length + " test sets, " + test.length
                    + " test index lists, " + clusters.length + " cluster ids");
        }
    }

    public int agents() { return train.length; }
    public Dataset trainSet(int agent) { return trainSets[agent]; }
    public Dataset testSet(int agent) { return testSets[agent]; }
    public int[] trainIndices(int agent) { return train[agent]; }
    public int[] testIndices(int agent) { return test[agent]; }
    public int cluster(int agent) { return clusters[agent]; }

    /** Agent {@code agent}'s training samples per class (one entry for a regression set). */
    public int[] trainClassCounts(int agent) {
        return classCounts(trainSets[agent], train[agent]);
    }

    /** Agent {@code agent}'s test samples per class (one entry for a regression set). */
    public int[] testClassCounts(int agent) {
        return classCounts(testSets[agent], test[agent]);
    }

    private static int[] classCounts(Dataset d, int[] indices) {
        int[] counts = new int[Math.max(1, d.numClasses())];
        for (int s : indices) {
            counts[d.hasLabels() ? d.label(s) : 0]++;
        }
        return counts;
    }
}

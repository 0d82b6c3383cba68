package peerlearn.data;

import java.util.Arrays;
import peerlearn.rng.Rng;

/**
 * How each {@link PartitionScheme} deals training sample ids to agents, and the small tools they
 * share (even splits, per-class pools, cluster sizes). {@link Partitioner} turns a deal into a
 * {@link Partition}.
 */
final class Schemes {
    /** Redraws allowed when a Dirichlet draw leaves an agent below the minimum size. */
    static final int MAX_REDRAWS = 1000;

    private Schemes() {}

    /** Agent lists of training sample ids, with the cluster of each agent and the data each cluster sees. */
    record Deal(int[][] train, int[] clusters, Dataset[] clusterTrain, Dataset[] clusterTest) {
        static Deal single(int[][] train, Split data) {
            return new Deal(train, new int[train.length], new Dataset[] {data.train()}, new Dataset[] {data.test()});
        }

        /** Every cluster sees {@code data} as it is. */
        static Deal clustered(int[][] train, int[] clusters, int count, Split data) {
            Dataset[] tr = new Dataset[count];
            Dataset[] te = new Dataset[count];
            Arrays.fill(tr, data.train());
            Arrays.fill(te, data.test());
            return new Deal(train, clusters, tr, te);
        }
    }

    /** The training deal of {@code spec}'s scheme. */
    static Deal deal(Split data, int agents, PartitionSpec spec, Rng rng) {
        int[] y = labels(data.train());
        int classes = Math.max(1, data.train().numClasses());
        spec.requireFits(classes);
        return switch (spec.scheme()) {
            case PartitionScheme.Iid s -> Deal.single(splitEvenly(shuffled(range(y.length), rng), agents), data);
            case PartitionScheme.Dirichlet s -> Deal.single(s.balanced()
                    ? dirichletBalanced(y, classes, balancedSizes(y.length, agents, spec), s.alpha(), rng)
                    : dirichletNatural(y, classes, agents, s.alpha(), s.minSize(), spec, rng), data);
            case PartitionScheme.Skew s -> Deal.single(skew(y, classes, agents, rng), data);
            case PartitionScheme.ClassesPerAgent s -> Deal.single(classesPerAgent(y, classes, agents, s.classes(), spec, rng), data);
            case PartitionScheme.LabelGroups s -> labelGroups(data, y, classes, agents, s, spec, rng);
            case PartitionScheme.RotationClusters s -> rotationClusters(data, y.length, agents, s, rng);
            case PartitionScheme.Shards s -> Deal.single(shards(y, classes, agents, s.perAgent(), spec, rng), data);
            case PartitionScheme.LabelSwap s -> labelSwap(data, y.length, classes, agents, s, rng);
            case PartitionScheme.QuantitySkew s -> Deal.single(quantity(y.length, agents, s.beta(), s.minSize(), spec, rng), data);
        };
    }

    private static int[][] dirichletNatural(int[] y, int classes, int agents, double alpha, int minSize,
                                            PartitionSpec spec, Rng rng) {
        int[][] byClass = byClass(y, classes);
        for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
            IntList[] lists = IntList.array(agents);
            for (int c = 0; c < classes; c++) {
                double[] p = RandomDraws.dirichlet(rng, alpha, agents);
                // NIID-Bench's balancing: an agent already holding its fair share n/N takes no more.
                for (int i = 0; i < agents; i++) {
                    if (lists[i].size() >= (double) y.length / agents) {
                        p[i] = 0;
                    }
                }
                cutByProportions(shuffled(byClass[c], rng), p, lists);
            }
            if (IntList.minSize(lists) >= minSize) {
                return IntList.toArrays(lists);
            }
        }
        throw new IllegalArgumentException("partition " + spec + ": no Dirichlet draw in " + MAX_REDRAWS
                + " gave every one of " + agents + " agents at least " + minSize + " samples; lower min, raise α, "
                + "use fewer agents or balanced sizes");
    }

    /** n/N per agent, or the fixed size {@code n=} when given (then the rest is never dealt). */
    private static int[] balancedSizes(int n, int agents, PartitionSpec spec) {
        if (spec.trainPerAgent() == 0) {
            return evenSizes(n, agents);
        }
        if ((long) spec.trainPerAgent() * agents > n) {
            throw new IllegalArgumentException("partition " + spec + ": " + agents + " agents × n=" + spec.trainPerAgent()
                    + " is more than the " + n + " samples available");
        }
        int[] sizes = new int[agents];
        Arrays.fill(sizes, spec.trainPerAgent());
        return sizes;
    }

    private static int[][] dirichletBalanced(int[] y, int classes, int[] need, double alpha, Rng rng) {
        int agents = need.length;
        int[][] pools = byClass(y, classes);
        int[] taken = new int[classes];
        for (int[] pool : pools) {
            rng.shuffle(pool);
        }
        double[][] q = new double[agents][];
        for (int i = 0; i < agents; i++) {
            q[i] = RandomDraws.dirichlet(rng, alpha, classes);
        }
        IntList[] lists = IntList.array(agents);
        // Deal one sample per agent per round, so that when a class runs out no agent is favoured.
        for (int round = 0; round < need[0]; round++) {
            for (int i = 0; i < agents; i++) {
                if (lists[i].size() < need[i]) {
                    int c = drawAvailable(q[i], pools, taken, rng);
                    lists[i].add(pools[c][taken[c]++]);
                }
            }
        }
        return IntList.toArrays(lists);
    }

    /** A class drawn from {@code q} restricted to classes with samples left (uniform if q puts no mass there). */
    private static int drawAvailable(double[] q, int[][] pools, int[] taken, Rng rng) {
        double mass = 0;
        int available = 0;
        for (int c = 0; c < q.length; c++) {
            if (taken[c] < pools[c].length) {
                mass += q[c];
                available++;
            }
        }
        if (mass > 0) {
            double u = rng.nextDouble() * mass;
            int last = -1;
            for (int c = 0; c < q.length; c++) {
                if (taken[c] < pools[c].length && q[c] > 0) {
                    last = c;
                    u -= q[c];
                    if (u < 0) {
                        return c;
                    }
                }
            }
            return last;
        }
        int k = rng.nextInt(available);
        for (int c = 0; c < q.length; c++) {
            if (taken[c] < pools[c].length && k-- == 0) {
                return c;
            }
        }
        throw new IllegalStateException("no samples left to deal");
    }

    private static int[][] skew(int[] y, int classes, int agents, Rng rng) {
        int[][] pools = byClass(y, classes);
        int[] sorted = new int[y.length];
        int k = 0;
        for (int[] pool : pools) {
            rng.shuffle(pool);
            System.arraycopy(pool, 0, sorted, k, pool.length);
            k += pool.length;
        }
        return splitEvenly(sorted, agents);
    }

    private static int[][] shards(int[] y, int classes, int agents, int k, PartitionSpec spec, Rng rng) {
        if ((long) agents * k > y.length) {
            throw new IllegalArgumentException("partition " + spec + ": " + agents + " agents × " + k + " shards is more than the "
                    + y.length + " samples");
        }
        int[][] shards = skew(y, classes, agents * k, rng);
        int[] order = shuffled(range(agents * k), rng);
        IntList[] lists = IntList.array(agents);
        for (int s = 0; s < order.length; s++) {
            lists[s / k].addAll(shards[order[s]]);
        }
        return IntList.toArrays(lists);
    }

    private static Deal labelSwap(Split data, int n, int classes, int agents, PartitionScheme.LabelSwap s, Rng rng) {
        int[] clusters = clusterOfAgents(agents, s.proportions(), null);
        int[][] train = splitEvenly(shuffled(range(n), rng), agents);
        int k = s.proportions().length;
        Dataset[] clusterTrain = new Dataset[k];
        Dataset[] clusterTest = new Dataset[k];
        clusterTrain[0] = data.train();
        clusterTest[0] = data.test();
        for (int c = 1; c < k; c++) {
            int[] pi = shuffled(range(classes), rng);
            clusterTrain[c] = data.train().withLabels(data.train().name() + "-swap" + c, permute(data.train().labels(), pi));
            clusterTest[c] = data.test().withLabels(data.test().name() + "-swap" + c, permute(data.test().labels(), pi));
        }
        return new Deal(train, clusters, clusterTrain, clusterTest);
    }

    private static int[] permute(int[] labels, int[] pi) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = pi[labels[i]];
        }
        return out;
    }

    private static int[][] classesPerAgent(int[] y, int classes, int agents, int c, PartitionSpec spec, Rng rng) {
        IntList[] holders = IntList.array(classes);
        for (int i = 0; i < agents; i++) {
            int[] order = range(classes);
            for (int j = 0; j < c; j++) { // partial Fisher–Yates: the first c entries are a uniform c-subset
                int r = j + rng.nextInt(classes - j);
                int t = order[j];
                order[j] = order[r];
                order[r] = t;
                holders[order[j]].add(i);
            }
        }
        int[][] pools = byClass(y, classes);
        IntList[] lists = IntList.array(agents);
        for (int k = 0; k < classes; k++) {
            int[] who = holders[k].toArray();
            if (who.length == 0) {
                continue;
            }
            int[][] parts = splitEvenly(shuffled(pools[k], rng), who.length);
            for (int h = 0; h < who.length; h++) {
                lists[who[h]].addAll(parts[h]);
            }
        }
        return IntList.toArrays(lists);
    }

    private static Deal labelGroups(Split data, int[] y, int classes, int agents, PartitionScheme.LabelGroups s,
                                    PartitionSpec spec, Rng rng) {
        int[] groupOf = new int[classes];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < s.groups().length; g++) {
            for (int label : s.groups()[g]) {
                if (groupOf[label] >= 0) {
                    throw new IllegalArgumentException("partition " + spec + ": label " + label + " is in groups "
                            + groupOf[label] + " and " + g + "; groups must be disjoint");
                }
                groupOf[label] = g;
            }
        }
        int[] clusters = clusterOfAgents(agents, s.proportions(), spec);
        IntList[] pools = IntList.array(s.groups().length);
        for (int i = 0; i < y.length; i++) {
            if (groupOf[y[i]] >= 0) {
                pools[groupOf[y[i]]].add(i);
            }
        }
        int[][] train = new int[agents][];
        for (int g = 0; g < pools.length; g++) {
            int[] members = membersOf(clusters, g);
            int[][] parts = splitEvenly(shuffled(pools[g].toArray(), rng), members.length);
            for (int m = 0; m < members.length; m++) {
                train[members[m]] = parts[m];
            }
        }
        return Deal.clustered(train, clusters, pools.length, data);
    }

    private static Deal rotationClusters(Split data, int n, int agents, PartitionScheme.RotationClusters s, Rng rng) {
        int[] clusters = clusterOfAgents(agents, s.proportions(), null);
        return Deal.clustered(splitEvenly(shuffled(range(n), rng), agents), clusters, s.angles().length, data);
    }

    private static int[][] quantity(int n, int agents, double beta, int minSize, PartitionSpec spec, Rng rng) {
        for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
            IntList[] lists = IntList.array(agents);
            cutByProportions(shuffled(range(n), rng), RandomDraws.dirichlet(rng, beta, agents), lists);
            if (IntList.minSize(lists) >= Math.max(minSize, 1)) {
                return IntList.toArrays(lists);
            }
        }
        throw new IllegalArgumentException("partition " + spec + ": no draw in " + MAX_REDRAWS + " gave every one of "
                + agents + " agents at least " + Math.max(minSize, 1) + " samples; lower min or raise β");
    }


    static void checkProportions(double[] p) {
        double sum = 0;
        for (double v : p) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("proportions must be positive, got " + Arrays.toString(p));
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("proportions must sum to 1, got " + Arrays.toString(p) + " (sum " + sum + ")");
        }
    }

    /**
     * Cluster of each agent: consecutive ids, cluster sizes N·p_k rounded by largest remainder,
     * then every empty cluster takes one agent from the largest (so small clusters exist even
     * with few agents).
     */
    static int[] clusterOfAgents(int agents, double[] p, PartitionSpec spec) {
        int k = p.length;
        if (agents < k) {
            throw new IllegalArgumentException((spec == null ? "" : "partition " + spec + ": ") + agents
                    + " agents cannot fill " + k + " clusters");
        }
        int[] size = new int[k];
        double[] rest = new double[k];
        int given = 0;
        for (int g = 0; g < k; g++) {
            size[g] = (int) Math.floor(agents * p[g]);
            rest[g] = agents * p[g] - size[g];
            given += size[g];
        }
        for (; given < agents; given++) {
            int best = 0;
            for (int g = 1; g < k; g++) {
                if (rest[g] > rest[best]) {
                    best = g;
                }
            }
            size[best]++;
            rest[best] = -1;
        }
        for (int g = 0; g < k; g++) {
            if (size[g] == 0) {
                int largest = 0;
                for (int h = 1; h < k; h++) {
                    if (size[h] > size[largest]) {
                        largest = h;
                    }
                }
                size[largest]--;
                size[g]++;
            }
        }
        int[] clusters = new int[agents];
        int a = 0;
        for (int g = 0; g < k; g++) {
            for (int m = 0; m < size[g]; m++) {
                clusters[a++] = g;
            }
        }
        return clusters;
    }

    static int[] membersOf(int[] clusters, int g) {
        return java.util.stream.IntStream.range(0, clusters.length).filter(i -> clusters[i] == g).toArray();
    }

    /** Appends each sample of {@code pool}, in order, to agent lists cut at the cumulative proportions p. */
    private static void cutByProportions(int[] pool, double[] p, IntList[] lists) {
        double sum = Arrays.stream(p).sum();
        if (!(sum > 0)) {
            Arrays.fill(p, 1);
            sum = p.length;
        }
        double cum = 0;
        int from = 0;
        for (int i = 0; i < lists.length; i++) {
            cum += p[i];
            int to = i == lists.length - 1 ? pool.length : (int) Math.min(pool.length, Math.round(pool.length * cum / sum));
            for (int k = from; k < to; k++) {
                lists[i].add(pool[k]);
            }
            from = Math.max(from, to);
        }
    }

    /** Sizes ⌈n/k⌉ for the first n mod k parts, ⌊n/k⌋ for the rest. */
    static int[] evenSizes(int n, int k) {
        int[] sizes = new int[k];
        for (int i = 0; i < k; i++) {
            sizes[i] = n / k + (i < n % k ? 1 : 0);
        }
        return sizes;
    }

    /** Cuts {@code a} into k contiguous parts of {@link #evenSizes} lengths. */
    static int[][] splitEvenly(int[] a, int k) {
        int[] sizes = evenSizes(a.length, k);
        int[][] parts = new int[k][];
        int from = 0;
        for (int i = 0; i < k; i++) {
            parts[i] = Arrays.copyOfRange(a, from, from + sizes[i]);
            from += sizes[i];
        }
        return parts;
    }

    /** Sample ids of each class, ascending. */
    static int[][] byClass(int[] y, int classes) {
        IntList[] lists = IntList.array(classes);
        for (int i = 0; i < y.length; i++) {
            lists[y[i]].add(i);
        }
        return IntList.toArrays(lists);
    }

    /** Labels, or all zeros for a regression set (one "class"). */
    static int[] labels(Dataset d) {
        return d.hasLabels() ? d.labels() : new int[d.size()];
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static int[] shuffled(int[] a, Rng rng) {
        int[] b = a.clone();
        rng.shuffle(b);
        return b;
    }
}

package peerlearn.data;

import java.util.Arrays;
import peerlearn.rng.Rng;

/**
 * Deals a {@link Split} to N agents according to a {@link PartitionSpec}. Every training sample
 * goes to at most one agent (all of them, except where a scheme or a fixed size leaves some out).
 * The test split then <em>follows</em> the training split: the test samples of class c are
 * shuffled and cut in proportion to the agents' training counts of class c, so each test sample
 * also goes to exactly one agent and each agent's test labels follow its own training label
 * distribution (exactly so when the test set's class proportions equal the training set's).
 * Index lists come out sorted. Under rotation clusters, a rotated cluster's lists index its own
 * compact rotated copy (see {@code rotate}). Randomness comes from {@code Rng.stream(seed, -1, "partition")}.
 */
public final class Partitioner {
    /** Redraws allowed when a Dirichlet draw leaves an agent below the minimum size. */
    static final int MAX_REDRAWS = 1000;

    private Partitioner() {}

    /** Agent lists of training sample ids, with the cluster of each agent and the data each cluster sees. */
    private record Deal(int[][] train, int[] clusters, Dataset[] clusterTrain, Dataset[] clusterTest) {
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

    public static Partition partition(Split data, int agents, PartitionSpec spec, long seed) {
        if (agents < 1) {
            throw new IllegalArgumentException("need at least 1 agent, got " + agents);
        }
        if (agents > data.train().size()) {
            throw new IllegalArgumentException(agents + " agents but " + data.train().name() + " has only "
                    + data.train().size() + " samples");
        }
        Rng rng = Rng.stream(seed, -1, "partition");
        int[] y = labels(data.train());
        int classes = Math.max(1, data.train().numClasses());
        Deal deal = switch (spec.scheme()) {
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
        int[][] train = deal.train();
        if (spec.trainPerAgent() > 0) {
            for (int i = 0; i < agents; i++) {
                if (train[i].length < spec.trainPerAgent()) {
                    throw new IllegalArgumentException("partition " + spec + ": agent " + i + " holds " + train[i].length
                            + " training samples, fewer than n=" + spec.trainPerAgent());
                }
                train[i] = Arrays.copyOf(shuffled(train[i], rng), spec.trainPerAgent());
            }
        }
        for (int i = 0; i < agents; i++) {
            if (train[i].length == 0) {
                throw new IllegalArgumentException("partition " + spec + " leaves agent " + i + " of " + agents
                        + " without training samples (" + data.train().name() + " has " + y.length
                        + " samples); use fewer agents" + (spec.scheme() instanceof PartitionScheme.Dirichlet
                        || spec.scheme() instanceof PartitionScheme.QuantitySkew ? " or a minimum size (min=...)" : ""));
            }
        }
        int[][] test = followTest(train, y, labels(data.test()), classes, rng);
        for (int i = 0; i < agents; i++) {
            if (spec.testPerAgent() > 0 && test[i].length > spec.testPerAgent()) {
                test[i] = Arrays.copyOf(shuffled(test[i], rng), spec.testPerAgent());
            }
            if (test[i].length == 0) {
                throw new IllegalArgumentException("partition " + spec + " leaves agent " + i + " (" + train[i].length
                        + " training samples) without test samples: " + data.test().name() + " has too few of its classes");
            }
            Arrays.sort(train[i]);
            Arrays.sort(test[i]);
        }
        Dataset[] trainSets = new Dataset[agents];
        Dataset[] testSets = new Dataset[agents];
        for (int i = 0; i < agents; i++) {
            trainSets[i] = deal.clusterTrain()[deal.clusters()[i]];
            testSets[i] = deal.clusterTest()[deal.clusters()[i]];
        }
        if (spec.scheme() instanceof PartitionScheme.RotationClusters s) {
            rotate(data, s, deal.clusters(), train, test, trainSets, testSets);
        }
        String description = spec + " of " + data.train().name() + " over " + agents + " agents, seed " + seed;
        return new Partition(description, trainSets, train, testSets, test, deal.clusters());
    }

    /**
     * Holds out {@code perAgent} random training samples of every agent for validation (DAC keeps
     * 100 of each client's 500 for model selection). Returns a partition whose training lists
     * are the remaining samples and whose <em>test</em> lists are the held-out ones (ids into
     * each agent's training set, which the result also uses as its test set); keep the original
     * partition for the real test split. Draws from {@code Rng.stream(seed, agent, "validation")}.
     */
    public static Partition holdOut(Partition p, int perAgent, long seed) {
        if (perAgent < 1) {
            throw new IllegalArgumentException("validation samples per agent must be ≥ 1, got " + perAgent);
        }
        int n = p.agents();
        int[][] fit = new int[n][];
        int[][] validation = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] mine = p.trainIndices(i);
            if (mine.length <= perAgent) {
                throw new IllegalArgumentException("agent " + i + " holds " + mine.length + " training samples; holding out "
                        + perAgent + " for validation would leave none to train on");
            }
            int[] order = shuffled(mine, Rng.stream(seed, i, "validation"));
            validation[i] = Arrays.copyOf(order, perAgent);
            fit[i] = Arrays.copyOfRange(order, perAgent, order.length);
            Arrays.sort(validation[i]);
            Arrays.sort(fit[i]);
        }
        return new Partition(p.description() + ", " + perAgent + " per agent held out for validation", p.trainSets().clone(),
                fit, p.trainSets().clone(), validation, p.clusters().clone());
    }

    // ---- schemes -----------------------------------------------------------------------------

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
        if (c > classes) {
            throw new IllegalArgumentException("partition " + spec + ": " + c + " classes per agent but the data has "
                    + classes);
        }
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
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException("partition " + spec + ": label " + label + " is outside [0, "
                            + classes + ")");
                }
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

    /**
     * Gives each rotated cluster its own copy of just the samples its agents hold, rotated, and
     * renumbers the agents' lists into it (cluster k's copy holds the sorted union of its agents'
     * lists, so list entry s becomes its rank in that union). Clusters at 0° (mod 360) read the
     * original sets. This keeps memory at one copy of the samples actually used per cluster.
     */
    private static void rotate(Split data, PartitionScheme.RotationClusters s, int[] clusters, int[][] train, int[][] test,
                               Dataset[] trainSets, Dataset[] testSets) {
        for (int k = 0; k < s.angles().length; k++) {
            if (s.angles()[k] % 360 == 0) {
                continue;
            }
            int[] members = membersOf(clusters, k);
            Dataset rotatedTrain = rotatedSubset(data.train(), members, train, s.angles()[k], s.interpolation());
            Dataset rotatedTest = rotatedSubset(data.test(), members, test, s.angles()[k], s.interpolation());
            for (int i : members) {
                trainSets[i] = rotatedTrain;
                testSets[i] = rotatedTest;
            }
        }
    }

    private static Dataset rotatedSubset(Dataset d, int[] members, int[][] lists, double angle, Rotation.Interpolation mode) {
        int[] ids = Arrays.stream(members).flatMap(i -> Arrays.stream(lists[i])).sorted().toArray();
        for (int i : members) {
            for (int j = 0; j < lists[i].length; j++) {
                lists[i][j] = Arrays.binarySearch(ids, lists[i][j]);
            }
        }
        return Rotation.rotate(d.subset(d.name(), ids), angle, mode);
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

    // ---- the test split follows the training split --------------------------------------------

    /**
     * For each class c, agent i's share of the T_c test samples of class c is
     * T_c·n_ic/N_c (n_ic its training count, N_c = Σ_i n_ic); it receives the slice
     * [round(T_c·C_{i−1}/N_c), round(T_c·C_i/N_c)) of the shuffled samples, where C_i = Σ_{j≤i} n_jc,
     * so counts are within one sample of the shares. An agent whose shares all round to 0 then
     * takes one sample of its largest-share class from the agent most above its own share in
     * that class (one always exists, and both stay within one sample of their shares).
     */
    static int[][] followTest(int[][] train, int[] trainLabels, int[] testLabels, int classes, Rng rng) {
        int agents = train.length;
        long[][] held = new long[classes][agents];
        for (int i = 0; i < agents; i++) {
            for (int s : train[i]) {
                held[trainLabels[s]][i]++;
            }
        }
        int[][] pools = byClass(testLabels, classes);
        int[][] count = new int[classes][agents];
        double[][] share = new double[classes][agents];
        int[] total = new int[agents];
        for (int c = 0; c < classes; c++) {
            long n = Arrays.stream(held[c]).sum();
            long t = pools[c].length;
            long cum = 0;
            int from = 0;
            for (int i = 0; n > 0 && i < agents; i++) {
                cum += held[c][i];
                int to = (int) ((2 * t * cum + n) / (2 * n)); // round half up of t·cum/n
                count[c][i] = to - from;
                share[c][i] = (double) t * held[c][i] / n;
                total[i] += to - from;
                from = to;
            }
        }
        for (int i = 0; i < agents; i++) {
            if (total[i] == 0 && train[i].length > 0) {
                repairEmpty(i, count, share, total);
            }
        }
        IntList[] lists = IntList.array(agents);
        for (int c = 0; c < classes; c++) {
            int[] pool = shuffled(pools[c], rng);
            int k = 0;
            for (int i = 0; i < agents; i++) {
                for (int m = 0; m < count[c][i]; m++) {
                    lists[i].add(pool[k++]);
                }
            }
        }
        return IntList.toArrays(lists);
    }

    private static void repairEmpty(int agent, int[][] count, double[][] share, int[] total) {
        int best = -1;
        for (int c = 0; c < count.length; c++) {
            if (share[c][agent] > 0 && (best < 0 || share[c][agent] > share[best][agent])) {
                best = c;
            }
        }
        if (best < 0) {
            return; // no test samples of the agent's classes at all: reported by the caller
        }
        int donor = -1;
        for (int j = 0; j < total.length; j++) {
            double excess = count[best][j] - share[best][j];
            if (total[j] > 1 && excess > 0 && (donor < 0 || excess > count[best][donor] - share[best][donor])) {
                donor = j;
            }
        }
        if (donor >= 0) {
            count[best][donor]--;
            total[donor]--;
            count[best][agent]++;
            total[agent]++;
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

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

    private static int[] membersOf(int[] clusters, int g) {
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

    private static int[] shuffled(int[] a, Rng rng) {
        int[] b = a.clone();
        rng.shuffle(b);
        return b;
    }
}

package peerlearn.data;

import java.util.Arrays;

/**
 * How samples are dealt to agents, before the per-agent sizes of {@link PartitionSpec} apply.
 * {@code Schemes} deals each one, {@link Partitioner} builds the {@link Partition}; {@link PartitionSpec#parse}
 * reads them from text.
 */
public sealed interface PartitionScheme {
    /** Every agent gets an equal share of a uniform random permutation. */
    record Iid() implements PartitionScheme {}

    /**
     * Dirichlet(α) label skew. Natural sizes (Hsu, Qi, Brown, arXiv 1909.06335, 2019; Li et al.,
     * NIID-Bench, ICDE 2022): each class is split over the agents by proportions p ~ Dir(α·1_N),
     * redrawn until every agent holds at least {@code minSize} samples. Balanced sizes: each agent
     * draws class proportions q_i ~ Dir(α·1_C) and receives n/N samples following q_i. Small α ⇒
     * nearly one class per agent; large α ⇒ nearly IID.
     */
    record Dirichlet(double alpha, boolean balanced, int minSize) implements PartitionScheme {
        public Dirichlet {
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("Dirichlet α must be positive and finite, got " + alpha);
            }
            if (minSize < 0) {
                throw new IllegalArgumentException("minimum size must be ≥ 0, got " + minSize);
            }
        }
    }

    /**
     * "Skew" (Hsieh, Phanishayee, Mutlu, Gibbons, "The Non-IID Data Quagmire of Decentralized
     * Machine Learning", ICML 2020; the setting of NGC): the training set sorted by label is cut
     * into N contiguous equal chunks, so 10 balanced classes over 5 agents give 2 classes each,
     * over 10 agents 1 class each.
     */
    record Skew() implements PartitionScheme {}

    /**
     * Each agent holds {@code classes} distinct classes drawn uniformly (GATTA's CIFAR-10 setting
     * uses 3); each class's samples are split evenly among the agents holding it, and classes
     * no agent drew are left out.
     */
    record ClassesPerAgent(int classes) implements PartitionScheme {
        public ClassesPerAgent {
            if (classes < 1) {
                throw new IllegalArgumentException("classes per agent must be ≥ 1, got " + classes);
            }
        }
    }

    /**
     * DAC's label shift: disjoint label groups, each given to a proportion of the agents (e.g.
     * CIFAR-10 vehicles {0,1,8,9} for 40%, animals {2..7} for 60%). Agents of group g are
     * consecutive ids; within a group the samples are dealt IID. Cluster id = group index.
     */
    record LabelGroups(int[][] groups, double[] proportions) implements PartitionScheme {
        public LabelGroups {
            if (groups.length == 0 || groups.length != proportions.length) {
                throw new IllegalArgumentException(groups.length + " label groups but " + proportions.length + " proportions");
            }
            Schemes.checkProportions(proportions);
            groups = Arrays.stream(groups).map(int[]::clone).toArray(int[][]::new);
            proportions = proportions.clone();
        }
    }

    /**
     * DAC's covariate shift: clusters of consecutive agents with given proportions, cluster k
     * seeing the images rotated by {@code angles[k]} degrees; labels IID. Cluster id = angle
     * index. Each rotated cluster shares one rotated copy (training and test) holding only the
     * samples its agents use, and its agents' index lists point into that copy.
     */
    record RotationClusters(double[] angles, double[] proportions, Rotation.Interpolation interpolation)
            implements PartitionScheme {
        public RotationClusters {
            if (angles.length == 0 || angles.length != proportions.length) {
                throw new IllegalArgumentException(angles.length + " angles but " + proportions.length + " proportions");
            }
            Schemes.checkProportions(proportions);
            angles = angles.clone();
            proportions = proportions.clone();
        }
    }

    /**
     * Quantity skew (NIID-Bench): agent sizes follow proportions ~ Dir(β·1_N), at least
     * {@code minSize} each; labels IID.
     */
    record QuantitySkew(double beta, int minSize) implements PartitionScheme {
        public QuantitySkew {
            if (!(beta > 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("quantity-skew β must be positive and finite, got " + beta);
            }
        }
    }

    /**
     * Shards (McMahan et al., "Communication-Efficient Learning of Deep Networks from
     * Decentralized Data", AISTATS 2017): the training set sorted by label is cut into N·k equal
     * shards and each agent receives k of them at random (k = 2 gives at most ~2 classes each).
     */
    record Shards(int perAgent) implements PartitionScheme {
        public Shards {
            if (perAgent < 1) {
                throw new IllegalArgumentException("shards per agent must be ≥ 1, got " + perAgent);
            }
        }
    }

    /**
     * Concept shift by label swap: clusters of consecutive agents with the given proportions;
     * cluster 0 keeps the labels, every other cluster k relabels all samples with its own random
     * permutation π_k of the classes (train and test alike, one shared relabelled copy of the
     * label array per cluster, features shared). Samples are dealt IID. Cluster id = k.
     */
    record LabelSwap(double[] proportions) implements PartitionScheme {
        public LabelSwap {
            Schemes.checkProportions(proportions);
            proportions = proportions.clone();
        }
    }
}

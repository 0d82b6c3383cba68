package peerlearn.data;

import java.util.Arrays;
import peerlearn.rng.Rng;

/** Deals the test split so that it follows the training split (see theory/data.md). */
final class TestSplit {
    private TestSplit() {}

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
        int[][] pools = Schemes.byClass(testLabels, classes);
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
            int[] pool = Schemes.shuffled(pools[c], rng);
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
}

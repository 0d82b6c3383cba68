package peerlearn.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import peerlearn.objective.Evaluation;
import peerlearn.objective.Objective;
import peerlearn.state.Stateful;

/**
 * Scores an agent's model at an evaluation point and decides which of its models the reported
 * test metrics belong to (configuration key {@code select}).
 *
 * <ul>
 * <li>{@code last} (default): the model the agent holds at that point.</li>
 * <li>{@code best_validation}: the model with the lowest validation loss among those the agent
 *     held at this and every earlier evaluation point, round 0 included (the DAC code keeps each
 *     client's best-validation model for testing). A later model replaces the kept one only if its
 *     validation loss is strictly lower, so ties keep the earlier one; a NaN loss never wins.</li>
 * </ul>
 *
 * <p>What is kept is not the model but its four test numbers (loss and accuracy on the agent's
 * test split and on the global test set), computed when that model was current. Evaluation is in
 * evaluation mode with no randomness, so these are exactly the numbers the kept model would score
 * later: the selection is exact and costs four doubles per agent. Only the per-agent metrics are
 * selected; the averaged model x̄ and the consensus distance are always of the current models.
 *
 * <p>With a validation split (partition option {@code val=}) every point also records the
 * current model's validation numbers as the extra metrics {@code validation.loss} and
 * {@code validation.accuracy}; under {@code best_validation} also {@code selection.round}, the
 * round of the kept model, and {@code selection.last_local_accuracy}, the current model's
 * accuracy on its test split (for comparison).
 *
 * <p>Agent i's slot is written only by agent i's thread (and by the runner's thread for round 0,
 * before the agents start); {@link #of} is its part of a checkpoint, saved and restored on that
 * thread too.
 */
final class ModelSelection {
    /** The values of {@code select}. */
    static final List<String> RULES = List.of("last", "best_validation");

    private final boolean best;
    private final Problem problem;
    private final double[] bestLoss;
    private final int[] bestRound;
    private final double[][] bestTest;

    ModelSelection(String rule, Problem problem, int agents) {
        if (!RULES.contains(rule)) {
            throw new IllegalArgumentException("select = '" + rule + "': expected " + String.join(" or ", RULES));
        }
        this.best = rule.equals("best_validation");
        if (best && !problem.hasValidation()) {
            throw new IllegalArgumentException("select = 'best_validation': the agents hold no validation samples; "
                    + "add the partition option :val=COUNT");
        }
        this.problem = problem;
        this.bestLoss = new double[agents];
        this.bestRound = new int[agents];
        this.bestTest = new double[agents][];
        java.util.Arrays.fill(bestLoss, Double.POSITIVE_INFINITY);
    }

    /** Agent {@code agent}'s metrics after {@code round} rounds, for its current parameters {@code x}. */
    AgentMetrics score(int agent, int round, Objective o, float[] x, double trainLoss, long bytesSent,
                       Map<String, Double> extra) {
        Evaluation local = o.evaluateLocalTest(x);
        Evaluation global = problem.evaluateGlobal(o, x);
        double[] test = {local.accuracy(), local.loss(), global.accuracy(), global.loss()};
        Map<String, Double> all = extra;
        if (problem.hasValidation()) {
            Evaluation v = problem.evaluateValidation(agent, o, x);
            all = new HashMap<>(extra);
            all.put("validation.loss", v.loss());
            all.put("validation.accuracy", v.accuracy());
            if (best) {
                if (bestTest[agent] == null || v.loss() < bestLoss[agent]) {
                    bestLoss[agent] = Double.isNaN(v.loss()) ? Double.POSITIVE_INFINITY : v.loss();
                    bestRound[agent] = round;
                    bestTest[agent] = test;
                }
                all.put("selection.round", (double) bestRound[agent]);
                all.put("selection.last_local_accuracy", local.accuracy());
                test = bestTest[agent];
            }
        }
        return new AgentMetrics(agent, test[0], test[1], test[2], test[3], trainLoss, bytesSent, all);
    }

    /** Agent {@code agent}'s kept model for a checkpoint: its validation loss, round and test numbers. */
    Stateful of(int agent) {
        return st -> {
            bestLoss[agent] = st.number("best_loss", bestLoss[agent]);
            bestRound[agent] = st.count("best_round", bestRound[agent]);
            double[] test = st.doubleArray("best_test", bestTest[agent]);
            if (test != null && test.length != 4) {
                throw new peerlearn.state.StateFormatException(st.path("best_test") + ": expected 4 numbers, got "
                        + test.length);
            }
            bestTest[agent] = test;
        };
    }
}

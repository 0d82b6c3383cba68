package peerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.algo.Algorithm;
import peerlearn.algo.Algorithms;
import peerlearn.algo.Training;
import peerlearn.experiment.Runner;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.nn.Zoo;
import peerlearn.objective.Objective;
import peerlearn.tensor.ParameterLayout;

/** The N-agent warm-up of bench-agents: what it runs and how long. */
class BenchAgentsCommandTest {
    /** C2's invocation threshold in this JVM (HotSpot's Tier4InvocationThreshold), 5,000 by default. */
    private static int c2Threshold() {
        var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        return Integer.parseInt(vm.getVMOption("Tier4InvocationThreshold").getValue());
    }

    /**
     * A method called once an agent-round (the runtime's round, the algorithm's, a gossip send) is
     * called more often in the cheap warm-up than C2 waits for, whatever the number of agents, so it
     * is not compiled inside the timed runs.
     */
    @Test
    void theCheapWarmUpCallsEachPerRoundMethodPastTheCompileThreshold() {
        for (int n : new int[] {1, 2, 3, 16, 64, 1000}) {
            long agentRounds = (long) n * BenchAgentsCommand.cheapWarmupRounds(n, 15);
            assertTrue(agentRounds >= 2L * c2Threshold(), n + " agents: " + agentRounds + " agent-rounds");
        }
        assertEquals(40, BenchAgentsCommand.cheapWarmupRounds(1000, 40), "never fewer than --warmup rounds");
    }

    /** --param values reach the timed algorithm (dpsgd-ft needs one), not the local runs beside it. */
    @Test
    void theAlgorithmsOwnValuesReachItsRuns() {
        var c = BenchAgentsCommand.config(Map.of("algorithm", "dpsgd-ft", "algo.finetune_from", "1", "agents", "4"));
        assertEquals(4, c.agents());
        Topology ring = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(4)));
        var layout = ParameterLayout.single("x", 9);
        List<Algorithm> kinds = BenchAgentsCommand.timedKinds(c.algorithm());
        List<Training> trainings = BenchAgentsCommand.trainings(kinds, c);
        for (int i = 0; i < kinds.size(); i++) { // the local kinds would refuse finetune_from
            assertEquals(0, Runner.train(kinds.get(i), BenchAgentsCommand.quadratics(4, layout), ring,
                    trainings.get(i), 2, 1)[3][8], kinds.get(i).name());
        }
        var missing = BenchAgentsCommand.config(Map.of("algorithm", "dpsgd-ft", "agents", "4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Runner.train(missing.algorithm(), BenchAgentsCommand.quadratics(4, layout), ring,
                        BenchAgentsCommand.trainings(List.of(missing.algorithm()), missing).get(0), 2, 1));
        assertTrue(e.getMessage().contains("algo.finetune_from"), e.getMessage());
    }

    /** The warm-up runs the very kinds that are timed: the algorithm, local switching, local. */
    @Test
    void aStepAllocatingMegabytesIsFlaggedAsBoxedCode() {
        // 38.8 KB a step in healthy runs, 12.4 MB when col2im's vectors were boxed
        assertTrue(BenchAgentsCommand.boxedWarning(38_800).isEmpty());
        assertTrue(BenchAgentsCommand.boxedWarning(0).isEmpty()); // a JVM that counts no allocation
        String w = BenchAgentsCommand.boxedWarning(12_367_900).orElseThrow();
        assertTrue(w.startsWith("warning: the lone agent allocated 12.4 MB per step"), w);
        assertTrue(w.contains("boxed"), w);
    }

    @Test
    void theWarmUpCoversTheThreeTimedKinds() {
        List<Algorithm> kinds = BenchAgentsCommand.timedKinds(Algorithms.get("dpsgd"));
        assertEquals(List.of("dpsgd", "local-switching", "local"), kinds.stream().map(Algorithm::name).toList());
        for (Algorithm kind : kinds) {
            assertEquals(0, Runner.train(kind, BenchAgentsCommand.quadratics(4, ParameterLayout.single("x", 9)),
                    Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(4))), Training.sgd(0.01), 2, 1)[3][8]);
        }
    }

    /**
     * Quadratics over the model's layout, one per agent, on which every kind runs on a ring, also
     * with an algorithm that addresses a group of the model's parameters (GATTA's last layer).
     */
    @Test
    void eachKindRunsOnTheQuadratics() {
        int n = 4;
        ParameterLayout layout = Zoo.create("lenet5", new int[] {1, 28, 28}, 10).layout();
        int d = layout.size();
        Objective[] q = BenchAgentsCommand.quadratics(n, layout);
        for (Objective o : q) {
            assertEquals(d, o.dimension());
            assertSame(layout, o.layout());
        }
        assertNotSame(q[0], q[1]);
        Topology ring = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(n)));
        for (Algorithm kind : BenchAgentsCommand.timedKinds(Algorithms.get("gatta"))) {
            float[][] x = Runner.train(kind, BenchAgentsCommand.quadratics(n, layout), ring, Training.sgd(0.01), 3, 1);
            for (float[] xi : x) {
                assertEquals(d, xi.length);
                for (float v : xi) {
                    assertEquals(0f, v, kind.name() + ": the minimum x = 0 is where the agents start and stay");
                }
            }
        }
    }
}

package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.testkit.Tolerances;

/** The report's peer-sampling section: agents ordered by true cluster, own-cluster mass. */
class SamplingReportTest {
    private static AgentMetrics agent(int i, double... p) {
        return new AgentMetrics(i, 0.5, 1, 0.5, 1, 1, 0, Map.of("p.0", p[0], "p.1", p[1], "p.2", p[2]));
    }

    @Test
    void heatMapRowsFollowTheTrueClustersAndMassIsPerCluster() {
        int[] clusters = {1, 0, 1};
        double[][] p = {{0, 0.25, 0.75}, {0.5, 0, 0.5}, {0.9, 0.1, 0}};
        List<AgentMetrics> agents = List.of(agent(0, p[0]), agent(1, p[1]), agent(2, p[2]));
        EvalPoint start = new EvalPoint(0, 0, 0, agents.stream().map(m -> new AgentMetrics(m.agent(), 0, 0, 0, 0, 0, 0,
                Map.of())).toList(), 0, 0, 0, java.util.Arrays.asList(null, null, null));
        EvalPoint end = new EvalPoint(10, 1, 1, agents, 0, 0, 0, java.util.Arrays.asList(null, null, null));
        RunResult r = new RunResult(ExperimentConfig.of(Map.of("algorithm", "dac", "agents", "3")), "test",
                MixingMatrix.metropolisHastings(Graphs.complete(3)), 2, 10, 10, 1, List.of(start, end), clusters);
        assertArrayEquals(new int[] {1, 0, 2}, SamplingReport.byCluster(clusters));
        assertArrayEquals(p, SamplingReport.probabilities(end));
        assertEquals(null, SamplingReport.probabilities(start));
        // cluster 1 = {0, 2}: agent 0 puts 0.75 on agent 2, agent 2 puts 0.9 on agent 0
        assertEquals((0.75 + 0.9) / 2, SamplingReport.ownClusterMass(p, clusters, 1), Tolerances.PROBABILITY_SUM);
        assertEquals(0, SamplingReport.ownClusterMass(p, clusters, 0), Tolerances.PROBABILITY_SUM);
        List<String> sections = SamplingReport.sections(List.of(r));
        assertEquals(1, sections.size());
        String html = sections.getFirst();
        assertTrue(html.contains("Peer sampling"), html);
        int c0 = html.indexOf(">1 c0<");
        int c1 = html.indexOf(">0 c1<");
        assertTrue(c0 > 0 && c1 > c0, "the agent of cluster 0 must come first");
        assertTrue(html.contains("uniform share, cluster 1"), html);
    }
}

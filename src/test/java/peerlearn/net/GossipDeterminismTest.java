package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.rng.Rng;

/**
 * Same seed ⇒ same bits, whatever the carrier-thread count. The virtual-thread scheduler's
 * parallelism is fixed per JVM at start-up, so the test runs the same faulty gossip (drops, a
 * crash, a straggler, a time-varying topology) in two child JVMs started with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} and {@code =2} and compares a SHA-256 of
 * every observed state with the one computed in this JVM.
 */
class GossipDeterminismTest {
    @Test
    void gossipIsBitIdenticalAcrossCarrierThreadCounts() throws Exception {
        String here = digest();
        assertEquals(here, digest(), "two runs in one JVM");
        assertEquals(here, child(1), "parallelism = 1");
        assertEquals(here, child(2), "parallelism = 2");
    }

    /** Entry point of the child JVMs: prints the digest. */
    public static void main(String[] args) throws Exception {
        System.out.println("digest " + digest());
    }

    static String digest() throws NoSuchAlgorithmException {
        int n = 24, d = 33;
        Topology t = Topology.randomRegularEachRound(n, 3, 11, MixingMatrix::metropolisHastings);
        Faults faults = Faults.drops(5, 0.15).withCrash(7, 6).withStraggler(2, 1);
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph(), faults);
        List<GossipAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Rng rng = Rng.stream(99, i, "init");
            float[] x = new float[d];
            for (int c = 0; c < d; c++) {
                x[c] = (float) rng.nextGaussian();
            }
            agents.add(new GossipAgent(net.endpoint(i), t, x));
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        AgentRuntime.run(net, 15, agents, k -> true, (k, snaps) -> {
            for (float[] s : snaps) {
                if (s != null) {
                    for (float v : s) {
                        int b = Float.floatToRawIntBits(v);
                        md.update(new byte[] {(byte) b, (byte) (b >> 8), (byte) (b >> 16), (byte) (b >> 24)});
                    }
                }
            }
        });
        for (long m : net.traffic().bytesSent()) {
            md.update(Long.toString(m).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String child(int parallelism) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Djdk.virtualThreadScheduler.parallelism=" + parallelism,
                "-Djdk.virtualThreadScheduler.maxPoolSize=" + parallelism, "-cp", System.getProperty("java.class.path"),
                GossipDeterminismTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "child JVM failed:\n" + out);
        return out.lines().filter(l -> l.startsWith("digest ")).map(l -> l.substring(7)).findFirst()
                .orElseThrow(() -> new AssertionError("no digest in child output:\n" + out));
    }
}

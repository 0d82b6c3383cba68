package peerlearn.net;

import java.util.Map;
import java.util.TreeMap;
import peerlearn.rng.Rng;

/**
 * Deterministic fault injection, all of it a pure function of the seed, so a faulty run is as
 * reproducible as a clean one.
 * <ul>
 * <li>Drops: the message (from, to, type, round) is lost with probability {@code dropProbability},
 *     decided by a hash of (seed, from, to, type, round) — independent of timing. The receiver gets
 *     {@code null} at once (a definite "missing"), never a time-out. A publish/pull is dropped by the
 *     same rule with from = the publisher, to = the puller.</li>
 * <li>Crashes: agent a runs rounds 0..r−1 and then stops for good ({@code crashes.get(a) = r}).
 *     Messages it sent before are delivered; asking for its messages of round ≥ r returns
 *     {@code null} at once; messages sent to it for rounds ≥ r are discarded.</li>
 * <li>Stragglers: agent a sleeps {@code stragglerMillis.get(a)} ms before each round. This slows its
 *     wall time and its neighbours' (they wait for its messages) but never changes any result.</li>
 * </ul>
 */
public record Faults(long seed, double dropProbability, Map<Integer, Integer> crashes, Map<Integer, Long> stragglerMillis) {
    /** The longest straggler delay per round: a minute; more would look like a hang rather than a straggler. */
    public static final long MAX_STRAGGLER_MILLIS = 60_000;

    public Faults {
        if (!(dropProbability >= 0 && dropProbability <= 1)) {
            throw new IllegalArgumentException("drop probability must be in [0, 1], got " + dropProbability);
        }
        crashes = Map.copyOf(new TreeMap<>(crashes));
        stragglerMillis = Map.copyOf(new TreeMap<>(stragglerMillis));
        crashes.forEach((a, r) -> {
            if (a < 0 || r < 0) {
                throw new IllegalArgumentException("crash of agent " + a + " at round " + r + ": both must be ≥ 0");
            }
        });
        stragglerMillis.forEach((a, ms) -> {
            if (a < 0 || ms < 0 || ms > MAX_STRAGGLER_MILLIS) {
                throw new IllegalArgumentException("straggler agent " + a + " delay " + ms + " ms: the agent must be ≥ 0 "
                        + "and the delay in [0, " + MAX_STRAGGLER_MILLIS + "] ms per round");
            }
        });
    }

    /** No faults at all. */
    public static Faults none() {
        return new Faults(0, 0, Map.of(), Map.of());
    }

    /** Only drops, with probability p, drawn from the seed. */
    public static Faults drops(long seed, double p) {
        return new Faults(seed, p, Map.of(), Map.of());
    }

    /**
     * Parses a comma-separated fault list, e.g. {@code "drop:0.1,crash:3@50,straggler:2@5"}:
     * {@code drop:P} drops each message with probability P; {@code crash:A@R} crashes agent A at
     * round R; {@code straggler:A@MS} delays agent A by MS milliseconds per round. {@code none} or
     * an empty string means no faults.
     */
    public static Faults parse(String spec, long seed) {
        Faults f = new Faults(seed, 0, Map.of(), Map.of());
        if (spec == null || spec.isBlank() || spec.strip().equals("none")) {
            return f;
        }
        for (String part : spec.split(",")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            String kind = colon < 0 ? p : p.substring(0, colon);
            String arg = colon < 0 ? "" : p.substring(colon + 1);
            try {
                f = switch (kind) {
                    case "drop" -> new Faults(seed, Double.parseDouble(arg), f.crashes, f.stragglerMillis);
                    case "crash" -> f.withCrash(Integer.parseInt(before(arg, p)), Integer.parseInt(after(arg, p)));
                    case "straggler" -> f.withStraggler(Integer.parseInt(before(arg, p)), Long.parseLong(after(arg, p)));
                    default -> throw new IllegalArgumentException("unknown fault '" + p
                            + "' in '" + spec + "'; expected drop:P, crash:AGENT@ROUND or straggler:AGENT@MILLIS");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + p + "' in '" + spec + "': bad number (" + e.getMessage() + ")");
            }
        }
        return f;
    }

    private static String before(String arg, String part) {
        int at = arg.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("fault '" + part + "' needs AGENT@VALUE");
        }
        return arg.substring(0, at);
    }

    private static String after(String arg, String part) {
        return arg.substring(arg.indexOf('@') + 1);
    }

    public Faults withCrash(int agent, int round) {
        var c = new TreeMap<>(crashes);
        c.put(agent, round);
        return new Faults(seed, dropProbability, c, stragglerMillis);
    }

    public Faults withStraggler(int agent, long millisPerRound) {
        var s = new TreeMap<>(stragglerMillis);
        s.put(agent, millisPerRound);
        return new Faults(seed, dropProbability, crashes, s);
    }

    /** True when the message (from → to, type, round) is lost. */
    public boolean dropped(int from, int to, int type, int round) {
        if (dropProbability == 0) {
            return false;
        }
        long key = ((long) to << 32) ^ ((long) type << 48) ^ (round & 0xFFFFFFFFL);
        return Rng.stream(seed, from, "faults:drop").fork(key).nextDouble() < dropProbability;
    }

    /** The first round agent a does not run ({@link Integer#MAX_VALUE} if it never crashes). */
    public int crashRound(int agent) {
        return crashes.getOrDefault(agent, Integer.MAX_VALUE);
    }

    /** True when agent a has crashed by round k (k ≥ its crash round). */
    public boolean crashed(int agent, int round) {
        return round >= crashRound(agent);
    }

    /** Milliseconds agent a sleeps before each round. */
    public long delayMillis(int agent) {
        return stragglerMillis.getOrDefault(agent, 0L);
    }
}

package peerlearn.testkit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import peerlearn.rng.Rng;

/**
 * A seeded fuzz loop for the readers of untrusted bytes (data files, edge lists, matrices,
 * configuration files, wire messages, checkpoints). Each case is a random input or a mutation of a valid
 * seed — bit flips, byte overwrites, truncation, extension, insertion, deletion, splicing, and
 * 32-bit length fields overwritten with huge, negative or boundary values — and the reader
 * must either accept it or fail with one of the exceptions the reader documents, whose message
 * names the input. Anything else (an {@code OutOfMemoryError}, {@code NegativeArraySizeException},
 * {@code ArrayIndexOutOfBoundsException}, {@code NullPointerException}, …) fails the test with
 * the case that caused it, as does a case that allocates more than
 * {@link #allocationBudget(long)} bytes on its thread (a buffer sized by a length field nobody
 * checked) or a loop that does not finish within its time limit (a hang).
 *
 * <p>Case counts: {@code -Dpeerlearn.fuzz.cases=N} replaces the default (the test run's few
 * thousand) for an on-demand longer run ({@code tools/fuzz N}); {@code -Dpeerlearn.fuzz.seed=S}
 * changes the seed. Both are test-only knobs: the library reads no system property.
 */
public final class Fuzz {
    /** Interesting values for a 32-bit length, count or dimension field. */
    private static final int[] INTERESTING = {0, 1, 2, -1, -2, 7, 255, 256, 65535, 65536, 1 << 20, 1 << 24, 1 << 28,
            1 << 30, Integer.MAX_VALUE, Integer.MAX_VALUE - 16, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 0x7FFF_FFF0,
            0x0101_0101, 0xFFFF_FF00, 60000, 3073, 784};
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Fuzz() {}

    /** The number of cases: {@code -Dpeerlearn.fuzz.cases}, else {@code defaultCases}. */
    public static int cases(int defaultCases) {
        return Integer.getInteger("peerlearn.fuzz.cases", defaultCases);
    }

    /** The fuzz seed: {@code -Dpeerlearn.fuzz.seed}, else a fixed one. */
    public static long seed() {
        return Long.getLong("peerlearn.fuzz.seed", 20_241_201L);
    }

    /**
     * Bytes a case may allocate on its thread: a fixed allowance for buffers (stream buffers,
     * the readers' growable bodies start at 1 MiB) plus 64 bytes per input byte (a data set
     * holds each pixel as a 4-byte float, gzip may expand the input).
     */
    public static long allocationBudget(long inputBytes) {
        return (24L << 20) + 64 * inputBytes;
    }

    /** One input: what was done to which seed, and the bytes. */
    public record Case(String how, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads one case; may throw anything. */
    @FunctionalInterface
    public interface Reader {
        void read(Case c) throws Throwable;
    }

    /** How a loop ended: accepted inputs and each clean error type by count. */
    public record Outcome(String reader, int cases, int accepted, Map<String, Integer> errors, long maxAllocated,
                          double cpuSeconds) {
        @Override
        public String toString() {
            return String.format("%s: %d cases, %d accepted, errors %s, max allocation %d KiB, %.2f s CPU", reader, cases,
                    accepted, errors, maxAllocated >> 10, cpuSeconds);
        }
    }

    /**
     * Mutates one of {@code seeds} (or, one case in twelve, makes random bytes).
     * {@code fields} are offsets of 32-bit length/count fields in the seeds, written in
     * {@code order} when a mutation edits one.
     */
    public static Case mutate(List<byte[]> seeds, Rng rng, int[] fields, ByteOrder order) {
        int which = rng.nextInt(seeds.size());
        byte[] seed = seeds.get(which);
        if (rng.nextInt(12) == 0) {
            byte[] b = new byte[rng.nextInt(2 * seed.length + 2)];
            fill(b, rng);
            return new Case("random " + b.length + " bytes", b);
        }
        byte[] b = seed.clone();
        StringBuilder how = new StringBuilder("seed " + which);
        int steps = 1 + rng.nextInt(3);
        for (int s = 0; s < steps; s++) {
            int op = rng.nextInt(fields.length > 0 ? 10 : 9);
            switch (op) {
                case 0 -> { // flip 1..8 bits
                    int flips = 1 + rng.nextInt(8);
                    for (int f = 0; f < flips && b.length > 0; f++) {
                        int at = rng.nextInt(b.length);
                        b[at] ^= (byte) (1 << rng.nextInt(8));
                    }
                    how.append(", flip ").append(flips).append(" bits");
                }
                case 1 -> { // overwrite bytes with boundary or random values
                    int n = 1 + rng.nextInt(4);
                    for (int f = 0; f < n && b.length > 0; f++) {
                        int at = rng.nextInt(b.length);
                        int[] v = {0x00, 0xFF, 0x7F, 0x80, rng.nextInt(256)};
                        b[at] = (byte) v[rng.nextInt(v.length)];
                    }
                    how.append(", set ").append(n).append(" bytes");
                }
                case 2 -> { // truncate
                    int len = b.length == 0 ? 0 : rng.nextInt(b.length);
                    b = Arrays.copyOf(b, len);
                    how.append(", truncate to ").append(len);
                }
                case 3 -> { // extend with random bytes
                    int extra = 1 + rng.nextInt(rng.nextInt(4) == 0 ? 4096 : 64);
                    int from = b.length;
                    b = Arrays.copyOf(b, from + extra);
                    for (int i = from; i < b.length; i++) {
                        b[i] = (byte) rng.nextInt(256);
                    }
                    how.append(", extend by ").append(extra);
                }
                case 4 -> { // delete a range
                    if (b.length > 0) {
                        int at = rng.nextInt(b.length);
                        int n = 1 + rng.nextInt(Math.min(64, b.length - at));
                        byte[] c = new byte[b.length - n];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + n, c, at, b.length - at - n);
                        b = c;
                        how.append(", delete ").append(n).append(" at ").append(at);
                    }
                }
                case 5 -> { // insert random bytes
                    int at = rng.nextInt(b.length + 1);
                    int n = 1 + rng.nextInt(16);
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < n; i++) {
                        c[at + i] = (byte) rng.nextInt(256);
                    }
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                    how.append(", insert ").append(n).append(" at ").append(at);
                }
                case 6 -> { // splice with another seed
                    byte[] other = seeds.get(rng.nextInt(seeds.size()));
                    int cut = rng.nextInt(b.length + 1);
                    int from = rng.nextInt(other.length + 1);
                    byte[] c = Arrays.copyOf(b, cut + other.length - from);
                    System.arraycopy(other, from, c, cut, other.length - from);
                    b = c;
                    how.append(", splice at ").append(cut);
                }
                case 7, 8 -> { // a boundary int at a random offset
                    if (b.length >= 4) {
                        int at = rng.nextInt(b.length - 3);
                        int v = interesting(rng);
                        ByteBuffer.wrap(b).order(rng.nextInt(2) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                                .putInt(at, v);
                        how.append(", int ").append(v).append(" at ").append(at);
                    }
                }
                default -> { // a length field set to a huge, negative or boundary value
                    int at = fields[rng.nextInt(fields.length)];
                    if (at + 4 <= b.length) {
                        int v = interesting(rng);
                        ByteBuffer.wrap(b).order(order).putInt(at, v);
                        how.append(", field at ").append(at).append(" = ").append(v);
                    }
                }
            }
        }
        return new Case(how.toString(), b);
    }

    /** Tokens a text mutation substitutes for a value: boundary numbers, non-numbers, separators. */
    private static final String[] TOKENS = {"-1", "0", "1", "-0", "2147483647", "2147483648", "-2147483648",
            "9223372036854775808", "99999999999999999999", "1e308", "1e309", "-1e-320", "NaN", "Infinity", "-Infinity",
            "0x10", "1.5", "+3", "1_000", "", " ", "#", "=", ":", ",", "\\", "\\u12", "\\uZZZZ", "é", "٣", "\t",
            "1,2", "1:2:3", "a@b", "@", "x", "1x1", "0x0", "65536x65536", "true", "null"};

    /**
     * A text input mutated from {@code seeds} (UTF-8): one to three of — a token (a run of
     * letters, digits, '.', '-', '+') replaced by a boundary value from {@link #TOKENS}, a line
     * duplicated, deleted or swapped, a long line — or, one case in four, a byte-level mutation.
     */
    public static Case mutateText(List<String> seeds, Rng rng) {
        if (rng.nextInt(4) == 0) {
            return mutate(seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), rng, new int[0],
                    ByteOrder.BIG_ENDIAN);
        }
        int which = rng.nextInt(seeds.size());
        List<String> lines = new ArrayList<>(Arrays.asList(seeds.get(which).split("\n", -1)));
        StringBuilder how = new StringBuilder("text seed " + which);
        int steps = 1 + rng.nextInt(3);
        for (int s = 0; s < steps; s++) {
            int ln = rng.nextInt(lines.size());
            switch (rng.nextInt(6)) {
                case 0, 1, 2 -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9.+\\-]+").matcher(lines.get(ln));
                    List<int[]> spans = new ArrayList<>();
                    while (m.find()) {
                        spans.add(new int[] {m.start(), m.end()});
                    }
                    if (!spans.isEmpty()) {
                        int[] t = spans.get(rng.nextInt(spans.size()));
                        String token = TOKENS[rng.nextInt(TOKENS.length)];
                        String line = lines.get(ln);
                        lines.set(ln, line.substring(0, t[0]) + token + line.substring(t[1]));
                        how.append(", line ").append(ln + 1).append(" token '").append(token).append('\'');
                    }
                }
                case 3 -> {
                    lines.add(ln, lines.get(ln));
                    how.append(", duplicate line ").append(ln + 1);
                }
                case 4 -> {
                    lines.remove(ln);
                    if (lines.isEmpty()) {
                        lines.add("");
                    }
                    how.append(", delete line ").append(ln + 1);
                }
                default -> {
                    lines.set(ln, lines.get(ln).repeat(1 + rng.nextInt(200)));
                    how.append(", repeat line ").append(ln + 1);
                }
            }
        }
        return new Case(how.toString(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static int interesting(Rng rng) {
        return rng.nextInt(4) == 0 ? (int) rng.nextLong() : INTERESTING[rng.nextInt(INTERESTING.length)];
    }

    private static void fill(byte[] b, Rng rng) {
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rng.nextInt(256);
        }
    }

    /** Makes case number {@code k}. */
    @FunctionalInterface
    public interface Generator {
        Case make(int k, Rng rng);
    }

    /**
     * Runs {@code cases} cases of {@code generator} through {@code reader}, seeded, within a
     * minute plus 20 ms per case in all (far above the sub-millisecond cases; a hang hits it);
     * fails listing every case whose outcome is neither acceptance nor an
     * error that {@code clean} accepts (the accepted type with a message naming the input).
     */
    public static Outcome run(String name, int cases, Generator generator, Reader reader, Predicate<Throwable> clean) {
        Duration limit = Duration.ofSeconds(60).plusMillis(20L * cases);
        String[] current = {"(not started)"};
        return assertTimeoutPreemptively(limit, () -> loop(name, cases, generator, reader, clean, current),
                () -> name + ": no answer within " + limit + " (a hang?) at " + current[0]);
    }

    private static Outcome loop(String name, int cases, Generator generator, Reader reader, Predicate<Throwable> clean,
                                String[] current) {
        Rng rng = Rng.stream(seed(), 0, "fuzz:" + name);
        List<String> failures = new ArrayList<>();
        Throwable firstBad = null;
        Map<String, Integer> errors = new TreeMap<>();
        int accepted = 0;
        long maxAllocated = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (int k = 0; k < cases; k++) {
            Case c = generator.make(k, rng.fork(k));
            current[0] = "case " + k + " (" + c.how() + ")";
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Throwable thrown = null;
            try {
                reader.read(c);
            } catch (Throwable t) {
                thrown = t;
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            maxAllocated = Math.max(maxAllocated, allocated);
            if (allocated > allocationBudget(c.bytes().length)) {
                failures.add(current[0] + ": allocated " + allocated + " bytes for " + c.bytes().length
                        + " input bytes (budget " + allocationBudget(c.bytes().length) + ")");
            }
            if (thrown == null) {
                accepted++;
            } else if (clean.test(thrown)) {
                errors.merge(thrown.getClass().getSimpleName(), 1, Integer::sum);
            } else {
                failures.add(current[0] + ": " + thrown);
                if (firstBad == null) {
                    firstBad = thrown;
                }
            }
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(name + ": " + failures.size() + " of " + cases
                    + " cases ended badly (seed " + seed() + "):\n  " + String.join("\n  ",
                    failures.subList(0, Math.min(20, failures.size()))));
            if (firstBad != null) {
                e.initCause(firstBad);
            }
            throw e;
        }
        Outcome o = new Outcome(name, cases, accepted, errors, maxAllocated,
                (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
        System.out.println("fuzz " + o);
        return o;
    }

    /**
     * A clean error: one of {@code types}, with a message that contains every one of
     * {@code mentions} (the file, the field or the input's name).
     */
    @SafeVarargs
    public static Predicate<Throwable> cleanError(List<String> mentions, Class<? extends Throwable>... types) {
        return t -> {
            if (Arrays.stream(types).noneMatch(ty -> ty.isInstance(t)) || t.getMessage() == null) {
                return false;
            }
            return mentions.stream().allMatch(m -> t.getMessage().contains(m));
        };
    }
}

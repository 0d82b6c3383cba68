package peerlearn.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import peerlearn.state.State;
import peerlearn.state.StateFormatException;
import peerlearn.state.StateReader;
import peerlearn.state.StateWriter;

/**
 * The checkpoint file of a run folder, {@code checkpoint.bin}: the complete state after some round,
 * from which {@code tools/peerlearn resume DIR} continues.
 *
 * <p>Layout (big-endian): the magic {@code "PLCKPT\r\n"} (8 bytes), the format version (i32),
 * then {@link StateWriter} entries — {@code peerlearn} (the version that wrote it),
 * {@code config} (the resolved configuration without the checkpoint keys, as key/value texts),
 * {@code config_sha256}, {@code rounds_done} and {@code payload} (the run's state) — and last
 * the SHA-256 of every byte before it (32 bytes).
 *
 * <p>Writing is atomic: the bytes go to {@code checkpoint.bin.tmp}, which is forced to disk and
 * then renamed over {@code checkpoint.bin} (then the folder is forced too), so a crash at any
 * moment leaves either the previous checkpoint or the new one, never a mixture.
 *
 * <p>Reading refuses, with a {@link CheckpointException} naming the file, anything that is not an
 * intact checkpoint of this format; {@link #requireSameRun} refuses a checkpoint of another
 * peerlearn version or configuration, naming what differs.
 */
public final class Checkpoint {
    /** The file name inside a run folder. */
    public static final String FILE = "checkpoint.bin";
    /** The format version this build reads and writes. */
    public static final int FORMAT = 1;
    /** This build's version (the pom's), which must match the checkpoint's (checked by a test against pom.xml). */
    public static final String PEERLEARN_VERSION = "0.1.0-SNAPSHOT";
    /** Configuration keys that may differ between the interrupted run and its resumption. */
    public static final List<String> CHECKPOINT_KEYS = List.of("checkpoint_every");

    private static final byte[] MAGIC = "PLCKPT\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;
    private static final int HEAD = MAGIC.length + 4;

    /** A checkpoint as read: who wrote it, for which configuration, after how many rounds, and the run's state. */
    public record Contents(Path file, String version, Map<String, String> config, int roundsDone, byte[] payload) {}

    private Checkpoint() {}

    /** A refused checkpoint; the message names the file and the reason. */
    public static final class CheckpointException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public CheckpointException(String message) {
            super(message);
        }
    }

    /** The configuration a checkpoint records: every resolved value but the checkpoint keys. */
    static Map<String, String> recorded(ExperimentConfig c) {
        Map<String, String> m = new LinkedHashMap<>(c.values());
        CHECKPOINT_KEYS.forEach(m::remove);
        return m;
    }

    /** The bytes of a checkpoint of {@code config} after {@code roundsDone} rounds. */
    static byte[] encode(String version, Map<String, String> config, int roundsDone, byte[] payload) {
        StateWriter w = new StateWriter();
        w.text("peerlearn", version);
        config(w, config);
        w.bytes("config_sha256", sha256(configText(config)));
        w.integer("rounds_done", roundsDone);
        w.bytes("payload", payload);
        byte[] body = w.toBytes();
        ByteBuffer b = ByteBuffer.allocate(HEAD + body.length + DIGEST);
        b.put(MAGIC).putInt(FORMAT).put(body);
        byte[] digest = sha256(Arrays.copyOf(b.array(), HEAD + body.length));
        b.put(digest);
        return b.array();
    }

    /** The configuration entries: a count, then key and value texts. */
    private static Map<String, String> config(State s, Map<String, String> config) {
        List<Map.Entry<String, String>> entries = config == null ? List.of() : new ArrayList<>(config.entrySet());
        int n = s.count("config/count", entries.size());
        if (n < 0) {
            throw new StateFormatException(s.path("config/count") + ": negative count " + n);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String k = s.text("config/key", s.restoring() ? null : entries.get(i).getKey());
            String v = s.text("config/value", s.restoring() ? null : entries.get(i).getValue());
            if (k == null || v == null || out.put(k, v) != null) {
                throw new StateFormatException(s.path("config") + ": entry " + i + " is missing or repeats key " + k);
            }
        }
        return out;
    }

    private static byte[] configText(Map<String, String> config) {
        StringBuilder b = new StringBuilder();
        config.forEach((k, v) -> b.append(k.length()).append(':').append(k).append(v.length()).append(':').append(v)
                .append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Writes {@code bytes} to {@code file} atomically (temporary file, force, rename, force the folder). */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, Long.MAX_VALUE);
    }

    /**
     * As {@link #write(Path, byte[])}, but a simulated crash after {@code crashAfter} bytes of the
     * temporary file: it throws before the rename, as a killed process would stop (for tests).
     */
    static void write(Path file, byte[] bytes, long crashAfter) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, (int) Math.min(bytes.length, crashAfter));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (crashAfter < bytes.length) {
                throw new IOException("simulated crash after " + crashAfter + " of " + bytes.length + " bytes of " + tmp);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot write checkpoint " + file + " atomically: the file system cannot rename "
                    + tmp.getFileName() + " over it atomically", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // makes the rename durable across a power loss
        } catch (IOException e) {
            // Some platforms cannot open a folder as a channel; the rename above is atomic all the
            // same, only its durability across a power cut is then up to the file system.
        }
    }

    /** Reads and checks {@code file}: format, checksum and structure (not the version or configuration). */
    public static Contents read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("no checkpoint " + file + " (was the run started with --checkpoint-every K?)");
        }
        return decode(file, bytes);
    }

    /** As {@link #read(Path)} on bytes already read; {@code file} names them. */
    static Contents decode(Path file, byte[] bytes) {
        String what = "checkpoint " + file;
        if (bytes.length < HEAD + DIGEST) {
            throw new CheckpointException(what + ": truncated: " + bytes.length + " bytes, a checkpoint has at least "
                    + (HEAD + DIGEST));
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CheckpointException(what + ": not a peerlearn checkpoint (it starts with "
                    + HexFormat.of().formatHex(bytes, 0, MAGIC.length) + ")");
        }
        int format = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (format != FORMAT) {
            throw new CheckpointException(what + ": checkpoint format version " + format + ", this peerlearn reads version "
                    + FORMAT);
        }
        int end = bytes.length - DIGEST;
        byte[] digest = sha256(Arrays.copyOf(bytes, end));
        if (!Arrays.equals(digest, 0, DIGEST, bytes, end, bytes.length)) {
            throw new CheckpointException(what + ": checksum mismatch (SHA-256 of the first " + end
                    + " bytes differs from the one stored): the file is corrupted or truncated");
        }
        try {
            StateReader r = new StateReader(bytes, HEAD, end - HEAD);
            String version = r.text("peerlearn", null);
            Map<String, String> config = config(r, null);
            byte[] hash = r.bytes("config_sha256", null);
            long rounds = r.integer("rounds_done", 0);
            byte[] payload = r.bytes("payload", null);
            r.requireEnd();
            if (version == null || hash == null || payload == null) {
                throw new StateFormatException("a header entry is null");
            }
            if (!Arrays.equals(hash, sha256(configText(config)))) {
                throw new StateFormatException("config_sha256 does not match the configuration recorded");
            }
            if (rounds < 1 || rounds > Integer.MAX_VALUE) {
                throw new StateFormatException("rounds_done = " + rounds);
            }
            return new Contents(file, version, config, (int) rounds, payload);
        } catch (StateFormatException e) {
            throw new CheckpointException(what + ": " + e.getMessage());
        }
    }

    /**
     * Refuses {@code ck} unless this peerlearn wrote it and {@code c} is its configuration (the
     * checkpoint keys aside); the message names the version or every key that differs.
     */
    static void requireSameRun(Contents ck, ExperimentConfig c, String source) {
        String what = "checkpoint " + ck.file();
        if (!ck.version().equals(PEERLEARN_VERSION)) {
            throw new CheckpointException(what + " was written by peerlearn " + ck.version() + ", this is peerlearn "
                    + PEERLEARN_VERSION + "; resume it with that version or start the run again");
        }
        Map<String, String> now = recorded(c);
        List<String> diffs = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(now.keySet());
        keys.addAll(ck.config().keySet());
        for (String k : keys) {
            String a = ck.config().get(k);
            String b = now.get(k);
            if (a == null || !a.equals(b)) {
                diffs.add(k + " = " + (a == null ? "(absent)" : "'" + a + "'") + " in the checkpoint, "
                        + (b == null ? "(absent)" : "'" + b + "'") + " in " + source);
            }
        }
        if (!diffs.isEmpty()) {
            throw new CheckpointException(what + " is from another configuration: " + String.join("; ", diffs));
        }
    }

    /** Fails with a message naming the checkpoint file and the entry when the payload does not fit this run. */
    static CheckpointException unfit(Contents ck, RuntimeException e) {
        return new CheckpointException("checkpoint " + ck.file() + ": the run's state does not fit: " + e.getMessage());
    }
}

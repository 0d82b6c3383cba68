package peerlearn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening data files: gzip is recognised by its magic bytes {@code 1f 8b}, not by the file name;
 * a name ending in {@code .gz} whose content is not gzip is an error (it is almost always a
 * truncated download or an HTML error page saved under the wrong name). Reading a body never
 * allocates more than twice the bytes actually present, whatever a header declares.
 */
final class DataFiles {
    /** Java arrays cannot be longer than this on common VMs. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private DataFiles() {}

    /**
     * A readable stream of a file's (decompressed) content. {@code rawSize} is the size on disk
     * of an uncompressed file, or -1 when unknown (gzip, or a class-path resource).
     */
    record Opened(String name, InputStream in, boolean gzip, long rawSize) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }

        DataFileException error(String what) {
            return new DataFileException(name, what, null);
        }
    }

    static Opened open(Path file) throws IOException {
        long size;
        InputStream raw;
        try {
            size = Files.size(file);
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file", e);
        }
        return open(file.toString(), raw, size);
    }

    /** Opens {@code raw} (closed on failure), named {@code name} in messages; {@code size} may be -1. */
    static Opened open(String name, InputStream raw, long size) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        if (!gzip && name.endsWith(".gz")) {
            in.close();
            throw new DataFileException(name, "the name ends in .gz but the content is not gzip (first bytes "
                    + hex(b0) + " " + hex(b1) + ", gzip starts with 1f 8b)", null);
        }
        if (!gzip) {
            return new Opened(name, in, false, size);
        }
        try {
            return new Opened(name, new GZIPInputStream(in, 1 << 16), true, -1);
        } catch (ZipException | EOFException e) {
            in.close();
            throw new DataFileException(name, "corrupt gzip header: " + e.getMessage(), e);
        }
    }

    /**
     * Reads exactly {@code declared} bytes, then requires the end of the stream. For an
     * uncompressed file of known size the length is checked before allocating; otherwise the
     * buffer grows as data arrives, so a header claiming gigabytes costs nothing.
     */
    static byte[] readBody(Opened f, long declared, int headerBytes, String declaredAs) throws IOException {
        if (declared > MAX_ARRAY) {
            throw f.error("header declares " + declaredAs + " = " + declared + " bytes, more than a Java array can hold");
        }
        if (f.rawSize() >= 0 && f.rawSize() - headerBytes != declared) {
            long have = f.rawSize() - headerBytes;
            throw f.error("header declares " + declaredAs + " = " + declared + " data bytes but the file holds " + have
                    + " after its " + headerBytes + "-byte header (" + (have < declared ? "truncated" : "extra data") + ")");
        }
        byte[] buf = new byte[(int) Math.min(declared, 1 << 20)];
        int n = 0;
        try {
            while (n < declared) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(declared, 2L * buf.length));
                }
                int r = f.in().read(buf, n, buf.length - n);
                if (r < 0) {
                    throw f.error("truncated: header declares " + declaredAs + " = " + declared
                            + " data bytes, the data ends after " + n);
                }
                n += r;
            }
            if (f.in().read() >= 0) {
                throw f.error("extra data after the " + declared + " bytes the header declares (" + declaredAs + ")");
            }
        } catch (ZipException | EOFException e) {
            throw new DataFileException(f.name(), "corrupt or truncated gzip data after " + n + " of " + declared
                    + " bytes: " + e.getMessage(), e);
        }
        return buf;
    }

    /** Reads the whole remaining content (its length is checked by the caller). */
    static byte[] readAll(Opened f) throws IOException {
        if (f.rawSize() > MAX_ARRAY) {
            throw f.error("file of " + f.rawSize() + " bytes is larger than a Java array can hold");
        }
        byte[] buf = new byte[(int) (f.rawSize() >= 0 ? f.rawSize() : 1 << 20)];
        int n = 0;
        try {
            while (true) {
                if (n == buf.length) {
                    int b = f.in().read();
                    if (b < 0) {
                        return buf;
                    }
                    if (buf.length >= MAX_ARRAY) {
                        throw f.error("content larger than a Java array can hold");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(MAX_ARRAY, 2L * buf.length + 1));
                    buf[n++] = (byte) b;
                    continue;
                }
                int r = f.in().read(buf, n, buf.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
            }
        } catch (ZipException | EOFException e) {
            throw new DataFileException(f.name(), "corrupt or truncated gzip data after " + n + " bytes: " + e.getMessage(), e);
        }
    }

    /** Reads a big-endian 32-bit integer, or fails naming the field. */
    static int readInt(Opened f, String field) throws IOException {
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int b;
            try {
                b = f.in().read();
            } catch (ZipException | EOFException e) {
                throw new DataFileException(f.name(), "corrupt gzip data while reading the " + field + ": " + e.getMessage(), e);
            }
            if (b < 0) {
                throw f.error("truncated header: the data ends inside the " + field);
            }
            value = (value << 8) | b;
        }
        return value;
    }

    static String hex(int b) {
        return b < 0 ? "EOF" : String.format("%02x", b);
    }
}

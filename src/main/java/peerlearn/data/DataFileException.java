package peerlearn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be: the message names the file and what
 * is wrong with it ({@code "train-images-idx3-ubyte.gz: bad magic number 0x00000903, expected
 * 0x00000803 (unsigned bytes, rank 3)"}).
 */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;

    public DataFileException(Path file, String what) {
        this(file.toString(), what, null);
    }

    public DataFileException(Path file, String what, Throwable cause) {
        this(file.toString(), what, cause);
    }

    /** {@code source} names a file or a class-path resource. */
    public DataFileException(String source, String what, Throwable cause) {
        super(source + ": " + what, cause);
        this.source = source;
    }

    /** The offending file or resource. */
    public String source() {
        return source;
    }
}

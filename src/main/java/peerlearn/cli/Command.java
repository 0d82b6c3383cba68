package peerlearn.cli;

import java.io.PrintStream;
import java.util.List;

/** One CLI command: {@code tools/peerlearn <name> [flags]}. */
interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /**
     * Runs the command; returns the process exit code (0 ok, 2 bad usage, 1 failure).
     * Output goes to {@code out}, diagnostics to {@code err}.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}

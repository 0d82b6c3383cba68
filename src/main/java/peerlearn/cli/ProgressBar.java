package peerlearn.cli;

import java.io.PrintStream;
import java.util.Locale;
import peerlearn.experiment.EvalPoint;
import peerlearn.experiment.Progress;

/**
 * The terminal progress bar: round, mean accuracy, bytes per agent and an estimate of the time
 * left, redrawn in place on a terminal, or one line per evaluation point otherwise.
 */
final class ProgressBar implements Progress {
    private final PrintStream err;
    private final boolean terminal;
    private String name = "";
    private long start;
    private int firstRound = -1; // the round of the first point shown: 0, or where a resumed run continues

    ProgressBar(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void start(String name, int rounds) {
        this.name = name;
        this.start = System.nanoTime();
        this.firstRound = -1;
    }

    @Override
    public void point(EvalPoint p, int rounds) {
        if (firstRound < 0) {
            firstRound = p.round();
        }
        double done = rounds == 0 ? 1 : (double) p.round() / rounds;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double run = rounds - firstRound == 0 ? 1 : (double) (p.round() - firstRound) / (rounds - firstRound);
        double eta = run > 0 ? elapsed * (1 - run) / run : Double.NaN;
        int width = 24;
        int filled = (int) Math.round(done * width);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        double acc = p.meanLocalAccuracy();
        String accText = Double.isFinite(acc) ? String.format(Locale.ROOT, "acc %5.1f%%", 100 * acc)
                : String.format(Locale.ROOT, "loss %.4g", p.meanGlobalLoss());
        String line = String.format(Locale.ROOT, "%-10s [%s] round %d/%d  %s  bytes/agent %s  ETA %s", name, bar,
                p.round(), rounds, accText, bytes(p.meanBytesSent()), Double.isFinite(eta) ? time(eta) : "?");
        if (terminal) {
            err.print("\r" + line + "   ");
            if (p.round() == rounds) {
                err.println();
            }
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void checkpoint(int roundsDone, long bytes, double seconds) {
        String line = String.format(Locale.ROOT, "%-10s checkpoint after round %d: %s bytes in %.3f s", name, roundsDone,
                bytes(bytes), seconds);
        err.print(terminal ? "\r" + line + "\n" : line + "\n");
        err.flush();
    }

    static String bytes(double b) {
        if (b >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", b / 1e9);
        }
        if (b >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", b / 1e6);
        }
        if (b >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", b / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", b);
    }

    static String time(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
    }
}

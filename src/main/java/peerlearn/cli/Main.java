package peerlearn.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code tools/peerlearn} launcher: dispatches to a {@link Command}. */
public final class Main {
    private Main() {}

    /** Every command, in the order {@code --help} lists them. Add new commands here. */
    static List<Command> commands() {
        List<Command> all = new ArrayList<>();
        all.add(new DemoCommand());
        all.add(new RunCommand());
        all.add(new ResumeCommand());
        all.add(new CompareCommand());
        all.add(new BenchAgentsCommand());
        all.add(new InspectCommand());
        all.add(new TrainCommand());
        all.add(new BenchNet());
        return all;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        for (Command c : commands()) {
            if (c.name().equals(args[0])) {
                try {
                    return c.run(Arrays.asList(args).subList(1, args.length), out, err);
                } catch (IllegalArgumentException e) {
                    err.println("peerlearn " + c.name() + ": " + e.getMessage());
                    return 2;
                } catch (Exception e) {
                    err.println("peerlearn " + c.name() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                    return 1;
                }
            }
        }
        err.println("peerlearn: unknown command '" + args[0] + "'; run 'tools/peerlearn --help' for the list");
        return 2;
    }

    private static void usage(PrintStream out) {
        out.println("peerlearn — decentralized and personalized deep learning in pure Java");
        out.println();
        out.println("usage: tools/peerlearn <command> [flags]     (tools/peerlearn <command> --help for its flags)");
        out.println();
        for (Command c : commands()) {
            out.printf("  %-18s %s%n", c.name(), c.summary());
        }
    }
}

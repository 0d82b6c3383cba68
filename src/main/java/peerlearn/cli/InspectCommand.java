package peerlearn.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code tools/peerlearn inspect <what> [flags]}: looks at one piece of a setup without running
 * anything. Each subcommand is a {@link Command} whose {@link Command#name()} is the word after
 * {@code inspect}; add new ones to {@link #subcommands()}.
 */
final class InspectCommand implements Command {
    static List<Command> subcommands() {
        return List.of(new InspectPartition());
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "look at a setup piece: " + String.join(", ", subcommands().stream().map(Command::name).toList());
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println("usage: tools/peerlearn inspect <what> [flags]");
            for (Command c : subcommands()) {
                out.printf("  %-12s %s%n", c.name(), c.summary());
            }
            return args.isEmpty() ? 2 : 0;
        }
        for (Command c : subcommands()) {
            if (c.name().equals(args.get(0))) {
                return c.run(args.subList(1, args.size()), out, err);
            }
        }
        throw new IllegalArgumentException("nothing to inspect called '" + args.get(0) + "' (try: "
                + String.join(", ", subcommands().stream().map(Command::name).toList()) + ")");
    }
}

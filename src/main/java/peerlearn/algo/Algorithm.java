package peerlearn.algo;

import java.util.List;
import java.util.function.Function;

/**
 * A registered algorithm: its name on the command line, a one-line summary, which agents it
 * talks to, the named hyper-parameters it reads, and how to build one agent's program.
 */
public record Algorithm(String name, String summary, Reach reach, List<ParamSpec> params,
                        Function<AgentContext, AgentProgram> factory) {
    /** Whom an agent exchanges messages with; the runner builds the network accordingly. */
    public enum Reach {
        /** No messages at all (local training). */
        NONE,
        /** Only its neighbours in the configured topology. */
        NEIGHBOURS,
        /** Every other agent (centralized references: all-reduce, FedAvg). */
        EVERYONE
    }

    public Algorithm {
        params = List.copyOf(params);
    }

    /** Builds agent {@code ctx.id()}'s program after checking the algorithm's parameters. */
    public AgentProgram create(AgentContext ctx) {
        ctx.params().checkKnown(name, params);
        return factory.apply(ctx);
    }
}

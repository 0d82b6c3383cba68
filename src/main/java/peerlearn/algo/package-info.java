/**
 * Decentralized learning algorithms, one per file, each a per-agent {@link peerlearn.algo.AgentProgram}
 * that owns its agent's state and learns about neighbours only from byte messages. The five
 * papers: GATTA ({@code Gatta}), DMSGD ({@code Dmsgd}), NGC and CompNGC ({@code Ngc},
 * {@code CompNgc}), DAC ({@code Dac}) and DePRL ({@code Deprl}). Baselines: local-only, all-reduce
 * SGD, FedAvg, D-PSGD, D-PSGD fine-tuned, DSGDm-N, QGM, CHOCO-SGD, CGA, PENS, random and oracle
 * gossip.
 *
 * <p><b>Adding an algorithm</b> takes one new file here and one line in
 * {@link peerlearn.algo.Algorithms#all()}: a package-private {@code final class Xyz implements
 * AgentProgram} with a constructor {@code Xyz(AgentContext ctx)} and a {@code static final
 * List<ParamSpec> PARAMS} naming the hyper-parameters it reads; the registry line gives its
 * command-line name, a summary, its {@link peerlearn.algo.Algorithm.Reach} (none, neighbours,
 * everyone) and {@code Xyz.PARAMS, Xyz::new}. Its hyper-parameters arrive generically: the
 * configuration key {@code algo.alpha=1} or the flag {@code --param alpha=1} becomes
 * {@code ctx.params().number(ALPHA)}; undeclared names and out-of-range values are rejected
 * before the run starts. The shared ones (learning-rate schedule, local optimizer, momentum,
 * weight decay) are in {@code ctx.training()}. To report more, override
 * {@link peerlearn.algo.AgentProgram#extraMetrics()} (named per-agent values, one
 * {@code metrics.csv} column each) and {@link peerlearn.algo.AgentProgram#edgeWeights()}
 * (per-neighbour weights such as attention, drawn on the report's topology). Gossip with the
 * missing-message rule (renormalise the weights received) is {@code Gossip}.
 */
package peerlearn.algo;

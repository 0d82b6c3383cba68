package peerlearn.optim;

/** Builds an {@link Optimizer} by name, for configuration files and the command line. */
public final class Optimizers {
    private Optimizers() {}

    /**
     * {@code sgd} (momentum μ, Nesterov when {@code nesterov}), {@code adam}, {@code adamw} or
     * {@code rmsprop} (momentum μ), all with weight decay λ and otherwise PyTorch's defaults.
     */
    public static Optimizer create(String name, int d, float momentum, boolean nesterov, float weightDecay) {
        return switch (name) {
            case "sgd" -> new Sgd(d, momentum, nesterov, weightDecay);
            case "adam" -> new Adam(d, 0.9f, 0.999f, 1e-8f, weightDecay, false);
            case "adamw" -> new Adam(d, 0.9f, 0.999f, 1e-8f, weightDecay, true);
            case "rmsprop" -> new RmsProp(d, 0.99f, 1e-8f, momentum, weightDecay);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected sgd, adam, adamw or rmsprop");
        };
    }
}

package peerlearn.optim;

import java.util.Arrays;

/**
 * A learning-rate schedule: η_t for t = 0, 1, 2, … (the caller decides whether t counts epochs,
 * rounds or steps). The closed forms match PyTorch's {@code StepLR}, {@code MultiStepLR},
 * {@code ExponentialLR} and {@code CosineAnnealingLR}.
 */
@FunctionalInterface
public interface Schedule {
    /** η_t; t ≥ 0. */
    double rate(int t);

    /** η_t = η₀. */
    static Schedule constant(double base) {
        requirePositive(base);
        return t -> base;
    }

    /** η_t = η₀ · γ^⌊t / s⌋ (decay by γ every s steps). */
    static Schedule step(double base, int stepSize, double gamma) {
        requirePositive(base);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("step schedule needs a positive step size, got " + stepSize);
        }
        requireFactor(gamma);
        return t -> base * Math.pow(gamma, Math.floorDiv(checkT(t), stepSize));
    }

    /** η_t = η₀ · γ^{#{m ∈ milestones : m ≤ t}} (decay by γ at each milestone). */
    static Schedule multiStep(double base, int[] milestones, double gamma) {
        requirePositive(base);
        int[] ms = milestones.clone();
        for (int i = 1; i < ms.length; i++) {
            if (ms[i] <= ms[i - 1]) {
                throw new IllegalArgumentException("milestones must increase: " + Arrays.toString(milestones));
            }
        }
        requireFactor(gamma);
        return t -> {
            int passed = 0;
            for (int m : ms) {
                passed += m <= checkT(t) ? 1 : 0;
            }
            return base * Math.pow(gamma, passed);
        };
    }

    /** η_t = η₀ · γᵗ. */
    static Schedule exponential(double base, double gamma) {
        requirePositive(base);
        requireFactor(gamma);
        return t -> base * Math.pow(gamma, checkT(t));
    }

    /**
     * Cosine annealing from η₀ to η_min over T steps (Loshchilov and Hutter, SGDR, ICLR 2017,
     * without restarts): η_t = η_min + ½ (η₀ − η_min)(1 + cos(π t / T)); η_t = η_min for t ≥ T.
     */
    static Schedule cosine(double base, int period, double minimum) {
        requirePositive(base);
        if (period <= 0) {
            throw new IllegalArgumentException("cosine schedule needs a positive period, got " + period);
        }
        if (!(minimum >= 0) || Double.isInfinite(minimum)) {
            throw new IllegalArgumentException("cosine schedule minimum must be ≥ 0 and finite, got " + minimum);
        }
        return t -> minimum + 0.5 * (base - minimum) * (1 + Math.cos(Math.PI * Math.min(checkT(t), period) / period));
    }

    /**
     * The NGC code's schedule for E epochs: ×0.1 at epochs ⌊0.5E⌋ and ⌊0.75E⌋
     * (Aketi et al., arXiv 2209.14390, authors' code).
     */
    static Schedule ngc(double base, int epochs) {
        int a = epochs / 2;
        int b = (3 * epochs) / 4;
        return a < b ? multiStep(base, new int[] {a, b}, 0.1) : multiStep(base, new int[] {Math.max(a, 1)}, 0.1);
    }

    /**
     * Parses a schedule specification with base rate η₀ and a run of {@code horizon} epochs:
     * {@code constant}, {@code step:S:GAMMA}, {@code multistep:M1,M2,...:GAMMA},
     * {@code exp:GAMMA}, {@code cosine} (T = horizon) or {@code cosine:T[:MIN]}, {@code ngc}.
     */
    static Schedule parse(String spec, double base, int horizon) {
        String[] p = spec.trim().split(":", -1); // -1: ":" and "step:2:" keep their empty parts
        try {
            return switch (p[0]) {
                case "constant" -> { arity(spec, p, 1, 1); yield constant(base); }
                case "step" -> { arity(spec, p, 3, 3); yield step(base, Integer.parseInt(p[1]), Double.parseDouble(p[2])); }
                case "multistep" -> {
                    arity(spec, p, 3, 3);
                    yield multiStep(base, Arrays.stream(p[1].split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray(),
                            Double.parseDouble(p[2]));
                }
                case "exp" -> { arity(spec, p, 2, 2); yield exponential(base, Double.parseDouble(p[1])); }
                case "cosine" -> {
                    arity(spec, p, 1, 3);
                    yield cosine(base, p.length > 1 ? Integer.parseInt(p[1]) : horizon, p.length > 2 ? Double.parseDouble(p[2]) : 0);
                }
                case "ngc" -> { arity(spec, p, 1, 1); yield ngc(base, horizon); }
                default -> throw new IllegalArgumentException("unknown schedule '" + spec
                        + "'; expected constant, step:S:GAMMA, multistep:M1,M2:GAMMA, exp:GAMMA, cosine[:T[:MIN]] or ngc");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schedule '" + spec + "' has a malformed number: " + e.getMessage());
        }
    }

    private static void arity(String spec, String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw new IllegalArgumentException("schedule '" + spec + "' has " + (parts.length - 1) + " arguments, expected "
                    + (min == max ? String.valueOf(min - 1) : (min - 1) + " to " + (max - 1)));
        }
    }

    /** A decay factor γ must be positive and finite, or the rates would turn negative or undefined. */
    private static void requireFactor(double gamma) {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("decay factor γ must be positive and finite, got " + gamma);
        }
    }

    private static void requirePositive(double base) {
        if (!(base > 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("base learning rate must be positive and finite, got " + base);
        }
    }

    private static int checkT(int t) {
        if (t < 0) {
            throw new IllegalArgumentException("schedule step must be non-negative, got " + t);
        }
        return t;
    }
}

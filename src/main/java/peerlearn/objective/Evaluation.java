package peerlearn.objective;

/**
 * Mean loss and accuracy over {@code samples} samples. Accuracy is NaN for objectives
 * without classes (regression, quadratics).
 */
public record Evaluation(double loss, double accuracy, int samples) {}

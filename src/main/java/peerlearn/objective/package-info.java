/**
 * What algorithms see of a model: {@link peerlearn.objective.Objective}, a loss-and-gradient
 * oracle over a flat parameter vector x. a neural objective wraps a
 * network of {@code peerlearn.nn}; the analytic objectives ({@link peerlearn.objective.Quadratic},
 * {@link peerlearn.objective.LinearModel} for least squares and logistic regression) have exact
 * gradients and let the theory tests drive the same algorithm code. Minibatches come from an
 * agent's own {@link peerlearn.data.BatchSampler}.
 */
package peerlearn.objective;

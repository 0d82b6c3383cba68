/**
 * Define-by-run reverse-mode differentiation. A {@link peerlearn.autograd.Var} is a value, its
 * gradient, its parents and the rule that sends its gradient to them; {@link peerlearn.autograd.Ops}
 * lists every primitive (arithmetic, matmul/linear, conv2d, pooling, activations, softmax and
 * losses, shape ops, group-/batch-/EvoNorm, dropout), each implemented in a small class of its own
 * with the backward rule beside the forward code. Parameters may accumulate their gradients into
 * views of one flat gradient vector. See theory/autograd.md.
 */
package peerlearn.autograd;

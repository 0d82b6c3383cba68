/**
 * Flat-vector optimizers and learning-rate schedules. An {@link peerlearn.optim.Optimizer} turns
 * a gradient g into an update of a parameter vector x (both {@code float[]} of length d, or a
 * range of them, so personalized algorithms can step a head or a body alone); a
 * {@link peerlearn.optim.Schedule} gives the learning rate η_t for step or epoch t. The update
 * rules follow PyTorch's {@code torch.optim} so that runs can be compared with it.
 */
package peerlearn.optim;

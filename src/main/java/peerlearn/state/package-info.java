/**
 * Saving and restoring the state of running components for checkpoints: a {@link State} visitor
 * that each stateful component walks over its own fields (the same method saves and restores),
 * a byte format for it ({@link StateWriter}, {@link StateReader}) and its one error type. It uses
 * nothing of peerlearn; every package may use it.
 */
package peerlearn.state;

/**
 * Deterministic random streams derived from (seed, agent, purpose). Every package may use it;
 * it uses only {@code peerlearn.state} (a stream is
 * part of a checkpoint).
 */
package peerlearn.rng;

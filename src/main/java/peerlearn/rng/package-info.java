/**
 * Deterministic random streams derived from (seed, agent, purpose). Every package may use it;
 * it uses nothing of peerlearn.
 */
package peerlearn.rng;

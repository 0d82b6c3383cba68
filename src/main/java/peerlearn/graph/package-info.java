/**
 * Graphs between agents, mixing matrices on them, and their spectra.
 *
 * <p>A {@link peerlearn.graph.Graph} is undirected and simple; {@link peerlearn.graph.Graphs} builds
 * the standard families. A {@link peerlearn.graph.MixingMatrix} W puts weights on a graph's edges and
 * self-loops (Metropolis–Hastings by default; uniform, lazy, relaxed, or read from a file) and can
 * check itself (connected, non-negative, symmetric, doubly stochastic). {@link peerlearn.graph.Spectrum}
 * computes W's eigenvalues with a Jacobi solver, ρ = max(|λ₂|, |λ_N|) and the spectral gap 1 − ρ.
 * A {@link peerlearn.graph.Topology} gives W^(k) for every round k: fixed, or time-varying.
 *
 * <p>Specs ({@link peerlearn.graph.TopologySpec}), case-insensitive, N = number of agents:
 * <pre>
 *   ring                 cycle on N agents
 *   chain                path 0–1–…–(N−1)
 *   torus[:RxC]          2-D torus, R·C = N (no sides: a square torus, N must be a square)
 *   complete             all pairs
 *   star                 agent 0 joined to all others
 *   er:P                 Erdős–Rényi G(N, P), seeded, redrawn until connected (≤ 1000 draws)
 *   kregular:K           random K-regular graph (pairing model), seeded, connected
 *   exponential          i joined to i ± 2^m mod N for all 2^m &lt; N
 *   bipartite[:AxB]      complete bipartite K_{A,B} (default A = ⌊N/2⌋)
 *   file:PATH            edge list, one "i j" per line, # comments
 *   onepeer-exp          time-varying: round k pairs i with i XOR 2^(k mod ⌈log₂N⌉)
 *   kregular-each-round:K  time-varying: a fresh seeded random K-regular graph every round
 *   matrix:PATH          explicit W, N rows of N numbers, validated
 * </pre>
 * Mixing specs: {@code metropolis} (w_ij = 1/(1 + max(n_i, n_j))), {@code uniform}
 * (1/(n_i + 1); doubly stochastic only on regular graphs), {@code lazy} ((I + W)/2 of
 * Metropolis), {@code relaxed:γ} ((1−γ)I + γW of Metropolis). Theory: theory/foundations.md.
 */
package peerlearn.graph;

/**
 * JMH benchmarks of the kernels (SGEMM, a convolution layer built from im2col and GEMM, axpy and
 * dot), run by {@code tools/bench}, which prints GFLOP/s and GB/s after JMH's own table. These are
 * measurements, never tests: nothing here runs under {@code mvn test}.
 */
package peerlearn.bench;

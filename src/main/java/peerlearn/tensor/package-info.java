/**
 * Float32 tensors: row-major blocks of a {@code float[]} with a shape, views that share storage
 * (reshape, slices of a flat parameter vector), and the named-segment layout of a model's flat
 * parameter vector. The arithmetic lives in {@code peerlearn.tensor.kernel}.
 */
package peerlearn.tensor;

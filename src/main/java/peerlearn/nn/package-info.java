/**
 * Neural-network modules, the model zoo, and the flat parameter view. A {@link peerlearn.nn.Model}
 * is a tree of {@link peerlearn.nn.Module}s plus a {@link peerlearn.tensor.ParameterLayout}: all
 * parameters live in one {@code float[]} with a named segment per tensor and groups "body",
 * "head" and "last"; a forward pass binds any such vector (and a gradient vector) as views, so
 * nothing is copied and one model serves every agent's parameters. Batch-norm running statistics
 * live in a separate state vector. See theory/models.md.
 */
package peerlearn.nn;

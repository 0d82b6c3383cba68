/**
 * Define-by-run reverse-mode differentiation: {@link peerlearn.autograd.Var} and one small file
 * per primitive, forward and backward side by side. See theory/autograd.md.
 */
package peerlearn.autograd;

/** Shared test kit: tolerances and QuickTheories generators (graphs, shapes, vectors). */
package peerlearn.testkit;

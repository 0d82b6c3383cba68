/**
 * The command line behind {@code tools/peerlearn}: {@code demo} (the main job), {@code run},
 * {@code compare}, {@code bench-agents}, {@code train} and {@code inspect}. Every command has
 * {@code --help}; unknown flags and bad values exit with code 2 and a message naming them, a
 * failed run (e.g. divergence) with code 1. The only package that reads the outside world.
 */
package peerlearn.cli;

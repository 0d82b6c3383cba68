/**
 * Experiments: an {@link peerlearn.experiment.ExperimentConfig} (data set + partition + model +
 * topology/mixing + algorithm and its {@code algo.*} values + length + batch + schedule +
 * evaluation cadence + seed + faults, from flags or a {@code .properties} file, checked up front),
 * the {@link peerlearn.experiment.Runner} that runs one agent program per virtual thread on the
 * net package's runtime and gathers per-agent metrics at each evaluation point (own test split,
 * global test set, averaged model x̄, consensus distance, bytes, wall time), and the run folder's
 * files ({@code metrics.csv}, {@code summary.json}, {@code config.properties}, {@code report.html}).
 * Same seed, same bits: every number but wall time is reproducible. With {@code checkpoint_every}
 * the run folder also holds a {@link peerlearn.experiment.Checkpoint} ({@code checkpoint.bin}),
 * from which {@link peerlearn.experiment.Runner#resume} continues a stopped run to the same files.
 * Theory: theory/reliability.md.
 */
package peerlearn.experiment;

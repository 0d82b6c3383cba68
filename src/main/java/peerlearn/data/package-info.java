/**
 * Data sets, transforms, non-IID partitions and minibatch sampling. A {@link peerlearn.data.Dataset}
 * is loaded once (IDX files of MNIST/Fashion-MNIST through {@link peerlearn.data.Idx} and
 * {@link peerlearn.data.FashionMnist}, CIFAR binaries, synthetic tasks) and shared read-only; a
 * {@link peerlearn.data.Partition} gives each agent index lists into the shared training and test
 * sets, the test lists following each agent's own training label distribution so personalized
 * accuracy is measurable; a {@link peerlearn.data.BatchSampler} turns an agent's list into
 * shuffled minibatches ξ_i. Files that are not what they claim fail with a
 * {@link peerlearn.data.DataFileException} naming the file and the defect.
 *
 * <h2>Partition specs</h2>
 * The runner and the CLI take partitions as text, parsed by {@link peerlearn.data.PartitionSpec#parse}:
 * a scheme, then {@code :}-separated options.
 * <table>
 * <caption>Schemes</caption>
 * <tr><th>spec</th><th>meaning</th></tr>
 * <tr><td>{@code iid}</td><td>equal shares of a random permutation</td></tr>
 * <tr><td>{@code dirichlet:α}</td><td>label skew, class c split over agents by Dir(α) proportions
 *     (natural sizes, redrawn until every agent has {@code min} samples, default 10);
 *     {@code dirichlet:α:balanced}: every agent n/N samples with its own Dir(α) class mix</td></tr>
 * <tr><td>{@code skew}</td><td>label-sorted contiguous chunks (Hsieh et al. 2020): 10 classes over
 *     5 agents ⇒ 2 classes each, over 10 agents ⇒ 1 each</td></tr>
 * <tr><td>{@code shards:k}</td><td>label-sorted data cut into N·k shards, k random shards per
 *     agent (McMahan et al. 2017)</td></tr>
 * <tr><td>{@code classes:c}</td><td>c random distinct classes per agent (GATTA)</td></tr>
 * <tr><td>{@code labelgroups:0,1,8,9/2,3,4,5,6,7@0.4,0.6}</td><td>disjoint label groups for
 *     the given proportions of agents (DAC label shift); cluster = group</td></tr>
 * <tr><td>{@code rotation:0,180,10,350@0.7,0.2,0.05,0.05}</td><td>clusters of agents seeing
 *     the images rotated counter-clockwise by the given degrees (DAC covariate shift), labels
 *     IID; each rotated cluster shares one rotated copy of just the samples its agents hold (its
 *     agents' lists index that copy); option {@code nearest} or {@code bilinear} (default)</td></tr>
 * <tr><td>{@code labelswap:0.5,0.5}</td><td>concept shift: clusters with the given proportions,
 *     cluster k ≥ 1 sees all labels permuted by its own random π_k; data IID</td></tr>
 * <tr><td>{@code quantity:β}</td><td>sizes ∝ Dir(β) over agents, labels IID; option {@code min}</td></tr>
 * </table>
 * Options for every scheme: {@code n=400} exactly 400 training samples per agent (a random subset
 * of what the scheme deals; DAC uses 100 clients × 400), {@code test=100} at most 100 test samples
 * per agent, {@code val=100} 100 of each agent's training samples held out for validation
 * ({@link peerlearn.data.Partitioner#holdOut}; with {@code n=500:val=100} an agent trains on 400
 * and validates on 100; read by the runner's {@code select} key). Examples:
 * {@code dirichlet:0.1:min=20}, {@code iid:n=400:test=100},
 * {@code rotation:0,180@0.5,0.5:nearest}. Clusters are runs of consecutive agent ids; every
 * cluster gets at least one agent. An agent left with no training or no test samples is an
 * error that says which agent and what to change.
 *
 * <h2>The papers' settings</h2>
 * <ul>
 * <li>NGC (Hsieh et al.'s skew): {@code skew} over 5 agents (2 classes each) or 10 (1 each).</li>
 * <li>GATTA: {@code classes:3}.</li>
 * <li>DePRL: {@code dirichlet:0.1} over 128 agents.</li>
 * <li>DAC covariate shift: {@code rotation:0,180,10,350@0.7,0.2,0.05,0.05:n=500:val=100} over 100
 *     agents (400 train + 100 validation each). DAC label shift on Fashion-MNIST, two disjoint
 *     groups, e.g. upper-body garments and the rest:
 *     {@code labelgroups:0,2,3,4,6/1,5,7,8,9@0.4,0.6:n=500:val=100}.</li>
 * </ul>
 */
package peerlearn.data;

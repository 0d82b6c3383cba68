/**
 * The network between agents: messages as bytes, an in-memory transport, compressors with error
 * feedback, deterministic faults, and the runtime that drives one virtual thread per agent.
 *
 * <p><b>Wire format</b> (version 1, all integers and floats little-endian). A message is a
 * {@link peerlearn.net.Frame}: a 20-byte header — magic {@code "PLNW"}, version u8, kind u8
 * (0 data, 1 pull request, 2 pull reply), type u16, round i32, sender i32, payload length i32 —
 * followed by the payload. Vector payloads ({@link peerlearn.net.Codec}) start with an encoding
 * tag u8 and the dimension i32: DENSE (d × f32), SIGN (segment lengths and scales, then 1 bit per
 * element), TOP_K (indices and values), RANDOM_K (a 64-bit seed and values), QSGD (norm, then a
 * sign bit and ⌈log₂(s+1)⌉ level bits per element). Decoders check every count against the bytes
 * present and the receiver's expected dimension before allocating, and reject malformed bytes with
 * a {@link peerlearn.net.MalformedMessageException} naming the field.
 *
 * <p><b>For algorithm writers.</b> An agent gets its {@link peerlearn.net.Endpoint} from
 * {@link peerlearn.net.InMemoryNetwork#endpoint(int)} and implements
 * {@link peerlearn.net.AgentRuntime.Agent}: in {@code round(k)} it sends to its peers with
 * {@code send(j, type, k, bytes)} and waits for exactly the messages it needs with
 * {@code receive(j, type, k)}, which returns {@code null} for a dropped message or a crashed
 * sender — the algorithm then applies its documented fallback. On a hot path,
 * {@code sendEach(peers, type, k, bytes)} encodes one frame for all its receivers and
 * {@code receiveView} hands back a read-only view of the payload inside the received frame, which
 * {@link peerlearn.net.Codec#decodeInto(java.nio.ByteBuffer, float[])} decodes without a copy
 * (good until the receiver's round ends); {@code sendEach(peers, type, k, Codec.densePayload(x))}
 * encodes x straight into the frame, which the in-memory transport writes again once its
 * receivers are done with it, so gossip allocates and copies nothing per message.
 * {@link peerlearn.net.GossipAgent} is a complete example. {@link peerlearn.net.AgentRuntime#run} runs the agents and calls an
 * observer with per-agent snapshots at chosen rounds, and, with {@link peerlearn.net.AgentRuntime.Options},
 * takes checkpoints between rounds ({@link peerlearn.net.InMemoryNetwork} saves its pending
 * messages and counters then). Theory: theory/foundations.md, theory/reliability.md.
 */
package peerlearn.net;

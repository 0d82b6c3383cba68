package peerlearn.algo;

import java.util.SortedMap;
import peerlearn.net.Codec;
import peerlearn.net.Compressors;
import peerlearn.net.ErrorFeedback;
import peerlearn.tensor.Segment;

/**
 * CompNGC's compression (Aketi, Kodge and Roy, "Neighborhood Gradient Clustering", arXiv
 * 2209.14390, CompNGC): every cross-gradient an agent computes and its self-gradient pass through
 * the scaled sign C(v) = (‖v‖₁ / dim v) · sign(v), taken per parameter tensor, with error feedback.
 * Agent i keeps one memory e_{i→j} per receiver j and one e_ii for its self-gradient:
 * <pre>
 *   send C(e + v);   e ← e + v − C(e + v)
 * </pre>
 * so nothing is lost, only delayed (Σ_t C(e_t + v_t) = Σ_t v_t − e_T). The signs travel bit-packed
 * in {@link Codec}'s SIGN encoding: d/8 bytes plus 8 bytes per tensor instead of 4d. Compressed
 * CGA uses the same compressor. Theory: theory/ngc.md#compngc.
 *
 * <p>One instance belongs to one agent; the registry builds NGC and CGA with it
 * ({@code compngc}, {@code compcga}).
 */
final class CompNgc implements peerlearn.state.Stateful {
    private final SortedMap<Integer, ErrorFeedback> toPeer;
    private final ErrorFeedback self;

    CompNgc(AgentContext ctx) {
        int d = ctx.objective().dimension();
        int[] tensors = ctx.objective().layout().parameters().stream().mapToInt(Segment::length).toArray();
        this.toPeer = ErrorFeedback.perPeer(ctx.net().peers(), j -> Compressors.scaledSign(tensors), d);
        this.self = new ErrorFeedback(Compressors.scaledSign(tensors), d);
    }

    /**
     * c_{j←i} ← C(e_{i→j} + c_{j←i}) in place (what j will decode), e_{i→j} updated; returns the
     * bit-packed payload for j.
     */
    /** Every error-feedback memory e_{j←i}, then the self-term's. */
    @Override
    public void state(peerlearn.state.State s) {
        toPeer.forEach((j, e) -> s.part("to_" + j, e));
        s.part("self", self);
    }

    byte[] forPeer(int j, float[] c) {
        ErrorFeedback e = toPeer.get(j);
        if (e == null) {
            throw new IllegalArgumentException("agent has no error-feedback memory for peer " + j + "; peers are "
                    + toPeer.keySet());
        }
        byte[] payload = e.compress(c);
        Codec.decodeInto(payload, c);
        return payload;
    }

    /** g_ii ← C(e_ii + g_ii) in place, e_ii updated (the self-gradient is compressed too). */
    void forSelf(float[] g) {
        Codec.decodeInto(self.compress(g), g);
    }

    /** e_{i→j}, what compression has so far held back from j (a copy). */
    float[] memory(int j) {
        return toPeer.get(j).memory();
    }

    /** e_ii, the self-gradient's memory (a copy). */
    float[] selfMemory() {
        return self.memory();
    }
}

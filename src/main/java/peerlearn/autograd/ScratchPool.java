package peerlearn.autograd;

import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Working buffers lent out for one forward and backward pass at a time.
 *
 * <p>A step's temporaries (im2col columns, activations, intermediate gradients, GEMM packing) are
 * several megabytes, and an agent needs them only while it computes. Sixteen agents on two cores
 * each keeping their own would cycle sixteen sets through the caches; borrowing from a pool for
 * the length of one pass means about one set per core is ever in use, and the set an agent gets
 * is the one the previous agent on that core just returned, still in cache. The pool hands out
 * the most recently returned scratch first for that reason.
 *
 * <p>Nothing passes between borrowers: a scratch's contents are unspecified, and every op that
 * takes a buffer overwrites each element before it reads it (checked by
 * {@code ScratchTest} and by the poisoning pool below). The lender is a resource of the machine,
 * like its caches, not state the agents share; a checkpoint holds none of it.
 *
 * <p>A borrower must give the scratch back before it can block (a pass never waits for a
 * message), and must not keep any tensor of it past the return.
 */
public final class ScratchPool {
    /** The pool every neural objective borrows from unless given another. */
    public static final ScratchPool SHARED = new ScratchPool(false);

    private final ConcurrentLinkedDeque<Scratch> free = new ConcurrentLinkedDeque<>();
    private final boolean poison;

    private ScratchPool(boolean poison) {
        this.poison = poison;
    }

    /** A new, empty pool. */
    public static ScratchPool create() {
        return new ScratchPool(false);
    }

    /**
     * A pool that fills every returned buffer with NaN, for tests: a result that still equals the
     * one computed on fresh arrays read nothing a previous borrower left behind.
     */
    public static ScratchPool poisoning() {
        return new ScratchPool(true);
    }

    /** A scratch for one pass, reset; the most recently returned one when there is one. */
    public Scratch borrow() {
        Scratch s = free.pollFirst();
        return s != null ? s : new Scratch();
    }

    /** Returns {@code s}; its buffers may be lent to anyone from now on. */
    public void giveBack(Scratch s) {
        s.reset();
        if (poison) {
            s.poison();
        }
        free.addFirst(s);
    }

    /** Scratches currently idle in the pool (for tests and memory reports). */
    public int idle() {
        return free.size();
    }
}

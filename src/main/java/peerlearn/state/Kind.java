package peerlearn.state;

/** The kind byte in front of every saved entry, and its element size in bytes. */
enum Kind {
    FLOATS(4), DOUBLES(8), INTS(4), LONGS(8), FLAGS(1), BYTES(1), NUMBER(8), INTEGER(8), TEXT(1), BEGIN(0), END(0);

    final int elementBytes;

    Kind(int elementBytes) {
        this.elementBytes = elementBytes;
    }

    static Kind of(int tag) {
        Kind[] all = values();
        return tag >= 0 && tag < all.length ? all[tag] : null;
    }
}

package peerlearn.data;

import java.util.Arrays;

/** A growable list of ints (no boxing), for dealing sample ids. */
final class IntList {
    private int[] a = new int[16];
    private int size;

    static IntList[] array(int n) {
        IntList[] lists = new IntList[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new IntList();
        }
        return lists;
    }

    static int[][] toArrays(IntList[] lists) {
        int[][] out = new int[lists.length][];
        for (int i = 0; i < lists.length; i++) {
            out[i] = lists[i].toArray();
        }
        return out;
    }

    static int minSize(IntList[] lists) {
        int min = Integer.MAX_VALUE;
        for (IntList l : lists) {
            min = Math.min(min, l.size);
        }
        return min;
    }

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, 2 * a.length);
        }
        a[size++] = v;
    }

    void addAll(int[] values) {
        for (int v : values) {
            add(v);
        }
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}

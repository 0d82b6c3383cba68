package peerlearn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void zerosLikeHasTheShapeAndFreshStorage() {
        Tensor t = Tensor.view(new float[] {9, 1, 2, 3, 4, 5, 6}, 1, 2, 3);
        Tensor z = Tensor.zerosLike(t);
        assertArrayEquals(new int[] {2, 3}, z.shape());
        assertArrayEquals(new float[6], z.toArray());
        assertEquals(0, z.offset());
        assertNotSame(t.data(), z.data());
    }

    @Test
    void reshapeSharesDataAndInfersOneDimension() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = t.reshape(3, -1);
        assertArrayEquals(new int[] {3, 2}, r.shape());
        r.set(42f, 2, 1);
        assertEquals(42f, t.get(1, 2));
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Tensor t = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> t.requireSameShape(Tensor.zeros(3, 2), "add"));
        assertEquals("add: shapes differ: [2, 3] vs [3, 2]", e.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> t.reshape(4, 2));
        assertEquals("cannot reshape [2, 3] (size 6) to [4, 2] (size 8)", r.getMessage());
    }
}

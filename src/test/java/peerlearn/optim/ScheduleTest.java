package peerlearn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final double TOL = 1e-12;

    private static void assertRates(Schedule s, double... expected) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.rate(t), TOL, "t = " + t);
        }
    }

    @Test
    void stepDecaysEveryStepSize() {
        assertRates(Schedule.step(0.1, 2, 0.5), 0.1, 0.1, 0.05, 0.05, 0.025);
    }

    @Test
    void multiStepDecaysAtMilestones() {
        assertRates(Schedule.multiStep(1, new int[] {2, 4}, 0.1), 1, 1, 0.1, 0.1, 0.01, 0.01);
    }

    @Test
    void exponentialDecaysEveryStep() {
        assertRates(Schedule.exponential(1, 0.5), 1, 0.5, 0.25, 0.125);
    }

    @Test
    void cosineFallsFromBaseToMinimumThenStays() {
        double quarter = 0.5 * (1 + Math.cos(Math.PI / 4));
        assertRates(Schedule.cosine(1, 4, 0), 1, quarter, 0.5, 1 - quarter, 0, 0);
        assertEquals(0.1, Schedule.cosine(1, 4, 0.1).rate(4), TOL);
    }

    @Test
    void ngcScheduleDecaysAtHalfAndThreeQuarters() {
        Schedule s = Schedule.ngc(0.01, 100);
        assertEquals(0.01, s.rate(49), TOL);
        assertEquals(0.001, s.rate(50), 1e-15);
        assertEquals(0.0001, s.rate(75), 1e-15);
    }

    @Test
    void parsesEverySpecification() {
        assertEquals(0.025, Schedule.parse("step:2:0.5", 0.1, 10).rate(4), TOL);
        assertEquals(0.01, Schedule.parse("multistep:2,4:0.1", 1, 10).rate(4), TOL);
        assertEquals(0.125, Schedule.parse("exp:0.5", 1, 10).rate(3), TOL);
        assertEquals(0.5, Schedule.parse("cosine", 1, 4).rate(2), TOL);
        assertEquals(0.5, Schedule.parse("cosine:8", 1, 4).rate(4), TOL);
        assertEquals(0.3, Schedule.parse("constant", 0.3, 4).rate(99), TOL);
    }

    @Test
    void badSpecificationsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("step:x:0.1", 0.1, 10));
        assertTrue(e.getMessage().contains("'step:x:0.1'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("warmup", 0.1, 10));
        assertTrue(e.getMessage().contains("unknown schedule 'warmup'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("multistep:4,2:0.1", 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> Schedule.constant(0));
        assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(1, 0.5).rate(-1));
    }
}

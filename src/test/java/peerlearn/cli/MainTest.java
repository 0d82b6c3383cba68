package peerlearn.cli;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void runsOnJava25() {
        assertTrue(Runtime.version().feature() >= 25, "tests must run on a JDK 25, got " + Runtime.version());
    }
}

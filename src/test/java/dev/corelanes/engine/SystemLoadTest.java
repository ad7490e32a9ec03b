package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Other programs' load: the machine's minus this JVM's and the run's own child processes'. */
class SystemLoadTest {

    private static final long S = 1_000_000_000L;

    @Test
    void theRunsChildProcessesAreNotOtherPrograms() {
        // 2 CPUs fully busy for 1 s: a Python interpreter's two processes computed 2 s of it, this JVM nothing.
        assertEquals(0.0, SystemLoad.others(1.0, 0, 2 * S, S, 2), 1e-9);
        // Before, the children counted as other programs: the whole machine.
        assertEquals(1.0, SystemLoad.others(1.0, 0, 0, S, 2), 1e-9);
        // Threads in this JVM: its own CPU time is the run's; half the machine was someone else's.
        assertEquals(0.5, SystemLoad.others(1.0, S, 0, S, 2), 1e-9);
    }

    @Test
    void neverBelowZeroOrAboveOneAndUnknownWhenTheOsDoesNotSay() {
        assertEquals(0.0, SystemLoad.others(0.2, S, S, S, 2), 1e-9);
        assertEquals(1.0, SystemLoad.others(1.0, 0, -1, S, 1), 1e-9);
        assertTrue(Double.isNaN(SystemLoad.others(-1, 0, 0, S, 2)));
        assertTrue(Double.isNaN(SystemLoad.others(0.5, 0, 0, 0, 2)));
    }
}

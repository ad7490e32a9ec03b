package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one line a run fails with when the system refuses threads or processes (ulimit -u, memory). */
class ResourceLimitsTest {

    @Test
    void refusalsAreToldApartFromOtherFailures() {
        assertEquals("the system refused a new thread", ResourceLimits.refusal(new OutOfMemoryError(
                "unable to create native thread: possibly out of memory or process/resource limits reached")));
        assertEquals("the system refused a new process (resource temporarily unavailable)", ResourceLimits.refusal(
                new IOException("Cannot run program \"java\": error=11, Resource temporarily unavailable")));
        assertEquals("the system refused a new process (not enough memory)", ResourceLimits.refusal(
                new IOException("Cannot run program \"java\": error=12, Cannot allocate memory")));
        assertNull(ResourceLimits.refusal(new IOException("Cannot run program \"java\": error=2, No such file or directory")));
        assertNull(ResourceLimits.refusal(new IllegalStateException("something else")));
    }

    @Test
    void theLineSaysHowManyStartedAndWhyTheRestDidNot() {
        String line = ResourceLimits.refused(37, 256, "threads", new OutOfMemoryError("unable to create native thread"));
        assertTrue(line.startsWith("started 37 of 256 threads; the system refused the other 219: the system refused a new thread ("),
                line);
        assertFalse(line.contains("\n"), line);
        assertTrue(line.endsWith(")"), line);
    }
}

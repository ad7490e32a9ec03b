package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The macOS probe's choices, without a Mac: what a missing call and a failing call become. */
class MacCoreProbeTest {

    @Test
    void beforeMacOs11TheCoreIsUnknownWithTheReason() {
        CoreProbe p = CoreProbes.mac(() -> {
            throw new UnsatisfiedLinkError("Error looking up function 'pthread_cpu_number_np'");
        }, "10.15.7");
        assertFalse(p.available());
        assertEquals(Span.NO_CORE, p.currentCore());
        assertEquals("core unknown: pthread_cpu_number_np() is missing (it needs macOS 11 or later; this is macOS "
                + "10.15.7)", p.description());
    }

    @Test
    void aCallThatFailsIsUnknownNotCpuZero() {
        CoreProbe failing = CoreProbes.unknown("pthread_cpu_number_np()");
        CoreProbe p = CoreProbes.mac(() -> failing, "14.5");
        assertFalse(p.available());
        assertTrue(p.description().contains("returned -1"), p.description());
    }

    @Test
    void aWorkingCallIsUsedAsIs() {
        CoreProbe cpu3 = new CoreProbe() {
            @Override
            public int currentCore() {
                return 3;
            }

            @Override
            public boolean available() {
                return true;
            }

            @Override
            public String description() {
                return "pthread_cpu_number_np()";
            }
        };
        assertEquals(cpu3, CoreProbes.mac(() -> cpu3, "14.5"));
    }
}

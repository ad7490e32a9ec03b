package dev.corelanes.engine.platform.mac;

import dev.corelanes.engine.platform.CoreProbe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The macOS probe's choices, without a Mac: what a missing call and a failing call become. */
class MacCoreProbeTest {

    @Test
    void beforeMacOs11TheCoreIsUnknownWithTheReason() {
        CoreProbe p = MacCoreProbes.load(() -> {
            throw new UnsatisfiedLinkError("Error looking up function 'pthread_cpu_number_np'");
        }, "10.15.7");
        assertFalse(p.available());
        assertEquals(CoreProbe.NO_CORE, p.currentCore());
        assertEquals("core unknown: pthread_cpu_number_np() is missing (it needs macOS 11 or later; this is macOS "
                + "10.15.7)", p.description());
    }

    @Test
    void aCallThatFailsIsUnknownNotCpuZero() {
        CoreProbe failing = CoreProbe.unknown("pthread_cpu_number_np()");
        CoreProbe p = MacCoreProbes.load(() -> failing, "14.5");
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
        assertEquals(cpu3, MacCoreProbes.load(() -> cpu3, "14.5"));
    }
}

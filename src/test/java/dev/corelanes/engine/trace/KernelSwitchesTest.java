package dev.corelanes.engine.trace;

import dev.corelanes.engine.trace.linux.PerfSwitches;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which source places the lanes, and the line that says it. */
class KernelSwitchesTest {

    @Test
    void aRefusalIsKeptAndSaidBesideTheSamplersPeriod() throws Exception {
        try (AutoCloseable refused = KernelSwitches.use((tid, log) -> {
            throw new PerfSwitches.Refused("the kernel does not let this user record context switches");
        })) {
            KernelSwitches k = KernelSwitches.open(4242, 0);
            assertFalse(k.active());
            assertNull(k.log());
            assertEquals("sampled /proc every 16 ms (the kernel does not let this user record context switches)",
                    k.placedBy(15_600_000L));
            k.close(); // nothing to close: no error
        }
    }

    @Test
    void turnedOffByItsPropertyTheRecordsAreNotEvenOpened() throws Exception {
        String before = System.getProperty(KernelSwitches.PROPERTY);
        System.setProperty(KernelSwitches.PROPERTY, "false");
        try (AutoCloseable never = KernelSwitches.use((tid, log) -> {
            throw new AssertionError("opened although turned off");
        })) {
            KernelSwitches k = KernelSwitches.open(4242, 0);
            assertFalse(k.active());
            assertEquals("sampled /proc every 20 ms (kernel switch records turned off with "
                    + "-Dcorelanes.trace.kernelSwitches=false)", k.placedBy(20_000_000L));
        } finally {
            if (before == null) {
                System.clearProperty(KernelSwitches.PROPERTY);
            } else {
                System.setProperty(KernelSwitches.PROPERTY, before);
            }
        }
    }

    @Test
    void recordsTheKernelDroppedAreCountedInTheLine() throws Exception {
        KernelSwitches.Feed feed = new KernelSwitches.Feed() {
            @Override
            public long caughtUpNanos() {
                return 0;
            }

            @Override
            public long cpuNanos() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        try (AutoCloseable fake = KernelSwitches.use((tid, log) -> {
            log.lost(7, 100);
            return feed;
        })) {
            KernelSwitches k = KernelSwitches.open(4242, 0);
            assertEquals("kernel switch records (7 records lost: the kernel's buffer was full, those stretches are as "
                    + "last known)", k.placedBy(20_000_000L));
        }
    }
}

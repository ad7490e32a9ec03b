package dev.corelanes.engine.platform.other;

import dev.corelanes.engine.platform.MemoryReader;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.linux.LinuxMemory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reader for an OS without a reader of its own, checked where OSHI and Linux's /proc can be compared. */
class OshiMemoryTest {

    @Test
    void oshiAndProcAgreeOnThisProcessResidentSet() {
        assumeTrue(Os.current().isLinux(), "compares OSHI with Linux's /proc");
        MemoryReader oshi = new OshiMemory();
        long pid = ProcessHandle.current().pid();
        long viaOshi = oshi.resident(pid);
        long viaProc = new LinuxMemory().resident(pid);
        assertTrue(viaOshi > 1 << 20, "OSHI's resident " + viaOshi);
        // Two readings a moment apart of a JVM that allocates meanwhile: the same figure, within a factor of 2.
        assertTrue(viaOshi > viaProc / 2 && viaOshi < viaProc * 2, "OSHI " + viaOshi + " vs /proc " + viaProc);
    }

    @Test
    void oshiHasNoPeakAndNoSuchProcessIsNotMeasured() {
        MemoryReader oshi = new OshiMemory();
        assertEquals(-1, oshi.peakOfSelf());
        assertEquals(-1, oshi.resident(Long.MAX_VALUE));
    }
}

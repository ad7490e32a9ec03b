package dev.corelanes.engine.platform.mac;

import dev.corelanes.engine.platform.MemoryReader;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.host.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The macOS memory reader on any OS, through a fake libSystem that fills the structs byte by byte at the offsets of
 * Apple's sys/resource.h (64-bit): rusage_info_v2 — uint8_t ri_uuid[16], then uint64_t fields from 16: user time 16,
 * system time 24, pkg idle wakeups 32, interrupt wakeups 40, pageins 48, wired size 56, ri_resident_size 64,
 * ri_phys_footprint 72, … 160 bytes in all; struct rusage — two struct timeval (16 bytes each), then long ru_maxrss
 * at 32 (bytes on macOS).
 */
class MacMemoryTest {

    private static final long RESIDENT = 52_428_800L;
    private static final long FOOTPRINT = 31_457_280L;
    private static final long MAXRSS = 73_400_320L;

    private static final class FakeLibSystem implements MacMemory.Calls {
        final List<String> calls = new ArrayList<>();

        @Override
        public int procPidRusage(int pid, int flavor, long[] buffer) {
            calls.add("rusage " + pid + " flavor " + flavor + " " + buffer.length * 8 + " bytes");
            if (pid == 1) {
                return -1; // EPERM: another user's process
            }
            ByteBuffer b = ByteBuffer.allocate(160).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 16; i++) {
                b.put(i, (byte) 0x5a); // ri_uuid
            }
            b.putLong(16, 1_000_000L);  // ri_user_time
            b.putLong(56, 4096L);       // ri_wired_size
            b.putLong(64, RESIDENT);    // ri_resident_size
            b.putLong(72, FOOTPRINT);   // ri_phys_footprint
            b.putLong(80, 123L);        // ri_proc_start_abstime
            b.asLongBuffer().get(buffer, 0, 20);
            return 0;
        }

        @Override
        public int getrusageSelf(long[] buffer) {
            calls.add("getrusage " + buffer.length * 8 + " bytes");
            ByteBuffer b = ByteBuffer.allocate(144).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(0, 2);      // ru_utime.tv_sec
            b.putInt(8, 500);     // ru_utime.tv_usec (then 4 bytes of padding)
            b.putLong(16, 1);     // ru_stime.tv_sec
            b.putLong(32, MAXRSS); // ru_maxrss
            b.putLong(40, 99);    // ru_ixrss
            b.asLongBuffer().get(buffer, 0, 18);
            return 0;
        }
    }

    @Test
    void residentAndFootprintComeFromRusageInfoV2() {
        FakeLibSystem lib = new FakeLibSystem();
        MemoryReader m = new MacMemory(lib);
        assertEquals(RESIDENT, m.resident(777));
        assertEquals(FOOTPRINT, m.unique(777));
        assertEquals("rusage 777 flavor 2 160 bytes", lib.calls.get(0), "RUSAGE_INFO_V2 into a buffer that holds it");
    }

    @Test
    void thePeakIsRuMaxrssInBytes() {
        FakeLibSystem lib = new FakeLibSystem();
        assertEquals(MAXRSS, new MacMemory(lib).peakOfSelf());
        assertEquals(List.of("getrusage 144 bytes"), lib.calls);
    }

    @Test
    void aProcessTheCallRefusesIsNotMeasured() {
        MemoryReader m = new MacMemory(new FakeLibSystem());
        assertEquals(-1, m.resident(1));
        assertEquals(-1, m.unique(1));
    }

    @Test
    void macIsWhatHostPicksForMac() {
        assertInstanceOf(MacMemory.class, Host.memory(Os.MAC));
    }

    @Test
    @DisabledOnOs(OS.MAC)
    void withoutLibSystemTheRealReaderMeasuresNothingRatherThanFailing() {
        MemoryReader m = Host.memory(Os.MAC);
        assertEquals(-1, m.resident(ProcessHandle.current().pid()));
        assertEquals(-1, m.peakOfSelf());
    }

    @Test
    void onAMacTheRealCallsMeasureThisProcess() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Os.current().isMac(), "needs macOS");
        MemoryReader m = Host.memory();
        long resident = m.residentOfSelf();
        assertTrue(resident > 1 << 20, "resident " + resident);
        assertTrue(m.peakOfSelf() >= resident / 2, "peak " + m.peakOfSelf());
    }
}

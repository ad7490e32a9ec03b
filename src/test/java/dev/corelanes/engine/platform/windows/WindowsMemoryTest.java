package dev.corelanes.engine.platform.windows;

import dev.corelanes.engine.platform.MemoryReader;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Windows memory reader on any OS, through a fake kernel32 that fills PROCESS_MEMORY_COUNTERS(_EX2) byte by byte
 * at the offsets of Microsoft's documentation (psapi.h, 64-bit: DWORD cb at 0, DWORD PageFaultCount at 4, then
 * SIZE_T fields from 8: PeakWorkingSetSize 8, WorkingSetSize 16, …, PrivateUsage 72, PrivateWorkingSetSize 80,
 * ULONG64 SharedCommitUsage 88; 96 bytes in all) — so the reader's own word indexes are checked against the layout.
 */
class WindowsMemoryTest {

    private static final long PEAK = 81_920_000L;
    private static final long WORKING_SET = 61_440_000L;
    private static final long PRIVATE_USAGE = 200_000_000L; // commit charge: never to be taken for memory in RAM
    private static final long PRIVATE_WORKING_SET = 40_960_000L;

    /** A Windows whose GetProcessMemoryInfo knows structs up to {@code largest} bytes. */
    private static final class FakeKernel32 implements WindowsMemory.Calls {
        final int largest;
        final List<String> calls = new ArrayList<>();
        int open;

        FakeKernel32(int largest) {
            this.largest = largest;
        }

        @Override
        public long open(long pid) {
            calls.add("open " + pid);
            if (pid == 4) {
                return 0; // a process not ours to query
            }
            open++;
            return 0x1234;
        }

        @Override
        public boolean memoryInfo(long process, long[] counters, int bytes) {
            calls.add("info " + bytes);
            if (process != 0x1234 || bytes > largest || bytes < 72 || counters.length * 8 < bytes) {
                return false; // ERROR_INSUFFICIENT_BUFFER / bad length, as the kernel refuses a size it does not know
            }
            ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0, bytes);          // cb
            b.putInt(4, 12345);          // PageFaultCount
            b.putLong(8, PEAK);          // PeakWorkingSetSize
            b.putLong(16, WORKING_SET);  // WorkingSetSize
            for (int off = 24; off <= 64; off += 8) {
                b.putLong(off, 7);       // quota and pagefile figures
            }
            if (bytes >= 80) {
                b.putLong(72, PRIVATE_USAGE);
            }
            if (bytes >= 96) {
                b.putLong(80, PRIVATE_WORKING_SET);
                b.putLong(88, 3_000_000L); // SharedCommitUsage
            }
            b.asLongBuffer().get(counters, 0, bytes / 8);
            return true;
        }

        @Override
        public void close(long process) {
            calls.add("close");
            open--;
        }
    }

    @Test
    void aCurrentWindowsGivesResidentUniqueAndPeak() {
        FakeKernel32 k = new FakeKernel32(96);
        MemoryReader w = new WindowsMemory(k);
        assertEquals(WORKING_SET, w.resident(42));
        assertEquals(PRIVATE_WORKING_SET, w.unique(42), "the private working set, not the commit charge");
        assertEquals(PEAK, w.peakOfSelf());
        assertEquals(List.of("open 42", "info 96", "close"), k.calls.subList(0, 3));
        assertEquals(0, k.open, "every handle is closed");
    }

    @Test
    void anOlderWindowsStillGivesResidentAndPeakButNoUnique() {
        FakeKernel32 k = new FakeKernel32(80); // knows _EX, not _EX2
        MemoryReader w = new WindowsMemory(k);
        assertEquals(WORKING_SET, w.resident(42));
        assertEquals(List.of("open 42", "info 96", "info 72", "close"), k.calls);
        assertEquals(-1, w.unique(42), "no private working set before the _EX2 struct: not measured");
        assertEquals(PEAK, w.peakOfSelf());
        assertEquals(0, k.open);
    }

    @Test
    void aProcessThatCannotBeOpenedIsNotMeasured() {
        MemoryReader w = new WindowsMemory(new FakeKernel32(96));
        assertEquals(-1, w.resident(4));
        assertEquals(-1, w.unique(4));
    }

    @Test
    void windowsIsWhatHostPicksForWindows() {
        assertInstanceOf(WindowsMemory.class, Host.memory(Os.WINDOWS));
    }

    @Test
    void withoutKernel32TheRealReaderMeasuresNothingRatherThanFailing() {
        assumeTrue(!Needs.windows(), "needs an OS without kernel32");
        MemoryReader w = Host.memory(Os.WINDOWS);
        assertEquals(-1, w.resident(ProcessHandle.current().pid()));
        assertEquals(-1, w.peakOfSelf());
    }
}

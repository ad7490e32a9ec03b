package dev.corelanes.engine.platform.windows;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.MemoryReader;

/**
 * Windows: a process's memory from {@code GetProcessMemoryInfo} (exported by kernel32 as
 * {@code K32GetProcessMemoryInfo} since Windows 7), which fills a {@code PROCESS_MEMORY_COUNTERS_EX2}:
 *
 * <pre>
 * offset  field (64-bit Windows: DWORD 4 bytes, SIZE_T and ULONG64 8)
 *   0     DWORD  cb                  the size the call wrote
 *   4     DWORD  PageFaultCount
 *   8     SIZE_T PeakWorkingSetSize  → peak
 *  16     SIZE_T WorkingSetSize      → resident
 *  24..64 SIZE_T quota and pagefile figures (six of them)
 *  72     SIZE_T PrivateUsage        (commit charge: not what is in RAM)
 *  80     SIZE_T PrivateWorkingSetSize → unique (_EX2 only)
 *  88     ULONG64 SharedCommitUsage  (_EX2 only)
 *  96     end of _EX2; _EX ends at 80, the plain struct at 72
 * </pre>
 *
 * The _EX2 form is known from Windows 10 22H2 / 11 22H2 with the September 2023 update; an older Windows refuses
 * its size, and the plain struct is asked for instead: resident and peak are still measured, unique is not. The
 * handle of another process needs {@code PROCESS_QUERY_LIMITED_INFORMATION} (Microsoft's documentation of the
 * call); our own children are ours to open.
 */
public final class WindowsMemory implements MemoryReader {

    /** The calls this reader makes: kernel32's for real, a fake in tests (the struct is a long[] either way). */
    public interface Calls {
        /** A handle to process {@code pid} that may query it, or 0 when it cannot be opened. */
        long open(long pid);

        /** GetProcessMemoryInfo into {@code counters} ({@code bytes} long); false when the call failed. */
        boolean memoryInfo(long process, long[] counters, int bytes);

        void close(long process);
    }

    static final int EX2_BYTES = 96;
    static final int PLAIN_BYTES = 72;
    static final int PEAK = 1;          // offset 8
    static final int WORKING_SET = 2;   // offset 16
    static final int PRIVATE_WORKING_SET = 10; // offset 80

    private final Calls calls;

    /** The reader of this Windows (kernel32, bound at the first reading). */
    public WindowsMemory() {
        this(new Kernel32());
    }

    public WindowsMemory(Calls calls) {
        this.calls = calls;
    }

    @Override
    public long resident(long pid) {
        long[] c = counters(pid);
        return c == null ? -1 : c[WORKING_SET];
    }

    @Override
    public long unique(long pid) {
        long[] c = counters(pid);
        return c == null || written(c) < EX2_BYTES ? -1 : c[PRIVATE_WORKING_SET];
    }

    @Override
    public long peakOfSelf() {
        long[] c = counters(ProcessHandle.current().pid());
        return c == null ? -1 : c[PEAK];
    }

    @Override
    public String source() {
        return "GetProcessMemoryInfo (working set, peak working set, private working set)";
    }

    /** The struct's {@code cb}: the low DWORD of the first 8 bytes (x64 and ARM64 Windows are little-endian). */
    static int written(long[] counters) {
        return (int) (counters[0] & 0xffff_ffffL);
    }

    /** The counters of {@code pid} (the _EX2 form when this Windows knows it), or null when they cannot be read. */
    long[] counters(long pid) {
        long h;
        try {
            h = calls.open(pid);
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
            return null;
        }
        if (h == 0) {
            return null;
        }
        try {
            for (int bytes : new int[]{EX2_BYTES, PLAIN_BYTES}) {
                long[] c = new long[bytes / 8];
                c[0] = bytes; // cb in, as the documentation's example does
                if (calls.memoryInfo(h, c, bytes) && written(c) >= PLAIN_BYTES) {
                    return c;
                }
            }
            return null;
        } finally {
            calls.close(h);
        }
    }

    /** kernel32's calls, bound the first time one is made (never on another OS). */
    static final class Kernel32 implements Calls {
        /** The right to query a process's information, all GetProcessMemoryInfo needs since Windows Vista. */
        static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

        @Override
        public long open(long pid) {
            return Bound.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, Math.toIntExact(pid));
        }

        @Override
        public boolean memoryInfo(long process, long[] counters, int bytes) {
            return Bound.K32GetProcessMemoryInfo(process, counters, bytes) != 0;
        }

        @Override
        public void close(long process) {
            Bound.CloseHandle(process);
        }

        private static final class Bound {
            static {
                Native.register(Bound.class, "kernel32");
            }

            static native long OpenProcess(int access, int inherit, int pid);

            static native int K32GetProcessMemoryInfo(long process, long[] counters, int bytes);

            static native int CloseHandle(long handle);
        }
    }
}

package dev.corelanes.engine.platform.mac;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.MemoryReader;

/**
 * macOS: a process's memory from libproc's {@code proc_pid_rusage(pid, RUSAGE_INFO_V2, &info)} and, for this
 * process's peak, {@code getrusage(RUSAGE_SELF)}. Both structs are read as arrays of 64-bit words (macOS runs on
 * 64-bit little-endian CPUs only; every field used is a uint64_t or a long):
 *
 * <pre>
 * struct rusage_info_v2 (sys/resource.h, 160 bytes)      struct rusage (64-bit, 144 bytes)
 *   0  uint8_t  ri_uuid[16]                                0  struct timeval ru_utime (16)
 *  16  uint64_t ri_user_time, 24 ri_system_time           16  struct timeval ru_stime (16)
 *  32  ri_pkg_idle_wkups, 40 ri_interrupt_wkups           32  long ru_maxrss   → peak, in BYTES on macOS
 *  48  ri_pageins, 56 ri_wired_size                            (kilobytes on Linux)
 *  64  uint64_t ri_resident_size   → resident
 *  72  uint64_t ri_phys_footprint  → unique
 *  80 … 152 start/exit times, child times, disk i/o
 * </pre>
 *
 * The physical footprint is what Activity Monitor shows as a process's memory: its private dirty and compressed
 * pages, not the shared libraries it maps — macOS's nearest figure to Linux's unique (private) set. A process of
 * another user cannot be read (the call fails: not measured).
 */
public final class MacMemory implements MemoryReader {

    /** The calls this reader makes: libSystem's for real, a fake in tests. */
    public interface Calls {
        /** proc_pid_rusage(pid, flavor, buffer); 0 on success. */
        int procPidRusage(int pid, int flavor, long[] buffer);

        /** getrusage(RUSAGE_SELF, buffer); 0 on success. */
        int getrusageSelf(long[] buffer);
    }

    static final int RUSAGE_INFO_V2 = 2;
    static final int V2_WORDS = 160 / 8;
    static final int RESIDENT = 64 / 8;
    static final int FOOTPRINT = 72 / 8;
    static final int RUSAGE_WORDS = 144 / 8;
    static final int MAXRSS = 32 / 8;

    private final Calls calls;

    /** The reader of this Mac (libSystem, bound at the first reading). */
    public MacMemory() {
        this(new LibSystem());
    }

    public MacMemory(Calls calls) {
        this.calls = calls;
    }

    @Override
    public long resident(long pid) {
        return rusageInfo(pid, RESIDENT);
    }

    @Override
    public long unique(long pid) {
        return rusageInfo(pid, FOOTPRINT);
    }

    @Override
    public long peakOfSelf() {
        long[] r = new long[RUSAGE_WORDS];
        try {
            return calls.getrusageSelf(r) == 0 && r[MAXRSS] > 0 ? r[MAXRSS] : -1;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
            return -1;
        }
    }

    @Override
    public String source() {
        return "proc_pid_rusage (resident size, physical footprint) and getrusage (peak resident)";
    }

    private long rusageInfo(long pid, int word) {
        long[] info = new long[V2_WORDS];
        try {
            return calls.procPidRusage(Math.toIntExact(pid), RUSAGE_INFO_V2, info) == 0 && info[word] > 0 ? info[word] : -1;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, a pid beyond int
            return -1;
        }
    }

    /** libSystem's calls, bound the first time one is made (never on another OS). */
    static final class LibSystem implements Calls {
        static final int RUSAGE_SELF = 0;

        @Override
        public int procPidRusage(int pid, int flavor, long[] buffer) {
            return Bound.proc_pid_rusage(pid, flavor, buffer);
        }

        @Override
        public int getrusageSelf(long[] buffer) {
            return Bound.getrusage(RUSAGE_SELF, buffer);
        }

        private static final class Bound {
            static {
                Native.register(Bound.class, "System");
            }

            static native int proc_pid_rusage(int pid, int flavor, long[] buffer);

            static native int getrusage(int who, long[] buffer);
        }
    }
}

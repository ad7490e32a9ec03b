package dev.corelanes.engine.platform.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.corelanes.engine.platform.OsThreadClock;

/**
 * Linux: glibc's {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)} and {@code pthread_self()} (JNA direct mapping:
 * ~0.2 µs a call). Loaded only for a run on virtual threads: a worker process never loads it (nor JNA).
 */
public final class LinuxThreadClock implements OsThreadClock {

    private static final String UNAVAILABLE = "a virtual thread's CPU time could not be read (glibc's "
            + "clock_gettime could not be bound)";

    @Override
    public boolean available() {
        return Calls.LOADED;
    }

    @Override
    public String unavailableReason() {
        return available() ? "" : UNAVAILABLE;
    }

    @Override
    public long cpuNanos() {
        return Calls.LOADED ? Calls.cpuNanos() : -1;
    }

    @Override
    public long thread() {
        return Calls.LOADED ? Calls.pthread_self() : 0;
    }

    /** glibc's calls, bound once. {@link #LOADED} is false on 32-bit or when JNA cannot load. */
    private static final class Calls {
        /** Linux's clock id for the calling thread's CPU time. */
        private static final int CLOCK_THREAD_CPUTIME_ID = 3;
        static final boolean LOADED = load();

        private static boolean load() {
            if (Native.LONG_SIZE != 8) {
                return false; // struct timespec is two 64-bit longs on the 64-bit Linux this binds
            }
            try {
                Native.register(Calls.class, Platform.C_LIBRARY_NAME);
                return cpuNanos() >= 0;
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native access here
                return false;
            }
        }

        private static native int clock_gettime(int clock, long[] timespec);

        static native long pthread_self();

        static long cpuNanos() {
            long[] ts = new long[2];
            return clock_gettime(CLOCK_THREAD_CPUTIME_ID, ts) == 0 ? ts[0] * 1_000_000_000L + ts[1] : -1;
        }
    }
}

package dev.corelanes.engine;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The CPU clock of the OS thread that runs the caller — for a virtual thread, the carrier it is mounted on
 * now — and which OS thread that is. The JDK reads no CPU time for a virtual thread (its ThreadMXBean answers
 * -1), so {@link TaskCpu} times a virtual thread's task on its carriers with this.
 *
 * <p>Linux only, through glibc's {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)} and {@code pthread_self()}
 * (JNA direct mapping: ~0.2 µs a call). Elsewhere it is not {@link #available()}, and a virtual thread's CPU
 * time stays unknown rather than guessed. Loaded only for a run on virtual threads: a worker process never
 * loads it (nor JNA).
 */
final class CarrierClock {

    private static final String UNAVAILABLE = "a virtual thread's CPU time is measured on Linux only";

    private CarrierClock() {
    }

    /** True when {@link #cpuNanos} and {@link #thread} can be read here. */
    static boolean available() {
        return Linux.LOADED;
    }

    /** Why the clock cannot be read here; empty when it can. */
    static String unavailableReason() {
        return available() ? "" : UNAVAILABLE;
    }

    /** CPU nanoseconds the calling OS thread has used, or -1 when it cannot be read. */
    static long cpuNanos() {
        return Linux.LOADED ? ThreadCpuClock.floor(Linux.cpuNanos()) : -1;
    }

    /** The calling OS thread ({@code pthread_t}): two readings with different values came from two carriers. */
    static long thread() {
        return Linux.LOADED ? Linux.pthread_self() : 0;
    }

    /** glibc's calls, bound once. {@link #LOADED} is false off Linux, on 32-bit or when JNA cannot load. */
    private static final class Linux {
        /** Linux's clock id for the calling thread's CPU time. */
        private static final int CLOCK_THREAD_CPUTIME_ID = 3;
        static final boolean LOADED = load();

        private static boolean load() {
            if (!Platform.isLinux() || Native.LONG_SIZE != 8) {
                return false; // struct timespec is two 64-bit longs on the 64-bit Linux this binds
            }
            try {
                Native.register(Linux.class, Platform.C_LIBRARY_NAME);
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

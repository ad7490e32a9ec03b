package dev.corelanes.engine;

import dev.corelanes.engine.platform.OsThreadClock;
import dev.corelanes.engine.platform.host.Host;

/**
 * The CPU clock of the OS thread that runs the caller — for a virtual thread, the carrier it is mounted on
 * now — and which OS thread that is. The JDK reads no CPU time for a virtual thread (its ThreadMXBean answers
 * -1), so {@link TaskCpu} times a virtual thread's task on its carriers with this.
 *
 * <p>Each OS's clock is in {@code engine.platform} ({@link Host#threadClock()}: Linux's
 * {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}); elsewhere it is not {@link #available()}, and a virtual
 * thread's CPU time stays unknown rather than guessed. Every reading is rounded as {@link ThreadCpuClock#floor},
 * so the simulated coarse clock reaches virtual threads too. Loaded only for a run on virtual threads: a worker
 * process never loads it (nor JNA).
 */
final class CarrierClock {

    private CarrierClock() {
    }

    private static OsThreadClock clock() {
        return Host.threadClock();
    }

    /** True when {@link #cpuNanos} and {@link #thread} can be read here. */
    static boolean available() {
        return clock().available();
    }

    /** Why the clock cannot be read here; empty when it can. */
    static String unavailableReason() {
        return clock().unavailableReason();
    }

    /** CPU nanoseconds the calling OS thread has used, or -1 when it cannot be read. */
    static long cpuNanos() {
        return ThreadCpuClock.floor(clock().cpuNanos());
    }

    /** The calling OS thread ({@code pthread_t} on Linux): two readings with different values came from two carriers. */
    static long thread() {
        return clock().thread();
    }
}

package dev.corelanes.engine.platform;

/**
 * The CPU clock of the OS thread that runs the caller — for a virtual thread, the carrier it is mounted on now —
 * and which OS thread that is. The JDK reads no CPU time for a virtual thread, so the engine times a virtual
 * thread's task on its carriers with this. Readings are raw: the engine's {@code ThreadCpuClock} rounds them to a
 * simulated tick.
 */
public interface OsThreadClock {

    /** True when {@link #cpuNanos} and {@link #thread} can be read here. */
    boolean available();

    /** Why the clock cannot be read here; empty when it can. */
    String unavailableReason();

    /** CPU nanoseconds the calling OS thread has used, or -1 when it cannot be read. */
    long cpuNanos();

    /** The calling OS thread: two readings with different values came from two carriers (0 when unknown). */
    long thread();

    /** A clock that reads nothing here, for the reason {@code why}. */
    static OsThreadClock unavailable(String why) {
        return new OsThreadClock() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String unavailableReason() {
                return why;
            }

            @Override
            public long cpuNanos() {
                return -1;
            }

            @Override
            public long thread() {
                return 0;
            }
        };
    }
}

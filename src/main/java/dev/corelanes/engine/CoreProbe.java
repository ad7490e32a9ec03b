package dev.corelanes.engine;

/**
 * Reads the logical CPU the calling thread is running on right now. Called about once a millisecond from
 * inside the compute loop, so it must be cheap (a direct native call, ~100 ns).
 */
public interface CoreProbe {

    /** The current logical CPU, or {@link Span#NO_CORE} when this OS offers no way to read it. */
    int currentCore();

    /** True when {@link #currentCore()} really reads the core. */
    boolean available();

    /** How the core is read, or why it cannot be, in words for the screen. */
    String description();

    /**
     * The probe for this OS: Linux sched_getcpu(), Windows GetCurrentProcessorNumber(), macOS 11+
     * pthread_cpu_number_np(), else unknown with the reason.
     */
    static CoreProbe detect() {
        return CoreProbes.detect();
    }
}

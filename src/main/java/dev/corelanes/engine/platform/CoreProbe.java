package dev.corelanes.engine.platform;

/**
 * Reads the logical CPU the calling thread is running on right now. Called about once a millisecond from
 * inside the compute loop, so it must be cheap (a direct native call, ~100 ns). Each OS's probe lives in its
 * subpackage ({@code linux}, {@code windows}, {@code mac}); {@code host.Host#coreProbe()} picks this machine's.
 */
public interface CoreProbe {

    /** What {@link #currentCore()} answers when the core cannot be read (the same value as the trace's "no core"). */
    int NO_CORE = -1;

    /** The current logical CPU, or {@link #NO_CORE} when this OS offers no way to read it. */
    int currentCore();

    /** True when {@link #currentCore()} really reads the core. */
    boolean available();

    /** How the core is read, or why it cannot be, in words for the screen. */
    String description();

    /**
     * True for a probe that is cheap to set up but costs microseconds a call (Linux's stat file): a worker starts
     * with it and switches long compute tasks to the native call.
     */
    default boolean slowPerCall() {
        return false;
    }

    /** A probe that reads nothing, and says {@code why} (an OS without the call, a call that failed to load). */
    static CoreProbe unknown(String why) {
        return new CoreProbe() {
            @Override
            public int currentCore() {
                return NO_CORE;
            }

            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String description() {
                return why;
            }
        };
    }
}

package dev.corelanes.engine.child;

import java.util.function.LongSupplier;

/**
 * The time this JVM has been running, in nanoseconds: {@link System#nanoTime()} minus the stretches when it
 * was stopped as a whole — Ctrl-Z then {@code fg} in a terminal stops the CLI and its workers together
 * (SIGTSTP to the job), and a child's deadline must not count the time nobody could run. A ticker thread
 * notes the time every {@value #TICK_MILLIS} ms while children are alive; a gap much longer than that
 * between two notes (or between the last note and a reading) means the JVM was not running, and that gap
 * is left out. A machine so busy that a sleeping thread waits a second for a CPU only makes a deadline
 * later, never earlier.
 *
 * <p>Deadlines of children are on this clock; everything else keeps {@code System.nanoTime()}.
 */
public final class RunningTime {

    static final long TICK_MILLIS = 100;
    /** A gap this long between two notes is a stop, not a late wake-up. */
    static final long STALL_NANOS = 1_000_000_000L;

    private static final RunningTime JVM = new RunningTime(System::nanoTime);
    private static int holders;
    private static Thread ticker;

    private final LongSupplier clock;
    private long last;
    private long stalled;
    private boolean watching;

    RunningTime(LongSupplier clock) {
        this.clock = clock;
    }

    /** This JVM's running time now. */
    public static long now() {
        return JVM.read();
    }

    /** Nanoseconds this JVM was found stopped so far (for messages and tests). */
    public static long stalledNanos() {
        synchronized (JVM) {
            return JVM.stalled;
        }
    }

    /** A child is alive: keep the ticker going. */
    static synchronized void hold() {
        if (holders++ == 0) {
            try {
                ticker = Thread.ofPlatform().daemon(true).name("corelanes-running-time").unstarted(RunningTime::tick);
                ticker.start();
                JVM.watch(true);
            } catch (OutOfMemoryError e) {
                ticker = null; // no thread to spare (ulimit -u): deadlines then count wall time, as before
            }
        }
    }

    /** A child has exited; with none left the ticker stops (an idle window wakes nobody). */
    static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            JVM.watch(false);
            if (ticker != null) {
                ticker.interrupt();
                ticker = null;
            }
        }
    }

    private static void tick() {
        Thread me = Thread.currentThread();
        while (!me.isInterrupted()) {
            JVM.read();
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized void watch(boolean on) {
        if (on && !watching) {
            last = clock.getAsLong();
        }
        watching = on;
    }

    /** The clock minus the stops seen; each reading also counts as a note. */
    synchronized long read() {
        long t = clock.getAsLong();
        if (watching) {
            long gap = t - last;
            if (gap > STALL_NANOS) {
                stalled += gap - TICK_MILLIS * 1_000_000L;
            }
            last = t;
        }
        return t - stalled;
    }
}

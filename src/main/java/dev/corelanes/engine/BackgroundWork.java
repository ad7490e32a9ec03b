package dev.corelanes.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work this JVM does for itself in the background (the window's start-up cache, trained while the window is idle)
 * and the measurements it must never share the CPUs with. Every measurement — a run, a lesson's step, a sweep's
 * run, a traced program, a lab — calls {@link #measurementStarting()} before its clock starts: each registered job
 * is stopped, and its process has ended, when that returns; the figures hold none of its CPU. A job starts its
 * work only through {@link #startIfQuiet}, under the same lock, so a measurement that starts a moment later finds
 * the work to stop, and none starts while a measurement goes on.
 */
public final class BackgroundWork {

    /** Background work that gives way to measurements. */
    public interface Job {
        /** Stops the work now; returns only once it uses no CPU any more (its process has exited). */
        void stopForMeasurement();
    }

    private static final Object LOCK = new Object();
    private static final List<Job> JOBS = new CopyOnWriteArrayList<>();
    private static int measuring;
    private static long lastEnded = System.nanoTime();

    private BackgroundWork() {
    }

    public static void register(Job job) {
        JOBS.add(job);
    }

    public static void unregister(Job job) {
        JOBS.remove(job);
    }

    /** One measurement going on: closed (once) when it ended. */
    public static final class Measurement implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();

        private Measurement() {
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                synchronized (LOCK) {
                    measuring--;
                    lastEnded = System.nanoTime();
                }
            }
        }
    }

    /**
     * Called before a measurement's clock starts (on the thread that starts it, never the FX thread: stopping a
     * process takes a few milliseconds): stops every job's work and returns once it has ended.
     */
    public static Measurement measurementStarting() {
        synchronized (LOCK) {
            measuring++;
        }
        for (Job j : JOBS) {
            try {
                j.stopForMeasurement();
            } catch (RuntimeException e) {
                // a job that cannot stop cleanly is the job's bug; the measurement goes on
            }
        }
        return new Measurement();
    }

    /**
     * Runs {@code start} (which starts a job's work and makes it stoppable) when no measurement goes on, under the
     * lock {@link #measurementStarting()} takes first; returns whether it ran.
     */
    public static boolean startIfQuiet(Runnable start) {
        synchronized (LOCK) {
            if (measuring > 0) {
                return false;
            }
            start.run();
            return true;
        }
    }

    /** How long no measurement has gone on (since the last ended, or since this JVM started one); 0 during one. */
    public static long quietNanos() {
        synchronized (LOCK) {
            return measuring > 0 ? 0 : System.nanoTime() - lastEnded;
        }
    }
}

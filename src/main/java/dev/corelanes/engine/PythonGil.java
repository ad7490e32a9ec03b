package dev.corelanes.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An emulation of CPython's global interpreter lock: compute tasks must hold it while they compute. A
 * holder gives it up every switch interval (5 ms, CPython's default {@code sys.getswitchinterval()}) if
 * another thread is waiting, and then queues behind that thread — the lock is fair, so the waiter really
 * gets it, as CPython's forced switching guarantees. Sleeping does not hold it (CPython releases the GIL
 * in {@code time.sleep}).
 *
 * <p>One instance per interpreter: threads of one run share it; every child process has its own.
 */
public final class PythonGil {

    /** CPython's default switch interval. */
    public static final long SWITCH_INTERVAL_NANOS = 5_000_000L;

    private final ReentrantLock lock = new ReentrantLock(true);

    /**
     * Takes the lock without waiting if it is free and nobody queues for it. (Plain {@code tryLock()}
     * would barge past a queued thread even on a fair lock, defeating the hand-over.)
     */
    public boolean tryAcquire() throws InterruptedException {
        return lock.tryLock(0, TimeUnit.NANOSECONDS);
    }

    /** Waits for the lock; cancellation interrupts the wait. */
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
    }

    public void release() {
        lock.unlock();
    }

    /** True when another thread waits for the lock: the holder should drop it at its next check. */
    public boolean dropRequested() {
        return lock.hasQueuedThreads();
    }

    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}

package dev.corelanes.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An emulation of CPython's global interpreter lock, following CPython 3.11's {@code Python/ceval_gil.h}
 * step by step — not a fair lock, because CPython's is not one:
 *
 * <ul>
 * <li><b>Waiting</b> ({@code take_gil}): a thread that finds the GIL taken waits on a condition for the
 *     switch interval (5 ms). If that wait times out and nobody took the GIL meanwhile (the switch counter
 *     did not move), it sets the <i>drop request</i> and waits again. Several waiters race for a freed GIL;
 *     nothing queues them in order.</li>
 * <li><b>Holding</b>: the holder checks the drop request often (CPython: its eval breaker, between
 *     bytecodes) and, when it is set, drops the GIL and takes it again.</li>
 * <li><b>Dropping</b> ({@code drop_gil} with {@code FORCE_SWITCHING}): after a drop request, the dropping
 *     thread waits until ANOTHER thread has taken the GIL before it competes again, so the waiter gets its
 *     turn even when the OS would rather run the dropper. Without a drop request (a task ending), it just
 *     lets go.</li>
 * </ul>
 *
 * <p>So the holder runs undisturbed until a waiter has waited a full interval — on a busy machine the
 * waiter may wake late, and the holder keeps computing meanwhile, as CPython's does. Sleeping does not
 * hold the GIL (CPython releases it in {@code time.sleep}).
 *
 * <p>One instance per interpreter: threads of one run share it; every child process has its own.
 */
public final class PythonGil {

    /** CPython's default switch interval ({@code sys.getswitchinterval()}). */
    public static final long SWITCH_INTERVAL_NANOS = 5_000_000L;

    private final long intervalNanos;

    /** gil->mutex and gil->cond: guard {@link #holder} and {@link #switchNumber}; signal a drop. */
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition cond = mutex.newCondition();
    /** gil->switch_mutex and gil->switch_cond: a forced switch waits here until another thread took it. */
    private final ReentrantLock switchMutex = new ReentrantLock();
    private final Condition switchCond = switchMutex.newCondition();

    /** The thread holding the GIL, null when it is free (gil->locked). */
    private volatile Thread holder;
    /** The last thread that took it (gil->last_holder): tells a forced switch whether one happened. */
    private volatile Thread lastHolder;
    /** Times the GIL changed hands (gil->switch_number). */
    private long switchNumber;
    /** The drop request (gil_drop_request), read by the holder between pieces of work. */
    private volatile boolean dropRequest;

    public PythonGil() {
        this(SWITCH_INTERVAL_NANOS);
    }

    /** A GIL with another switch interval (CPython: {@code sys.setswitchinterval}). */
    public PythonGil(long intervalNanos) {
        if (intervalNanos < 1_000) {
            throw new IllegalArgumentException("switch interval below 1 µs");
        }
        this.intervalNanos = intervalNanos;
    }

    /** Takes the GIL if it is free, without waiting. */
    public boolean tryAcquire() {
        mutex.lock();
        try {
            if (holder != null) {
                return false;
            }
            take();
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /** Waits for the GIL ({@code take_gil}); cancellation interrupts the wait. */
    public void acquire() throws InterruptedException {
        mutex.lockInterruptibly();
        try {
            while (holder != null) {
                long saved = switchNumber;
                boolean timedOut = cond.awaitNanos(intervalNanos) <= 0;
                // Waited a whole interval and nobody switched in the meantime: ask the holder to drop it.
                if (timedOut && holder != null && switchNumber == saved) {
                    dropRequest = true;
                }
            }
            take();
        } finally {
            mutex.unlock();
        }
    }

    /** The {@code _ready:} part of {@code take_gil}; called with {@link #mutex} held and the GIL free. */
    private void take() {
        switchMutex.lock();
        try {
            Thread me = Thread.currentThread();
            holder = me;
            if (lastHolder != me) {
                lastHolder = me;
                switchNumber++;
            }
            switchCond.signal(); // a forced switch waiting for this moment may go on
        } finally {
            switchMutex.unlock();
        }
        dropRequest = false; // a request was for the previous holder; it got its switch
    }

    /**
     * True when a waiter has waited a full switch interval: the holder should call {@link #yieldTurn} at
     * its next check (CPython's eval breaker).
     */
    public boolean dropRequested() {
        return dropRequest;
    }

    /**
     * Honours a drop request: drops the GIL, waits until another thread has taken it (FORCE_SWITCHING),
     * then waits to take it back. Cancellation interrupts the waits; the GIL is then not held.
     */
    public void yieldTurn() throws InterruptedException {
        drop(true);
        acquire();
    }

    /** Lets go of the GIL (a task ending or cancelled). Does nothing if this thread does not hold it. */
    public void release() {
        if (holder != Thread.currentThread()) {
            return;
        }
        try {
            drop(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cannot happen without a forced switch
        }
    }

    /** {@code drop_gil}. */
    private void drop(boolean forceSwitch) throws InterruptedException {
        if (holder != Thread.currentThread()) {
            throw new IllegalStateException("the GIL is not held by this thread");
        }
        mutex.lock();
        try {
            holder = null;
            cond.signal();
        } finally {
            mutex.unlock();
        }
        if (forceSwitch && dropRequest) {
            switchMutex.lockInterruptibly();
            try {
                if (lastHolder == Thread.currentThread()) { // not switched yet: wait for it
                    dropRequest = false;
                    switchCond.await();
                }
            } finally {
                switchMutex.unlock();
            }
        }
    }

    public boolean heldByCurrentThread() {
        return holder == Thread.currentThread();
    }

    /** The switch interval in nanoseconds. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /** For messages: the interval as CPython writes it. */
    @Override
    public String toString() {
        return "GIL (switch interval " + TimeUnit.NANOSECONDS.toMicros(intervalNanos) / 1000.0 + " ms)";
    }
}

package dev.corelanes.engine.process;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanSink;

import java.io.PrintStream;

/**
 * The child's side of stdout. Task code reports spans to it as to any {@link SpanSink}. Thread-safe: the task
 * thread, the flusher and the stdin thread (answering pings) all write.
 *
 * <p>A conversation line (hello, pong, a task's start and end, errors) is flushed at once: the parent waits for it.
 * The live lines — spans and core samples, which only the window's live view waits for — are written together at
 * most every {@link #LIVE_DELAY_NANOS}. Flushed one by one, each preemption of a compute task meant three writes,
 * each waking the parent's reader and its worker thread in turn, on the same two cores the tasks compete for:
 * measured against the kernel's switch records, 4–7 short slices of the parent's threads per line, each a
 * preemption of some worker. The window draws at 60 frames a second: 10 ms later is not seen.
 *
 * <p>A live line only joins a buffer, under this object's lock, held for an append or a swap; the pipe has a lock
 * of its own. The task thread writes a live line right after a clock reading of its compute loop (a preemption
 * found, a core sample), and when the flusher held one lock for its write to the pipe, the task thread spun, then
 * slept, waiting for it: the kernel ran it well after the reading where its drawn gap began.
 */
final class ChildOutput implements SpanSink {

    /** How long a live line may wait in the buffer before it is flushed. */
    static final long LIVE_DELAY_NANOS = 10_000_000;

    private final PrintStream out;
    /** Held while writing to {@link #out}: one writer at a time, a line never split. */
    private final Object pipe = new Object();
    /** Live lines not yet written to the pipe (guarded by this). */
    private final StringBuilder pending = new StringBuilder();
    /** When the oldest live line not yet flushed was written ({@link System#nanoTime()}), or -1: none waits. */
    private long waitingSince = -1;

    /** Starts the flusher here, before the worker says hello: starting a thread inside the first task cost its time. */
    ChildOutput(PrintStream out) {
        this.out = out;
        Thread.ofPlatform().daemon().name("corelanes-worker-flush").start(this::flushLive);
    }

    /** A conversation line: written and flushed at once, with any live lines before it. */
    void line(String line) {
        synchronized (pipe) {
            out.print(take());
            out.print(line);
            out.print('\n');
            flushPipe();
        }
    }

    /** Writes and flushes the live lines waiting. */
    void flush() {
        synchronized (pipe) {
            out.print(take());
            flushPipe();
        }
    }

    /** The live lines waiting, taken out of the buffer. */
    private synchronized String take() {
        String lines = pending.toString();
        pending.setLength(0);
        waitingSince = -1;
        return lines;
    }

    private void flushPipe() {
        out.flush();
        if (out.checkError()) {
            // stdout is gone: the parent has died or closed the pipe. Nobody is listening any more.
            Runtime.getRuntime().halt(0);
        }
    }

    /** A live line: buffered now, flushed within {@link #LIVE_DELAY_NANOS} by the flusher thread. */
    private synchronized void live(String line) {
        pending.append(line).append('\n');
        if (waitingSince < 0) {
            waitingSince = System.nanoTime();
            notifyAll();
        }
    }

    /** The flusher: waits for a live line, then until it has waited {@link #LIVE_DELAY_NANOS}, and flushes. */
    private void flushLive() {
        try {
            while (true) {
                awaitDue();
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns when the oldest live line waiting has waited {@link #LIVE_DELAY_NANOS}. */
    private synchronized void awaitDue() throws InterruptedException {
        while (true) {
            while (waitingSince < 0) {
                wait();
            }
            long left = waitingSince + LIVE_DELAY_NANOS - System.nanoTime();
            if (left <= 0) {
                return;
            }
            // A conversation line may take the waiting lines meanwhile: then the wait starts over.
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    @Override
    public void accept(Span span) {
        live(WorkerProtocol.span(span));
    }

    /** In lines of bounded length, buffered together (no other line comes between). */
    @Override
    public void samples(dev.corelanes.engine.SampleBatch batch) {
        int n = batch.samples().size();
        java.util.StringJoiner lines = new java.util.StringJoiner("\n");
        for (int from = 0; from < n; from += WorkerProtocol.SAMPLES_PER_LINE) {
            lines.add(WorkerProtocol.samples(batch, from, Math.min(n, from + WorkerProtocol.SAMPLES_PER_LINE)));
        }
        if (n > 0) {
            live(lines.toString());
        }
    }

    @Override
    public void opened(Span span) {
        live(WorkerProtocol.open(span));
    }
}

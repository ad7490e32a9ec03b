package dev.corelanes.engine.process;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanSink;

import java.io.PrintStream;

/**
 * The child's side of stdout. Task code reports spans to it as to any {@link SpanSink}. Thread-safe: the task
 * thread and the stdin thread (answering pings) both write.
 *
 * <p>A conversation line (hello, pong, a task's start and end, errors) is flushed at once: the parent waits for it.
 * The live lines — spans and core samples, which only the window's live view waits for — are written together at
 * most every {@link #LIVE_DELAY_NANOS}. Flushed one by one, each preemption of a compute task meant three writes,
 * each waking the parent's reader and its worker thread in turn, on the same two cores the tasks compete for:
 * measured against the kernel's switch records, 4–7 short slices of the parent's threads per line, each a
 * preemption of some worker. The window draws at 60 frames a
 * second: 10 ms later is not seen.
 */
final class ChildOutput implements SpanSink {

    /** How long a live line may wait in the buffer before it is flushed. */
    static final long LIVE_DELAY_NANOS = 10_000_000;

    private final PrintStream out;
    /** When the oldest live line not yet flushed was written ({@link System#nanoTime()}), or -1: none waits. */
    private long waitingSince = -1;

    /** Starts the flusher here, before the worker says hello: starting a thread inside the first task cost its time. */
    ChildOutput(PrintStream out) {
        this.out = out;
        Thread.ofPlatform().daemon().name("corelanes-worker-flush").start(this::flushLive);
    }

    /** A conversation line: written and flushed at once, with any live lines before it. */
    synchronized void line(String line) {
        out.print(line);
        out.print('\n');
        flush();
    }

    synchronized void flush() {
        out.flush();
        waitingSince = -1;
        if (out.checkError()) {
            // stdout is gone: the parent has died or closed the pipe. Nobody is listening any more.
            Runtime.getRuntime().halt(0);
        }
    }

    /** A live line: written now, flushed within {@link #LIVE_DELAY_NANOS} by the flusher thread. */
    private synchronized void live(String line) {
        out.print(line);
        out.print('\n');
        if (waitingSince < 0) {
            waitingSince = System.nanoTime();
            notifyAll();
        }
    }

    /** The flusher: waits for a live line, then until it has waited {@link #LIVE_DELAY_NANOS}, and flushes. */
    private synchronized void flushLive() {
        try {
            while (true) {
                while (waitingSince < 0) {
                    wait();
                }
                long due = waitingSince + LIVE_DELAY_NANOS;
                for (long left = due - System.nanoTime(); left > 0 && waitingSince >= 0; left = due - System.nanoTime()) {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
                if (waitingSince >= 0) {
                    flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void accept(Span span) {
        live(WorkerProtocol.span(span));
    }

    /** In lines of bounded length, written together (no other line comes between). */
    @Override
    public synchronized void samples(dev.corelanes.engine.SampleBatch batch) {
        int n = batch.samples().size();
        for (int from = 0; from < n; from += WorkerProtocol.SAMPLES_PER_LINE) {
            live(WorkerProtocol.samples(batch, from, Math.min(n, from + WorkerProtocol.SAMPLES_PER_LINE)));
        }
    }

    @Override
    public void opened(Span span) {
        live(WorkerProtocol.open(span));
    }
}

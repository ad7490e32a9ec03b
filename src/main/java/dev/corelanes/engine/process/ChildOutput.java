package dev.corelanes.engine.process;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanSink;

import java.io.PrintStream;

/**
 * The child's side of stdout: one protocol line per call, flushed at once so the parent sees spans live.
 * Task code reports spans to it as to any {@link SpanSink}. Thread-safe: the task thread and the stdin
 * thread (answering pings) both write.
 */
final class ChildOutput implements SpanSink {

    private final PrintStream out;

    ChildOutput(PrintStream out) {
        this.out = out;
    }

    synchronized void line(String line) {
        out.print(line);
        out.print('\n');
        out.flush();
        if (out.checkError()) {
            // stdout is gone: the parent has died or closed the pipe. Nobody is listening any more.
            Runtime.getRuntime().halt(0);
        }
    }

    synchronized void flush() {
        out.flush();
    }

    @Override
    public void accept(Span span) {
        line(WorkerProtocol.span(span));
    }

    /** In lines of bounded length, written together (no other line comes between). */
    @Override
    public synchronized void samples(dev.corelanes.engine.SampleBatch batch) {
        int n = batch.samples().size();
        for (int from = 0; from < n; from += WorkerProtocol.SAMPLES_PER_LINE) {
            line(WorkerProtocol.samples(batch, from, Math.min(n, from + WorkerProtocol.SAMPLES_PER_LINE)));
        }
    }

    @Override
    public void opened(Span span) {
        line(WorkerProtocol.open(span));
    }
}

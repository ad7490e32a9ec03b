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

    @Override
    public void opened(Span span) {
        line(WorkerProtocol.open(span));
    }
}

package dev.corelanes.engine.process;

import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;

/** One line a worker sent, parsed. Times are the child's {@code System.nanoTime()}. */
sealed interface WorkerMessage {

    /**
     * The first line: which protocol the child speaks, its process id and the OS thread id of its task thread (-1
     * when the child's OS does not tell it).
     */
    record Hello(int version, long pid, long tid) implements WorkerMessage {
    }

    /** The answer to {@code ping seq}: the child's clock when it answered. */
    record Pong(long seq, long childNanos) implements WorkerMessage {
    }

    record TaskStart(int task, long t) implements WorkerMessage {
    }

    /** A span that has begun and is still going on. */
    record Opened(int task, SpanState state, int core, long start) implements WorkerMessage {
    }

    /** A finished span. */
    record SpanDone(int task, SpanState state, int core, long start, long end) implements WorkerMessage {
    }

    /** Core samples of a task (the evidence of its per-core lanes), child times. */
    record Samples(int task, long periodNanos, java.util.List<dev.corelanes.engine.CoreSample> samples)
            implements WorkerMessage {
    }

    /** A task ended; {@code cpuNanos} is its thread's CPU time, -1 when unknown. */
    record TaskEnd(int task, TaskStatus status, long cpuNanos, long t) implements WorkerMessage {
    }

    /** The last line: CPU time of the whole child process and its peak resident memory (-1 when unknown). */
    record Bye(long cpuNanos, long peakRssBytes) implements WorkerMessage {
    }

    /** The child could not go on; {@code text} says why. */
    record ErrorReport(String text) implements WorkerMessage {
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;

/**
 * One line the Python worker sent, parsed (see worker-protocol.md, "Python worker"). Times are the
 * interpreter's {@code time.perf_counter_ns()}, one clock for all its processes. Unlike the JVM worker,
 * which runs one task at a time, one Python program runs the whole experiment, so task lines name their
 * worker (thread or process).
 */
sealed interface PythonMessage {

    record Hello(int version, long pid) implements PythonMessage {
    }

    record Pong(long seq, long t) implements PythonMessage {
    }

    /** Calibrated: kernel steps per second of one core, measured in {@code measuredMicros}. */
    record Ready(long stepsPerSecond, long measuredMicros) implements PythonMessage {
    }

    /** A thread or process that runs tasks; {@code pid} is the process's. */
    record Worker(String name, boolean process, long pid) implements PythonMessage {
    }

    /** The OS thread that runs a worker's tasks (its id as the kernel names it), in process {@code pid}. */
    record ThreadId(String worker, long pid, long tid) implements PythonMessage {
    }

    record Start(int task, String worker, long t) implements PythonMessage {
    }

    record Opened(int task, String worker, SpanState state, int core, long t) implements PythonMessage {
    }

    /** A finished span; task 0 is a worker's own (spawning). */
    record SpanDone(int task, String worker, SpanState state, int core, long start, long end) implements PythonMessage {
    }

    record End(int task, String worker, TaskStatus status, long cpuNanos, long t) implements PythonMessage {
    }

    /** CPU ns the program and its ended children used since the run began, peak memory (bytes); -1 unknown. */
    record Bye(long cpuNanos, long peakRssBytes) implements PythonMessage {
    }

    /** A worker process's peak resident memory in bytes (-1: this OS does not say), sent as it ends. */
    record Memory(String worker, long peakRssBytes) implements PythonMessage {
    }

    record ErrorReport(String text) implements PythonMessage {
    }
}

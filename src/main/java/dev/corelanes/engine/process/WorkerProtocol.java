package dev.corelanes.engine.process;

import dev.corelanes.engine.ThreadCpuClock;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;

import java.util.Locale;

/**
 * The line protocol between the parent and a worker process (documented in
 * {@code src/site/markdown/worker-protocol.md}). One message per line, words separated by one space,
 * ASCII. This class only formats lines; {@link WorkerLineParser} reads the child's lines in the parent.
 */
final class WorkerProtocol {

    static final String NAME = "corelanes-worker";
    static final int VERSION = 1;
    /** A longer line is a broken child, not a message: the parent stops reading it there. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    // parent -> child
    static final String PING = "ping";
    static final String CONFIG = "config";
    static final String TASK = "task";
    static final String STOP = "stop";
    static final String DONE = "done";

    // child -> parent
    static final String HELLO = "hello";
    static final String PONG = "pong";
    static final String START = "start";
    static final String OPEN = "open";
    static final String SPAN = "span";
    static final String SAMPLES = "samples";
    /** Samples per line: ~30 characters each keeps a line far below the line limit. */
    static final int SAMPLES_PER_LINE = 500;
    static final String END = "end";
    static final String BYE = "bye";
    static final String ERROR = "error";

    private WorkerProtocol() {
    }

    // ------------------------------------------------------------ parent -> child

    static String ping(long seq) {
        return PING + " " + seq;
    }

    static String config(long stepsPerSecond, TaskKind kind, double seconds, boolean gil) {
        return config(stepsPerSecond, ThreadCpuClock.Tick.UNKNOWN, kind, seconds, gil);
    }

    /**
     * {@code cpuTick}: the step of the parent's thread CPU clock, which a worker on the same machine shares; it
     * tells the worker whether its own clock can place a preemption's end (see OffCpuWatch.resumeAt).
     */
    static String config(long stepsPerSecond, ThreadCpuClock.Tick cpuTick, TaskKind kind, double seconds, boolean gil) {
        return CONFIG + " " + stepsPerSecond + " " + kind.id() + " " + Double.toString(seconds) + " " + (gil ? 1 : 0)
                + " " + cpuTick.nanos() + " " + (cpuTick.simulated() ? 1 : 0);
    }

    static String task(int id) {
        return TASK + " " + id;
    }

    // ------------------------------------------------------------ child -> parent

    /** {@code tid}: the OS thread id of the thread that runs every task, or -1 when the OS does not tell it. */
    static String hello(long pid, long tid) {
        return HELLO + " " + NAME + " " + VERSION + " " + pid + (tid >= 0 ? " " + tid : "");
    }

    static String pong(long seq, long childNanos) {
        return PONG + " " + seq + " " + childNanos;
    }

    static String start(int task, long t) {
        return START + " " + task + " " + t;
    }

    static String open(Span s) {
        return OPEN + " " + s.task() + " " + s.state().id() + " " + s.core() + " " + s.startNanos();
    }

    static String span(Span s) {
        return SPAN + " " + s.task() + " " + s.state().id() + " " + s.core() + " " + s.startNanos() + " " + s.endNanos();
    }

    /** {@code samples TASK PERIOD KIND:CORE:TIME...} for samples {@code from} (inclusive) to {@code to}. */
    static String samples(dev.corelanes.engine.SampleBatch b, int from, int to) {
        StringBuilder line = new StringBuilder(SAMPLES).append(' ').append(b.task()).append(' ').append(b.periodNanos());
        for (int i = from; i < to; i++) {
            dev.corelanes.engine.CoreSample s = b.samples().get(i);
            line.append(' ').append(s.kind().code()).append(':').append(s.core()).append(':').append(s.nanos());
        }
        return line.toString();
    }

    static String end(int task, TaskStatus status, long cpuNanos, long t) {
        return END + " " + task + " " + status.id() + " " + cpuNanos + " " + t;
    }

    static String bye(long cpuNanos, long peakRssBytes) {
        return BYE + " " + cpuNanos + " " + peakRssBytes;
    }

    /** An error report: the text is kept on one line of printable characters. */
    static String error(String text) {
        String clean = text == null ? "unknown error" : text.replaceAll("[\\p{Cntrl}]", " ").strip();
        if (clean.length() > 1000) {
            clean = clean.substring(0, 1000) + "…";
        }
        return ERROR + " " + (clean.isEmpty() ? "unknown error" : clean);
    }

    /** The span states a child may report (spawning is the parent's to measure). */
    static boolean childState(SpanState s) {
        return s != SpanState.SPAWNING;
    }

    /** A line shortened for a message, with control characters made visible. */
    static String quote(String line) {
        String s = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.append('\'').toString();
    }
}

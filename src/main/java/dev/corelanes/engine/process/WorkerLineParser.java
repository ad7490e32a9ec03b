package dev.corelanes.engine.process;

import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.process.WorkerMessage.Bye;
import dev.corelanes.engine.process.WorkerMessage.ErrorReport;
import dev.corelanes.engine.process.WorkerMessage.Hello;
import dev.corelanes.engine.process.WorkerMessage.Opened;
import dev.corelanes.engine.process.WorkerMessage.Pong;
import dev.corelanes.engine.process.WorkerMessage.SpanDone;
import dev.corelanes.engine.process.WorkerMessage.TaskEnd;
import dev.corelanes.engine.process.WorkerMessage.TaskStart;

/**
 * Turns one line from a worker into a {@link WorkerMessage}, checking its syntax and numbers. Pure: no I/O,
 * no state; whether the message is expected at this point is {@link WorkerConversation}'s business.
 */
final class WorkerLineParser {

    /** Far above any real machine; a larger core number is garbage (run files use the same bound). */
    static final int MAX_CORE = dev.corelanes.engine.MachineInfo.MAX_CPUS - 1;

    private WorkerLineParser() {
    }

    static WorkerMessage parse(String line) throws ProtocolException {
        if (line == null || line.isEmpty()) {
            throw new ProtocolException("empty line");
        }
        if (line.length() > WorkerProtocol.MAX_LINE_BYTES) {
            throw new ProtocolException("line longer than " + WorkerProtocol.MAX_LINE_BYTES / 1024 + " KiB");
        }
        if (line.startsWith(WorkerProtocol.ERROR + " ")) {
            return new ErrorReport(line.substring(WorkerProtocol.ERROR.length() + 1).strip());
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new ProtocolException("not a protocol line (unexpected characters): " + WorkerProtocol.quote(line));
            }
        }
        String[] w = line.split(" ", -1);
        return switch (w[0]) {
            case WorkerProtocol.HELLO -> {
                if (w.length != 5) {
                    words(w, 4, "hello NAME VERSION PID [TID]", line);
                }
                if (!WorkerProtocol.NAME.equals(w[1])) {
                    throw new ProtocolException("hello from '" + w[1] + "', not " + WorkerProtocol.NAME);
                }
                yield new Hello(intIn(w[2], 1, Integer.MAX_VALUE, "version"), longAtLeast(w[3], 1, "pid"),
                        w.length == 5 ? longAtLeast(w[4], 0, "thread id") : -1);
            }
            case WorkerProtocol.PONG -> {
                words(w, 3, "pong SEQ TIME", line);
                yield new Pong(longAtLeast(w[1], 0, "ping number"), time(w[2]));
            }
            case WorkerProtocol.START -> {
                words(w, 3, "start TASK TIME", line);
                yield new TaskStart(task(w[1]), time(w[2]));
            }
            case WorkerProtocol.OPEN -> {
                words(w, 5, "open TASK STATE CORE TIME", line);
                yield new Opened(task(w[1]), state(w[2]), core(w[3]), time(w[4]));
            }
            case WorkerProtocol.SPAN -> {
                words(w, 6, "span TASK STATE CORE START END", line);
                long start = time(w[4]);
                long end = time(w[5]);
                if (end < start) {
                    throw new ProtocolException("span ends before it starts (" + start + " > " + end + ")");
                }
                yield new SpanDone(task(w[1]), state(w[2]), core(w[3]), start, end);
            }
            case WorkerProtocol.SAMPLES -> {
                if (w.length < 4 || w.length > 3 + WorkerProtocol.SAMPLES_PER_LINE) {
                    throw new ProtocolException("expected 'samples TASK PERIOD KIND:CORE:TIME...', got "
                            + WorkerProtocol.quote(line));
                }
                java.util.List<dev.corelanes.engine.CoreSample> samples = new java.util.ArrayList<>(w.length - 3);
                long prev = Long.MIN_VALUE;
                for (int i = 3; i < w.length; i++) {
                    String[] k = w[i].split(":", -1);
                    if (k.length != 3 || k[0].length() != 1 || "bseon".indexOf(k[0].charAt(0)) < 0) {
                        throw new ProtocolException("bad sample '" + shorten(w[i]) + "'");
                    }
                    long t = time(k[2]);
                    if (t < prev) {
                        throw new ProtocolException("samples out of order");
                    }
                    prev = t;
                    samples.add(new dev.corelanes.engine.CoreSample(t, core(k[1]),
                            dev.corelanes.engine.CoreSample.Kind.of(k[0].charAt(0))));
                }
                yield new WorkerMessage.Samples(task(w[1]), longAtLeast(w[2], 1, "sampling period"), samples);
            }
            case WorkerProtocol.END -> {
                words(w, 5, "end TASK STATUS CPU TIME", line);
                yield new TaskEnd(task(w[1]), status(w[2]), longAtLeast(w[3], -1, "CPU time"), time(w[4]));
            }
            case WorkerProtocol.BYE -> {
                words(w, 3, "bye CPU PEAK_RSS", line);
                yield new Bye(longAtLeast(w[1], -1, "CPU time"), longAtLeast(w[2], -1, "peak memory"));
            }
            default -> throw new ProtocolException("unknown message " + WorkerProtocol.quote(line));
        };
    }

    private static void words(String[] w, int n, String form, String line) throws ProtocolException {
        if (w.length != n) {
            throw new ProtocolException("expected '" + form + "', got " + WorkerProtocol.quote(line));
        }
    }

    private static long number(String text, String what) throws ProtocolException {
        // Long.parseLong accepts a leading '+'; the protocol does not.
        if (text.isEmpty() || text.length() > 20 || !(text.charAt(0) == '-' || Character.isDigit(text.charAt(0)))) {
            throw new ProtocolException("bad " + what + " '" + shorten(text) + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad " + what + " '" + shorten(text) + "'");
        }
    }

    private static long longAtLeast(String text, long min, String what) throws ProtocolException {
        long v = number(text, what);
        if (v < min) {
            throw new ProtocolException(what + " out of range: " + v);
        }
        return v;
    }

    private static int intIn(String text, int min, int max, String what) throws ProtocolException {
        long v = number(text, what);
        if (v < min || v > max) {
            throw new ProtocolException(what + " out of range: " + v);
        }
        return (int) v;
    }

    private static int task(String text) throws ProtocolException {
        return intIn(text, 1, Integer.MAX_VALUE, "task id");
    }

    private static int core(String text) throws ProtocolException {
        return intIn(text, -1, MAX_CORE, "core");
    }

    /** Times are the child's nanoTime: any long (its origin is arbitrary and may be negative). */
    private static long time(String text) throws ProtocolException {
        return number(text, "time");
    }

    private static SpanState state(String text) throws ProtocolException {
        for (SpanState s : SpanState.values()) {
            if (s.id().equals(text) && WorkerProtocol.childState(s)) {
                return s;
            }
        }
        throw new ProtocolException("unknown span state '" + shorten(text) + "'");
    }

    private static TaskStatus status(String text) throws ProtocolException {
        if (TaskStatus.COMPLETED.id().equals(text)) {
            return TaskStatus.COMPLETED;
        }
        if (TaskStatus.CANCELLED.id().equals(text)) {
            return TaskStatus.CANCELLED;
        }
        throw new ProtocolException("unknown task status '" + shorten(text) + "'");
    }

    private static String shorten(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }
}

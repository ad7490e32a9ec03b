package dev.corelanes.engine.python;

import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.python.PythonMessage.Bye;
import dev.corelanes.engine.python.PythonMessage.End;
import dev.corelanes.engine.python.PythonMessage.ErrorReport;
import dev.corelanes.engine.python.PythonMessage.Hello;
import dev.corelanes.engine.python.PythonMessage.Memory;
import dev.corelanes.engine.python.PythonMessage.Opened;
import dev.corelanes.engine.python.PythonMessage.Pong;
import dev.corelanes.engine.python.PythonMessage.Ready;
import dev.corelanes.engine.python.PythonMessage.SpanDone;
import dev.corelanes.engine.python.PythonMessage.Start;
import dev.corelanes.engine.python.PythonMessage.ThreadId;
import dev.corelanes.engine.python.PythonMessage.Worker;

import java.util.regex.Pattern;

/**
 * Turns one line of the Python worker into a {@link PythonMessage}, checking words and numbers. Pure; the
 * order of messages is {@link PythonConversation}'s business.
 */
final class PythonLineParser {

    static final String NAME = "corelanes-python";
    static final int VERSION = 1;
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_CORE = 1 << 16;
    private static final Pattern WORKER = Pattern.compile("[A-Za-z][A-Za-z0-9_#.-]{0,31}");

    private PythonLineParser() {
    }

    static PythonMessage parse(String line) throws PythonProtocolException {
        if (line == null || line.isEmpty()) {
            throw new PythonProtocolException("empty line");
        }
        if (line.length() > MAX_LINE) {
            throw new PythonProtocolException("line longer than 64 KiB");
        }
        if (line.startsWith("error ")) {
            return new ErrorReport(line.substring(6).strip());
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new PythonProtocolException("not a protocol line (unexpected characters): " + quote(line));
            }
        }
        String[] w = line.split(" ", -1);
        return switch (w[0]) {
            case "hello" -> {
                words(w, 4, "hello NAME VERSION PID", line);
                if (!NAME.equals(w[1])) {
                    throw new PythonProtocolException("hello from '" + shorten(w[1]) + "', not " + NAME);
                }
                yield new Hello((int) range(w[2], 1, Integer.MAX_VALUE, "version"), range(w[3], 1, Long.MAX_VALUE, "pid"));
            }
            case "pong" -> {
                words(w, 3, "pong SEQ TIME", line);
                yield new Pong(range(w[1], 0, Long.MAX_VALUE, "ping number"), number(w[2], "time"));
            }
            case "ready" -> {
                words(w, 3, "ready STEPS_PER_SECOND MICROS", line);
                yield new Ready(range(w[1], 1, Long.MAX_VALUE, "steps per second"),
                        range(w[2], 0, Long.MAX_VALUE, "calibration time"));
            }
            case "worker" -> {
                words(w, 4, "worker NAME thread|process PID", line);
                if (!w[2].equals("thread") && !w[2].equals("process")) {
                    throw new PythonProtocolException("a worker is a thread or a process, not '" + shorten(w[2]) + "'");
                }
                yield new Worker(worker(w[1]), w[2].equals("process"), range(w[3], 1, Long.MAX_VALUE, "pid"));
            }
            case "thread" -> {
                words(w, 4, "thread WORKER PID TID", line);
                yield new ThreadId(worker(w[1]), range(w[2], 1, Long.MAX_VALUE, "pid"),
                        range(w[3], 0, Long.MAX_VALUE, "thread id"));
            }
            case "start" -> {
                words(w, 4, "start TASK WORKER TIME", line);
                yield new Start(task(w[1]), worker(w[2]), number(w[3], "time"));
            }
            case "open" -> {
                words(w, 6, "open TASK WORKER STATE CORE TIME", line);
                yield new Opened(task(w[1]), worker(w[2]), state(w[3]), core(w[4]), number(w[5], "time"));
            }
            case "span" -> {
                words(w, 7, "span TASK WORKER STATE CORE START END", line);
                int task = (int) range(w[1], 0, Integer.MAX_VALUE, "task id");
                SpanState state = state(w[3]);
                if ((task == 0) != (state == SpanState.SPAWNING)) {
                    throw new PythonProtocolException(task == 0 ? "a worker's own span must be spawning"
                            : "a task cannot be spawning");
                }
                long start = number(w[5], "time");
                long end = number(w[6], "time");
                if (end < start) {
                    throw new PythonProtocolException("span ends before it starts (" + start + " > " + end + ")");
                }
                yield new SpanDone(task, worker(w[2]), state, core(w[4]), start, end);
            }
            case "end" -> {
                words(w, 6, "end TASK WORKER STATUS CPU TIME", line);
                TaskStatus status = switch (w[3]) {
                    case "completed" -> TaskStatus.COMPLETED;
                    case "cancelled" -> TaskStatus.CANCELLED;
                    default -> throw new PythonProtocolException("unknown task status '" + shorten(w[3]) + "'");
                };
                yield new End(task(w[1]), worker(w[2]), status, range(w[4], -1, Long.MAX_VALUE, "CPU time"),
                        number(w[5], "time"));
            }
            case "memory" -> {
                words(w, 3, "memory WORKER PEAK_RSS", line);
                yield new Memory(worker(w[1]), range(w[2], -1, Long.MAX_VALUE, "peak memory"));
            }
            case "bye" -> {
                words(w, 3, "bye CPU PEAK_RSS", line);
                yield new Bye(range(w[1], -1, Long.MAX_VALUE, "CPU time"), range(w[2], -1, Long.MAX_VALUE, "peak memory"));
            }
            default -> throw new PythonProtocolException("unknown message " + quote(line));
        };
    }

    private static void words(String[] w, int n, String form, String line) throws PythonProtocolException {
        if (w.length != n) {
            throw new PythonProtocolException("expected '" + form + "', got " + quote(line));
        }
    }

    private static long number(String text, String what) throws PythonProtocolException {
        if (text.isEmpty() || text.length() > 20 || !(text.charAt(0) == '-' || Character.isDigit(text.charAt(0)))) {
            throw new PythonProtocolException("bad " + what + " '" + shorten(text) + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PythonProtocolException("bad " + what + " '" + shorten(text) + "'");
        }
    }

    private static long range(String text, long min, long max, String what) throws PythonProtocolException {
        long v = number(text, what);
        if (v < min || v > max) {
            throw new PythonProtocolException(what + " out of range: " + v);
        }
        return v;
    }

    private static int task(String text) throws PythonProtocolException {
        return (int) range(text, 1, Integer.MAX_VALUE, "task id");
    }

    private static int core(String text) throws PythonProtocolException {
        return (int) range(text, -1, MAX_CORE, "core");
    }

    private static String worker(String text) throws PythonProtocolException {
        if (!WORKER.matcher(text).matches()) {
            throw new PythonProtocolException("bad worker name '" + shorten(text) + "'");
        }
        return text;
    }

    private static SpanState state(String text) throws PythonProtocolException {
        for (SpanState s : SpanState.values()) {
            if (s.id().equals(text)) {
                return s;
            }
        }
        throw new PythonProtocolException("unknown span state '" + shorten(text) + "'");
    }

    static String quote(String line) {
        String s = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format(java.util.Locale.ROOT, "\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.append('\'').toString();
    }

    private static String shorten(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }
}

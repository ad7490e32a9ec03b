package dev.corelanes.engine.child;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/**
 * Drains a child's stderr on a daemon thread, keeping its last few lines for failure messages. A child
 * whose stderr pipe filled up would block on its next write (a JVM warning, a crash report), so the
 * pipe must always be read, whether or not anyone cares what it says.
 */
public final class StderrTail {

    /** Enough for a Python fatal error's cause, which comes a few lines before its "Current thread" trailer. */
    private static final int KEEP_LINES = 12;
    private static final int MAX_LINE_CHARS = 300;
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread drainer;

    private StderrTail(InputStream err, String worker) {
        drainer = Thread.ofPlatform().daemon(true).name("corelanes-stderr-" + worker).unstarted(() -> drain(err));
    }

    static StderrTail start(InputStream err, String worker) {
        StderrTail t = new StderrTail(err, worker);
        t.drainer.start();
        return t;
    }

    private void drain(InputStream err) {
        LineReader reader = new LineReader(err, MAX_LINE_BYTES);
        try (err) {
            while (true) {
                String line;
                try {
                    line = reader.readLine();
                } catch (LineReader.LineTooLongException e) {
                    line = "(a line longer than 64 KiB)";
                }
                if (line == null) {
                    return;
                }
                keep(line);
            }
        } catch (IOException e) {
            // the pipe closed: the child is gone
        }
    }

    private synchronized void keep(String line) {
        String l = line.strip();
        if (l.isEmpty()) {
            return;
        }
        lines.addLast(l.length() > MAX_LINE_CHARS ? l.substring(0, MAX_LINE_CHARS) + "…" : l);
        while (lines.size() > KEEP_LINES) {
            lines.removeFirst();
        }
    }

    /** Waits briefly for the child's last words (its stderr closes when it exits). */
    public void awaitEnd(long millis) {
        try {
            drainer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines kept, oldest first. */
    public synchronized java.util.List<String> lines() {
        return java.util.List.copyOf(lines);
    }

    /** The last lines, joined with " | ", or "" when the child said nothing. */
    public synchronized String lastLines(int n) {
        return lines.stream().skip(Math.max(0, lines.size() - n)).collect(Collectors.joining(" | "));
    }
}

package dev.corelanes.engine.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a traced program writes on its stdout and stderr, kept for the window to show: both pipes are drained on
 * threads of their own from the moment the program starts (a pipe nobody reads fills up and blocks the program
 * on its next write), and only the last {@link #MAX_CHARS} characters are kept (a program that prints for an hour
 * does not fill this JVM's memory). A line longer than {@link #MAX_LINE_CHARS} is cut into several.
 */
public final class ProgramOutput {

    public static final int MAX_CHARS = 256 * 1024;
    public static final int MAX_LINE_CHARS = 4096;

    /** One line and whether it came on stderr. */
    public record Line(String text, boolean stderr) {
    }

    private final Deque<Line> lines = new ArrayDeque<>();
    private long chars;
    private long dropped;
    private long version;
    private final List<Thread> drainers = new ArrayList<>();

    /** Starts draining {@code stdout} and {@code stderr} (either may be null) on daemon threads. */
    synchronized void drain(InputStream stdout, InputStream stderr) {
        if (stdout != null) {
            drainers.add(Thread.ofPlatform().daemon(true).name("corelanes-program-stdout")
                    .start(() -> pump(stdout, false)));
        }
        if (stderr != null) {
            drainers.add(Thread.ofPlatform().daemon(true).name("corelanes-program-stderr")
                    .start(() -> pump(stderr, true)));
        }
    }

    private void pump(InputStream in, boolean err) {
        StringBuilder line = new StringBuilder();
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        add(line, err);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LINE_CHARS) {
                            add(line, err);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the pipe closed: the program is gone
        }
        if (!line.isEmpty()) {
            add(line, err);
        }
    }

    private void add(StringBuilder line, boolean err) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        append(new Line(line.substring(0, end), err));
        line.setLength(0);
    }

    /** Adds a line as if the program had written it (and tests). */
    synchronized void append(Line l) {
        lines.addLast(l);
        chars += l.text().length() + 1;
        while (chars > MAX_CHARS && lines.size() > 1) {
            chars -= lines.removeFirst().text().length() + 1;
            dropped++;
        }
        version++;
    }

    /** Waits up to {@code millis} for both pipes to close (the program and whatever kept them open are gone). */
    public void awaitEnd(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Thread t : snapshotDrainers()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left > 0) {
                t.join(left);
            }
        }
    }

    private synchronized List<Thread> snapshotDrainers() {
        return List.copyOf(drainers);
    }

    /** Changes each time a line arrives: nothing new to show while it stays the same. */
    public synchronized long version() {
        return version;
    }

    /** The lines kept, oldest first. */
    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** How many earlier lines were let go to stay within {@link #MAX_CHARS}. */
    public synchronized long droppedLines() {
        return dropped;
    }

    /** The lines kept as one text, with a first line saying how many earlier ones were let go. */
    public synchronized String text() {
        StringBuilder b = new StringBuilder();
        if (dropped > 0) {
            b.append("(").append(dropped).append(" earlier lines not kept)\n");
        }
        for (Line l : lines) {
            b.append(l.text()).append('\n');
        }
        return b.toString();
    }
}

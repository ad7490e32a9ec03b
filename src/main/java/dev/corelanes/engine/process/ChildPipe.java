package dev.corelanes.engine.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;

/**
 * The parent's end of a child that talks in lines over its stdin and stdout — a worker JVM or a Python
 * program: send a line, read a bounded line, ask it to stop with a deadline. What the
 * lines mean is the caller's business; this class only makes sure a dead or stuck child cannot block the
 * parent. {@link ChildProcesses#awaitExit} waits for it to go.
 */
public final class ChildPipe {

    private final Process process;
    private final OutputStream stdin;
    private final BoundedLineReader stdout;

    public ChildPipe(Process process, int maxLineBytes) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdout = new BoundedLineReader(process.getInputStream(), maxLineBytes);
    }

    /** Sends one line; a child that is gone is not an error here (reading its stdout says how it went). */
    public synchronized void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            // gone: the end of its stdout reports it
        }
    }

    /**
     * The next line, or null at the end of the child's stdout (or when it can no longer be read).
     *
     * @throws BoundedLineReader.LineTooLongException when the line is longer than the limit
     */
    public String readLine() throws BoundedLineReader.LineTooLongException {
        try {
            return stdout.readLine();
        } catch (BoundedLineReader.LineTooLongException e) {
            throw e;
        } catch (IOException e) {
            return null;
        }
    }

    /** Closes the child's stdin: for a child of ours, the cue to end (its parent is gone or done). */
    public synchronized void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /**
     * Sends {@code line} off the caller's thread (a child that does not read its stdin must not block a
     * Cancel) and kills the child with everything it started if it is still alive {@code graceMillis} later.
     */
    public void stop(String line, long graceMillis, String threadName) {
        Thread.ofVirtual().name(threadName).start(() -> send(line));
        ScheduledFuture<?> deadline = ChildProcesses.schedule(() -> {
            if (process.isAlive()) {
                ChildProcesses.destroyTree(process);
            }
        }, graceMillis);
        process.onExit().thenRun(() -> deadline.cancel(false));
    }
}

package dev.corelanes.engine.child;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Kills a process group when this JVM dies, however it dies — even by SIGKILL, when no shutdown hook runs. A
 * program CoreLanes traces is any program: it does not end when its stdin closes, as CoreLanes' own workers do.
 * So a tiny shell, started before the program, reads the group to watch from a pipe and then waits on that pipe;
 * the pipe closes only when this JVM is gone, and then the shell kills the group. {@link #close()} ends the watch
 * without killing (the JVM cleaned up itself).
 */
public final class GroupWatchdog implements AutoCloseable {

    private final Process shell;

    private GroupWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * A watchdog ready to be told its group ({@link #watch}), or null where there is no POSIX shell. Started before the
     * program, so that there is no moment when the program runs unwatched but for the one write of its group.
     */
    public static GroupWatchdog start() {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "read g || exit 0; read _; kill -9 -$g 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return new GroupWatchdog(Children.startHelper(pb));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The same for one process that is no group leader (a JVM CoreLanes starts for itself in the background, which
     * does not watch its stdin: the window cache's assembler): {@link #watch} is then given its pid.
     */
    public static GroupWatchdog startForProcess() {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "read p || exit 0; read _; kill -9 $p 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return new GroupWatchdog(Children.startHelper(pb));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Watches process group {@code pgid} (or, from {@link #startForProcess}, the process with that pid) from now on. */
    public void watch(long pgid) {
        try {
            OutputStream in = shell.getOutputStream();
            in.write((pgid + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            // the shell is gone: nothing watches, as where there is no shell
        }
    }

    /** Ends the watch, leaving the group alone (SIGKILL: the shell runs nothing more). */
    @Override
    public void close() {
        shell.destroyForcibly();
    }
}

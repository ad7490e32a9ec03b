package dev.corelanes.engine.child;

import java.io.IOException;

/**
 * Kills a process group when this JVM dies, however it dies — even by SIGKILL, when no shutdown hook runs. A
 * program CoreLanes traces is any program: it does not end when its stdin closes, as CoreLanes' own workers do.
 * So a tiny shell waits on a pipe from this JVM; the pipe closes only when this JVM is gone, and then the shell
 * kills the traced program's group. {@link #close()} ends the watch without killing (the JVM cleaned up itself).
 */
public final class GroupWatchdog implements AutoCloseable {

    private final Process shell;

    private GroupWatchdog(Process shell) {
        this.shell = shell;
    }

    /** Watches process group {@code pgid}, or returns null where there is no POSIX shell to watch with. */
    public static GroupWatchdog watch(long pgid) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "read _; kill -KILL -- -" + pgid + " 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return new GroupWatchdog(Children.startHelper(pb));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Ends the watch, leaving the group alone (SIGKILL: the shell runs nothing more). */
    @Override
    public void close() {
        shell.destroyForcibly();
    }
}

package dev.corelanes.engine;

import dev.corelanes.engine.platform.Os;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's OS thread id, the id the kernel's own record (perf, Perfetto, tracefs, sched-truth) names it
 * by: on Linux from {@code /proc/thread-self}, a link to {@code PID/task/TID}; -1 elsewhere, or for a virtual thread
 * (its carrier's id would be a different thread's tomorrow).
 */
public final class OsThreadIds {

    private OsThreadIds() {
    }

    public static long current() {
        if (!Os.current().isLinux() || Thread.currentThread().isVirtual()) {
            return -1;
        }
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}

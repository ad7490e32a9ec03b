package dev.corelanes.engine.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, read from Linux's /proc; -1 where there is no /proc. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    public static long ofSelf() {
        return ofPid(ProcessHandle.current().pid());
    }

    /** Current resident set (VmRSS) of a process. */
    public static long ofPid(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    static long read(Path status, String key) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(key)) {
                    return parseKb(line.substring(key.length()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (Windows, macOS) or the process has gone
        }
        return -1;
    }

    /** "   41236 kB" → bytes. */
    static long parseKb(String text) {
        String t = text.trim();
        if (!t.endsWith("kB")) {
            return -1;
        }
        return Long.parseLong(t.substring(0, t.length() - 2).trim()) * 1024;
    }
}

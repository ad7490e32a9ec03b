package dev.corelanes.engine.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory as Linux's /proc tells it; -1 wherever it does not (Windows, macOS, a process gone): the
 * labs then say "not measured" rather than guess.
 *
 * <ul>
 *   <li><b>resident</b> — VmRSS in /proc/PID/status: the pages in RAM, shared ones (the JDK's libraries, the
 *   class-data archive) included;</li>
 *   <li><b>unique</b> — Private_Clean + Private_Dirty in /proc/PID/smaps_rollup (the sum over /proc/PID/smaps
 *   on kernels before 4.14): the pages only this process maps, what the machine gets back when it ends
 *   (often called USS).</li>
 * </ul>
 * The parsers take the files' text, so they are tested on fixtures.
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    public static long ofSelf() {
        return ofPid(ProcessHandle.current().pid());
    }

    /** Current resident set (VmRSS) of a process. */
    public static long ofPid(long pid) {
        return vmRss(read(Path.of("/proc", Long.toString(pid), "status")));
    }

    public static long uniqueOfSelf() {
        return uniqueOfPid(ProcessHandle.current().pid());
    }

    /** Memory only this process maps (Private_Clean + Private_Dirty), or -1 where the OS does not tell. */
    public static long uniqueOfPid(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        long rollup = privateBytes(read(dir.resolve("smaps_rollup")));
        return rollup >= 0 ? rollup : privateBytes(read(dir.resolve("smaps")));
    }

    /** The file's text, or null when there is no such file (no /proc, an old kernel, the process gone). */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** VmRSS from the text of /proc/PID/status, in bytes; -1 without it. */
    static long vmRss(String status) {
        if (status == null) {
            return -1;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return parseKb(line.substring("VmRSS:".length()));
            }
        }
        return -1;
    }

    /**
     * Private_Clean + Private_Dirty over every mapping in the text of /proc/PID/smaps_rollup (one rolled-up
     * mapping) or /proc/PID/smaps (one block per mapping), in bytes; -1 when neither field is there or one
     * cannot be read.
     */
    static long privateBytes(String smaps) {
        if (smaps == null) {
            return -1;
        }
        long sum = 0;
        boolean found = false;
        for (String line : smaps.split("\n")) {
            if (line.startsWith("Private_Clean:") || line.startsWith("Private_Dirty:")) {
                long b = parseKb(line.substring(line.indexOf(':') + 1));
                if (b < 0) {
                    return -1;
                }
                sum += b;
                found = true;
            }
        }
        return found ? sum : -1;
    }

    /** "   41236 kB" → bytes; -1 for anything else. */
    static long parseKb(String text) {
        String t = text.trim();
        if (!t.endsWith("kB")) {
            return -1;
        }
        try {
            return Long.parseLong(t.substring(0, t.length() - 2).trim()) * 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

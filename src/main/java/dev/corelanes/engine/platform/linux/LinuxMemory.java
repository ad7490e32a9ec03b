package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.MemoryReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux: a process's memory from {@code /proc}, read as text (no native call, so a worker reports its peak without
 * loading JNA). The root is a parameter so that tests read fixture files.
 *
 * <ul>
 *   <li><b>resident</b> — VmRSS in /proc/PID/status: the pages in RAM, shared ones (the JDK's libraries, the
 *   class-data archive) included;</li>
 *   <li><b>unique</b> — Private_Clean + Private_Dirty in /proc/PID/smaps_rollup (the sum over /proc/PID/smaps
 *   on kernels before 4.14): the pages only this process maps (often called USS);</li>
 *   <li><b>peak</b> — VmHWM in /proc/self/status.</li>
 * </ul>
 */
public final class LinuxMemory implements MemoryReader {

    private final Path proc;

    public LinuxMemory() {
        this(Path.of("/proc"));
    }

    /** Reads {@code proc} as if it were {@code /proc} (tests give a folder of fixtures). */
    public LinuxMemory(Path proc) {
        this.proc = proc;
    }

    @Override
    public long resident(long pid) {
        return statusField(read(proc.resolve(Long.toString(pid)).resolve("status")), "VmRSS:");
    }

    @Override
    public long unique(long pid) {
        Path dir = proc.resolve(Long.toString(pid));
        long rollup = privateBytes(read(dir.resolve("smaps_rollup")));
        return rollup >= 0 ? rollup : privateBytes(read(dir.resolve("smaps")));
    }

    @Override
    public long peakOfSelf() {
        return statusField(read(proc.resolve("self").resolve("status")), "VmHWM:");
    }

    @Override
    public String source() {
        return "/proc (VmRSS, VmHWM, smaps_rollup)";
    }

    /** The file's text, or null when there is no such file (no /proc, an old kernel, the process gone). */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A "kB" field ("VmRSS:", "VmHWM:") of the text of /proc/PID/status, in bytes; -1 without it. */
    static long statusField(String status, String field) {
        if (status == null) {
            return -1;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return parseKb(line.substring(field.length()));
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

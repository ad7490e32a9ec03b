package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.ProcessEntry;
import dev.corelanes.engine.platform.ProcessTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Linux: the process table from {@code /proc/PID/stat} (the root is a parameter so that tests read fixtures). */
public final class ProcTable implements ProcessTable {

    private final Path proc;

    public ProcTable() {
        this(Path.of("/proc"));
    }

    public ProcTable(Path proc) {
        this.proc = proc;
    }

    @Override
    public boolean available() {
        return Files.isReadable(proc.resolve("self/stat"));
    }

    @Override
    public ProcessEntry read(long pid) {
        try {
            return parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Map<Long, ProcessEntry> all() {
        Map<Long, ProcessEntry> all = new HashMap<>();
        if (!available()) {
            return all;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path d : dirs) {
                ProcessEntry p = read(Long.parseLong(d.getFileName().toString()));
                if (p != null) {
                    all.put(p.pid(), p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // what was read so far is still worth killing
        }
        return all;
    }

    /** Parses a stat line; the command name sits in parentheses and may itself contain spaces or ')'. */
    public static ProcessEntry parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')).strip());
        String[] f = stat.substring(close + 2).split(" ");
        // f[0] state, f[1] ppid, f[2] pgrp, f[3] session
        return new ProcessEntry(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[0].charAt(0));
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}

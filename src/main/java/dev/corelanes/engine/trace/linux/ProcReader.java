package dev.corelanes.engine.trace.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what Linux tells any user about the threads of a process, without privileges: {@code /proc/PID/task/TID/stat}
 * (state, parent, the CPU it last ran on), {@code schedstat} (nanoseconds on a CPU, nanoseconds runnable but
 * waiting for one, and how many times it was put on one), {@code wchan} (the kernel function a sleeping thread
 * waits in) and {@code comm} (its name). Every read of a thread that is gone returns null or empty: threads
 * come and go between two reads, and that is not an error.
 *
 * <p>{@code root} is {@code /proc} on a real system and a folder of fixture files in tests.
 */
public final class ProcReader {

    /** One reading of {@code /proc/PID/task/TID/stat}. {@code cpu} is field 39, the CPU it last ran on. */
    public record Stat(int tid, String comm, char state, int ppid, int cpu) {
        /** Running or runnable (R); everything else is off the CPU. */
        public boolean runnable() {
            return state == 'R';
        }

        /** A thread that has ended but not been reaped yet (zombie, dead). */
        public boolean ended() {
            return state == 'Z' || state == 'X' || state == 'x';
        }
    }

    /** One reading of {@code schedstat}: on-CPU nanoseconds, runnable-but-waiting nanoseconds, times put on a CPU. */
    public record SchedStat(long runNanos, long waitNanos, long slices) {
    }

    private final Path root;
    private final String rootText;
    /** One read buffer per sampling thread: a sweep reads hundreds of small files and should allocate little. */
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[4096]);

    public ProcReader(Path root) {
        this.root = root;
        this.rootText = root.toString();
    }

    /** The real {@code /proc}. */
    public static ProcReader system() {
        return new ProcReader(Path.of("/proc"));
    }

    /** True when this system has per-thread scheduler statistics to read (Linux with /proc and schedstat). */
    public boolean available() {
        return Files.isReadable(root.resolve("self/schedstat")) && Files.isReadable(root.resolve("self/stat"));
    }

    /** True when process {@code pid} exists (a zombie counts as gone). */
    public boolean alive(int pid) {
        Stat s = stat(pid, pid);
        return s != null && !s.ended();
    }

    public Stat stat(int pid, int tid) {
        String text = read(rootText + "/" + pid + "/task/" + tid + "/stat");
        return text == null ? null : parseStat(text);
    }

    /** The process's own stat ({@code /proc/PID/stat}). */
    public Stat processStat(int pid) {
        String text = read(rootText + "/" + pid + "/stat");
        return text == null ? null : parseStat(text);
    }

    /**
     * Parses a stat line: {@code tid (comm) S ppid …}. The name may hold spaces and parentheses, so the fields
     * are counted from the last ')'. Null when the line is not one.
     */
    public static Stat parseStat(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        try {
            int tid = Integer.parseInt(text.substring(0, open).strip());
            String comm = text.substring(open + 1, close);
            String[] f = text.substring(close + 1).strip().split(" ");
            // f[0] is field 3 (state), so field n is f[n - 3]: ppid is field 4, processor field 39.
            if (f.length < 37) {
                return null;
            }
            return new Stat(tid, comm, f[0].charAt(0), Integer.parseInt(f[1]), Integer.parseInt(f[36]));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    public SchedStat schedStat(int pid, int tid) {
        String text = read(rootText + "/" + pid + "/task/" + tid + "/schedstat");
        return text == null ? null : parseSchedStat(text);
    }

    /** This thread's own scheduler statistics ({@code /proc/thread-self/schedstat}), or null. */
    public SchedStat ownSchedStat() {
        String text = read(rootText + "/thread-self/schedstat");
        return text == null ? null : parseSchedStat(text);
    }

    /** The calling thread's Linux thread id ({@code /proc/thread-self} → {@code PID/task/TID}), or -1. */
    public long ownTid() {
        try {
            Path link = Files.readSymbolicLink(root.resolve("thread-self"));
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static SchedStat parseSchedStat(String text) {
        String[] f = text.strip().split(" ");
        if (f.length < 3) {
            return null;
        }
        try {
            return new SchedStat(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The kernel function a sleeping thread waits in ("futex_wait_queue", "do_nanosleep"…), or "" (running, unknown). */
    public String wchan(int pid, int tid) {
        String text = read(rootText + "/" + pid + "/task/" + tid + "/wchan");
        return text == null || text.equals("0") ? "" : text.strip();
    }

    /** The thread ids of process {@code pid}, or empty when it is gone. */
    public List<Integer> tasks(int pid) {
        return numbers(new java.io.File(rootText + "/" + pid + "/task"));
    }

    /** Every process's parent (pid → ppid): one pass over {@code /proc}, for finding the children of a tree. */
    public Map<Integer, Integer> parents() {
        Map<Integer, Integer> out = new HashMap<>();
        for (int pid : processIds()) {
            Stat s = processStat(pid);
            if (s != null) {
                out.put(pid, s.ppid());
            }
        }
        return out;
    }

    /** Every process id in {@code /proc} (one directory listing). */
    public List<Integer> processIds() {
        return numbers(new java.io.File(rootText));
    }

    /** The command line of {@code pid} with spaces between its arguments, or "" when unreadable. */
    public String cmdline(int pid) {
        try {
            byte[] b = Files.readAllBytes(root.resolve(pid + "/cmdline"));
            return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The numeric entries of a folder (one getdents pass; no Path objects: a sweep lists hundreds). */
    private static List<Integer> numbers(java.io.File dir) {
        String[] names = dir.list();
        if (names == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>(names.length);
        for (String n : names) {
            if (!n.isEmpty() && n.charAt(0) >= '0' && n.charAt(0) <= '9') {
                try {
                    out.add(Integer.parseInt(n));
                } catch (NumberFormatException e) {
                    // not a process
                }
            }
        }
        return out;
    }

    /** A small /proc file's text, or null when it is gone (the thread ended between listing and reading). */
    private String read(String path) {
        byte[] buf = buffers.get();
        try (java.io.FileInputStream in = new java.io.FileInputStream(path)) {
            int n = 0;
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
            return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

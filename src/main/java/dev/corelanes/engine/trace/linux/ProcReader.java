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

    /**
     * A thread's {@code stat} and {@code schedstat} kept open: read again from the start, a /proc file gives its
     * current values, without the path lookup that is most of the cost of opening it (a sweep of 64 threads reads
     * 128 of them). {@link #close} when the thread is gone.
     */
    public final class OpenThread implements AutoCloseable {
        private final java.io.RandomAccessFile stat;
        private final java.io.RandomAccessFile sched;

        private OpenThread(java.io.RandomAccessFile stat, java.io.RandomAccessFile sched) {
            this.stat = stat;
            this.sched = sched;
        }

        /** The thread's stat now, or null when it is gone. */
        public Stat stat() {
            String text = reread(stat);
            return text == null ? null : parseStat(text);
        }

        /** The thread's schedstat now, or null when it is gone. */
        public SchedStat schedStat() {
            String text = reread(sched);
            return text == null ? null : parseSchedStat(text);
        }

        @Override
        public void close() {
            try {
                stat.close();
                sched.close();
            } catch (IOException e) {
                // closing a /proc file does not fail in a way that matters
            }
        }
    }

    /** Opens thread {@code tid} of {@code pid} for repeated reads, or null when it is gone. */
    public OpenThread open(int pid, int tid) {
        String base = rootText + "/" + pid + "/task/" + tid;
        java.io.RandomAccessFile stat = null;
        try {
            stat = new java.io.RandomAccessFile(base + "/stat", "r");
            return new OpenThread(stat, new java.io.RandomAccessFile(base + "/schedstat", "r"));
        } catch (IOException | RuntimeException e) {
            if (stat != null) {
                try {
                    stat.close();
                } catch (IOException ignored) {
                    // gone anyway
                }
            }
            return null;
        }
    }

    private String reread(java.io.RandomAccessFile f) {
        byte[] buf = buffers.get();
        try {
            f.seek(0);
            int n = 0;
            int r;
            while (n < buf.length && (r = f.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
            return n == 0 ? null : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null; // the thread has ended: its files read as errors (ESRCH)
        }
    }

    /**
     * The last process id the kernel handed out ({@code /proc/loadavg}'s last field), or -1: when it has not moved
     * since the last look, no process or thread was started anywhere, and the ids in between are the only new ones.
     */
    public int lastPid() {
        String text = read(rootText + "/loadavg");
        if (text == null) {
            return -1;
        }
        try {
            String[] f = text.strip().split(" ");
            return Integer.parseInt(f[f.length - 1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** True when {@code pid} is a process (leads its thread group), not another thread's id. */
    public boolean isProcess(int pid) {
        String text = read(rootText + "/" + pid + "/status");
        if (text == null) {
            return false;
        }
        int i = text.indexOf("\nTgid:");
        if (i < 0) {
            return false;
        }
        int end = text.indexOf('\n', i + 1);
        try {
            return Integer.parseInt(text.substring(i + 6, end < 0 ? text.length() : end).strip()) == pid;
        } catch (NumberFormatException e) {
            return false;
        }
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

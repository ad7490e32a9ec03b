package dev.corelanes.engine.trace.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
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
    private final ThreadLocal<ByteBuffer> channelBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(4096));
    /** {@code /proc/loadavg}, kept open: read every sweep. */
    private FileChannel loadavg;

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
     * A thread's {@code stat}, {@code schedstat} and {@code wchan} kept open and read again from the start with one
     * {@code pread} each: a /proc file read again gives its current values, without the path lookup that is much of
     * the cost of opening it. What was read is kept here, parsed straight from the bytes (no strings but the name,
     * made again only when it changes): a sweep of 64 threads reads 128 files and should allocate next to nothing.
     * {@link #close} when the thread is gone. One sampling thread at a time.
     */
    public final class OpenThread implements AutoCloseable {
        private final String base;
        private final FileChannel stat;
        private final FileChannel sched;
        private FileChannel wchanFile; // opened the first time the thread is seen asleep
        private long runNanos = -1;
        private long waitNanos;
        private long slices = -1;
        private boolean ranSinceLast = true;
        private char state;
        private int ppid;
        private int cpu;
        private byte[] commBytes = new byte[0];
        private String comm = "";

        private OpenThread(String base, FileChannel stat, FileChannel sched) {
            this.base = base;
            this.stat = stat;
            this.sched = sched;
        }

        /**
         * Reads {@code schedstat}; false when the thread is gone. Cheap (three numbers): the sampler reads it first,
         * and {@link #ranSinceLast} then says whether {@code stat} and {@code wchan} can have changed.
         */
        public boolean readSchedStat() {
            ByteBuffer b = reread(sched);
            if (b == null) {
                return false;
            }
            byte[] a = b.array();
            int n = b.position();
            int[] at = {0};
            long run = number(a, n, at);
            long wait = number(a, n, at);
            long count = number(a, n, at);
            if (run < 0 || wait < 0 || count < 0) {
                return false;
            }
            ranSinceLast = count != slices || run != runNanos;
            runNanos = run;
            waitNanos = wait;
            slices = count;
            return true;
        }

        /** Reads {@code stat} (state, parent, the CPU it last ran on, name); false when the thread is gone. */
        public boolean readStat() {
            ByteBuffer b = reread(stat);
            if (b == null) {
                return false;
            }
            byte[] a = b.array();
            int n = b.position();
            int open = -1;
            for (int i = 0; i < n; i++) {
                if (a[i] == '(') {
                    open = i;
                    break;
                }
            }
            int close = -1;
            for (int i = n - 1; i > open; i--) {
                if (a[i] == ')') {
                    close = i;
                    break;
                }
            }
            if (open < 0 || close < 0 || close + 2 >= n) {
                return false;
            }
            // Field 3 (state) follows ") "; then ppid (4); the CPU last run on is field 39.
            int[] at = {close + 4};
            long parent = number(a, n, at);
            int field = 5;
            long last = -1;
            while (field <= 39 && at[0] < n) {
                if (field == 39) {
                    last = number(a, n, at);
                } else {
                    skipField(a, n, at);
                }
                field++;
            }
            if (parent < 0 || last < 0) {
                return false;
            }
            state = (char) a[close + 2];
            ppid = (int) parent;
            cpu = (int) last;
            int len = close - open - 1;
            if (len != commBytes.length || !java.util.Arrays.equals(a, open + 1, close, commBytes, 0, len)) {
                commBytes = java.util.Arrays.copyOfRange(a, open + 1, close);
                comm = new String(commBytes, StandardCharsets.UTF_8);
            }
            return true;
        }

        /** The kernel function it sleeps in, "" when running or unknown: one pread of its kept-open wchan. */
        public String wchan() {
            if (wchanFile == null) {
                try {
                    wchanFile = FileChannel.open(Path.of(base + "/wchan"), StandardOpenOption.READ);
                } catch (IOException | RuntimeException e) {
                    return "";
                }
            }
            ByteBuffer b = reread(wchanFile);
            if (b == null || b.position() == 0) {
                return "";
            }
            String text = new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1).strip();
            return text.equals("0") ? "" : text;
        }

        /** True when the thread was put on a CPU or ran since the reading before the last {@link #readSchedStat}. */
        public boolean ranSinceLast() {
            return ranSinceLast;
        }

        public long runNanos() {
            return runNanos;
        }

        public long waitNanos() {
            return waitNanos;
        }

        public long slices() {
            return slices;
        }

        /** The state letter of the last {@link #readStat}. */
        public char state() {
            return state;
        }

        public int ppid() {
            return ppid;
        }

        public int cpu() {
            return cpu;
        }

        public String comm() {
            return comm;
        }

        /** The thread's stat now, or null when it is gone. */
        public Stat stat() {
            return readStat() ? new Stat(tidOf(base), comm, state, ppid, cpu) : null;
        }

        /** The thread's schedstat now, or null when it is gone. */
        public SchedStat schedStat() {
            return readSchedStat() ? new SchedStat(runNanos, waitNanos, slices) : null;
        }

        @Override
        public void close() {
            for (FileChannel c : new FileChannel[]{stat, sched, wchanFile}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (IOException e) {
                    // closing a /proc file does not fail in a way that matters
                }
            }
        }
    }

    private static int tidOf(String base) {
        return Integer.parseInt(base.substring(base.lastIndexOf('/') + 1));
    }

    /** The next unsigned decimal number from {@code at[0]} (spaces before it skipped), or -1; moves {@code at[0]}. */
    private static long number(byte[] a, int n, int[] at) {
        int i = at[0];
        while (i < n && a[i] == ' ') {
            i++;
        }
        long v = 0;
        int start = i;
        while (i < n && a[i] >= '0' && a[i] <= '9') {
            v = v * 10 + (a[i] - '0');
            i++;
        }
        at[0] = i;
        return i == start ? -1 : v;
    }

    private static void skipField(byte[] a, int n, int[] at) {
        int i = at[0];
        while (i < n && a[i] == ' ') {
            i++;
        }
        while (i < n && a[i] != ' ') {
            i++;
        }
        at[0] = i;
    }

    /** Opens thread {@code tid} of {@code pid} for repeated reads, or null when it is gone. */
    public OpenThread open(int pid, int tid) {
        String base = rootText + "/" + pid + "/task/" + tid;
        FileChannel stat = null;
        try {
            stat = FileChannel.open(Path.of(base + "/stat"), StandardOpenOption.READ);
            return new OpenThread(base, stat, FileChannel.open(Path.of(base + "/schedstat"), StandardOpenOption.READ));
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

    /** A kept-open /proc file read again from its start (one pread) into this thread's buffer, or null (ended). */
    private ByteBuffer reread(FileChannel f) {
        ByteBuffer buf = channelBuffers.get();
        buf.clear();
        try {
            while (buf.hasRemaining()) {
                int r = f.read(buf, buf.position());
                if (r <= 0) {
                    break;
                }
            }
            return buf.position() == 0 ? null : buf;
        } catch (IOException | RuntimeException e) {
            return null; // the thread has ended: its files read as errors (ESRCH)
        }
    }

    /**
     * The last process id the kernel handed out ({@code /proc/loadavg}'s last field), or -1: when it has not moved
     * since the last look, no process or thread was started anywhere, and the ids in between are the only new ones.
     */
    public synchronized int lastPid() {
        try {
            if (loadavg == null) {
                loadavg = FileChannel.open(root.resolve("loadavg"), StandardOpenOption.READ);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        ByteBuffer b = reread(loadavg);
        if (b == null) {
            return -1;
        }
        byte[] a = b.array();
        int end = b.position();
        while (end > 0 && (a[end - 1] == '\n' || a[end - 1] == ' ')) {
            end--;
        }
        int start = end;
        while (start > 0 && a[start - 1] >= '0' && a[start - 1] <= '9') {
            start--;
        }
        int[] at = {start};
        long v = number(a, end, at);
        return start == end || v > Integer.MAX_VALUE ? -1 : (int) v;
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

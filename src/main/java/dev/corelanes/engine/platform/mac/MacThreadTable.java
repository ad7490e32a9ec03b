package dev.corelanes.engine.platform.mac;

import com.sun.jna.Native;
import dev.corelanes.engine.platform.OsProcess;
import dev.corelanes.engine.platform.OsThread;
import dev.corelanes.engine.platform.ThreadTable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * macOS: libproc (in libSystem) for any process of the same user, no privileges. {@code proc_listchildpids} finds
 * each process's children, {@code proc_pidinfo(PROC_PIDLISTTHREADS)} its threads and
 * {@code proc_pidinfo(PROC_PIDTHREADINFO)} each thread's state and CPU time ({@link MacThreadInfo} reads the struct).
 * This class is the thin binding only; what the bytes mean is {@link MacThreadInfo}'s.
 */
public final class MacThreadTable implements ThreadTable {

    private static final int PROC_PIDTHREADINFO = 5;
    private static final int PROC_PIDLISTTHREADS = 6;

    /** The binding, made when first called (making a table binds nothing). */
    private static final class Lib {
        static {
            Native.register(Lib.class, "System");
        }

        static native int proc_pidinfo(int pid, int flavor, long arg, byte[] buffer, int size);

        /** Returns how many pids it wrote (libproc divides proc_listpids's byte count by sizeof(pid_t)). */
        static native int proc_listchildpids(int ppid, int[] buffer, int size);

        static native int proc_name(int pid, byte[] buffer, int size);
    }

    @Override
    public String unavailableReason() {
        try {
            Lib.proc_name((int) ProcessHandle.current().pid(), new byte[256], 256);
            return "";
        } catch (LinkageError e) {
            return "libproc could not be loaded (" + e.getMessage() + ")";
        }
    }

    private final byte[] info = new byte[MacThreadInfo.SIZE];
    private byte[] ids = new byte[64 * Long.BYTES];

    @Override
    public synchronized List<OsProcess> read(Collection<Integer> tree) {
        Map<Integer, Integer> parents = new LinkedHashMap<>();
        Deque<Integer> todo = new ArrayDeque<>(tree);
        tree.forEach(p -> parents.put(p, 0));
        while (!todo.isEmpty()) {
            int pid = todo.poll();
            for (int child : children(pid)) {
                if (!parents.containsKey(child)) {
                    parents.put(child, pid);
                    todo.add(child);
                }
            }
        }
        List<OsProcess> out = new ArrayList<>();
        parents.forEach((pid, ppid) -> {
            List<OsThread> threads = threads(pid);
            if (!threads.isEmpty()) {
                out.add(new OsProcess(pid, ppid, name(pid), threads));
            }
        });
        return out;
    }

    private static int[] children(int pid) {
        int[] buf = new int[256];
        int n = Lib.proc_listchildpids(pid, buf, buf.length * Integer.BYTES);
        // A count; an older libproc that gave bytes leaves zeros past the last pid, skipped.
        return n <= 0 ? new int[0] : java.util.Arrays.stream(buf, 0, Math.min(n, buf.length)).filter(p -> p > 0).toArray();
    }

    private List<OsThread> threads(int pid) {
        int filled;
        while (true) {
            filled = Lib.proc_pidinfo(pid, PROC_PIDLISTTHREADS, 0, ids, ids.length);
            if (filled < ids.length || ids.length >= (1 << 20)) {
                break;
            }
            ids = new byte[ids.length * 2]; // full: there may be more threads than it held
        }
        List<OsThread> out = new ArrayList<>();
        for (long tid : MacThreadInfo.threadIds(ids, filled)) {
            int n = Lib.proc_pidinfo(pid, PROC_PIDTHREADINFO, tid, info, info.length);
            MacThreadInfo t = MacThreadInfo.parse(info, n);
            if (t != null) {
                out.add(t.toThread(tid));
            }
        }
        return out;
    }

    private static String name(int pid) {
        byte[] b = new byte[256];
        int n = Lib.proc_name(pid, b, b.length);
        return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public boolean alive(int pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public String command(int pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command())).orElse(name(pid));
    }

    @Override
    public String note() {
        return NOTE;
    }

    /** What macOS cannot tell, in one line (the fake of the tests says the same). */
    public static final String NOTE = "macOS does not tell which CPU another process's thread ran on: threads are "
            + "drawn by state, not on core lanes; and its 'running' includes runnable (waiting for a CPU), which "
            + "Mach does not tell apart.";
}

package dev.corelanes.engine.trace.linux;

import dev.corelanes.engine.platform.CpuList;
import dev.corelanes.engine.platform.PerfEvents;
import dev.corelanes.engine.platform.host.Host;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Linux: every context switch of a process tree, as the kernel records it — what an unprivileged user may see of
 * its own processes at {@code kernel.perf_event_paranoid} 2 or lower. One perf event per CPU on the traced task
 * ({@link PerfLayout#switchAttr}: a dummy event with switch, fork/exit and comm records, inherited by every thread
 * and child it starts from then on; inherited events must be per CPU to be mapped), each with a ring buffer of its
 * own, read by one thread every {@link #READ_PERIOD_NANOS}. Records the kernel had to drop (a full buffer) are
 * counted and told ({@link PerfLayout.Sink#lost}), never hidden. {@link #close} reads what is left, unmaps every
 * buffer and closes every event — also when opening failed half-way.
 */
public final class PerfSwitches implements AutoCloseable {

    /**
     * How often the buffers are read: a buffer of 32 pages holds some 4 000 switch records, far more than a program
     * switches in 10 ms; the live lanes lag by about this much. At 4 ms the reader cost ~0.9 % of one core for two
     * busy loops on a loaded machine, more than it bought.
     */
    static final long READ_PERIOD_NANOS = 10_000_000L;
    /** Data pages per buffer, halved while the locked-memory limit refuses the mapping (perf_event_mlock_kb). */
    static final int MAX_DATA_PAGES = 64;

    /** Why the kernel's switch records cannot be had; the message is one line for the user. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    private final PerfLayout.Sink sink;
    private final PerfEvents calls;
    private final List<Ring> rings = new ArrayList<>();
    private volatile boolean closing;
    private volatile long caughtUpNanos = Long.MIN_VALUE;
    private volatile long readerCpuNanos;
    private Thread reader;
    private boolean closed;

    /** One CPU's event and its mapped buffer. */
    private static final class Ring {
        final int fd;
        final int cpu;
        long address;
        long length;
        long dataOffset;
        long dataSize;
        long tail;
        byte[] copy = new byte[0];
        int carried; // bytes of a record cut at the end of the last read, kept at the start of copy

        Ring(int fd, int cpu) {
            this.fd = fd;
            this.cpu = cpu;
        }
    }

    private PerfSwitches(PerfLayout.Sink sink, PerfEvents calls) {
        this.sink = sink;
        this.calls = calls;
    }

    /**
     * Opens the events on {@code tid} (a program held stopped before it runs: everything it starts inherits them)
     * and starts reading; every record goes to {@code sink}, on the reader thread.
     *
     * @throws Refused with the reason in one line when the kernel refuses (perf_event_paranoid), does not offer it,
     *                 or the buffers cannot be mapped
     */
    public static PerfSwitches open(int tid, PerfLayout.Sink sink) throws Refused {
        PerfEvents calls = Host.perfEvents().orElseThrow(() -> new Refused("kernel switch records are Linux's"));
        List<Integer> cpus = onlineCpus();
        PerfSwitches p = new PerfSwitches(sink, calls);
        try {
            calls.pageSize(); // loads libc: a failure is said as a refusal, not thrown
        } catch (LinkageError | RuntimeException e) {
            throw new Refused("kernel switch records cannot be read: libc not loaded (" + e.getMessage() + ")");
        }
        try {
            byte[] attr = PerfLayout.switchAttr();
            for (int cpu : cpus) {
                int fd = calls.open(attr, tid, cpu);
                if (fd < 0) {
                    throw new Refused(refusalFor(-fd));
                }
                p.rings.add(new Ring(fd, cpu));
            }
            p.mapAll();
        } catch (Refused | RuntimeException e) {
            p.free();
            throw e;
        }
        p.reader = Thread.ofPlatform().daemon(true).name("corelanes-trace-switches").start(p::readLoop);
        return p;
    }

    /** The CPUs the kernel has online (an event per CPU: a thread may run on any of them). */
    private static List<Integer> onlineCpus() {
        try {
            List<Integer> cpus = CpuList.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip());
            if (!cpus.isEmpty()) {
                return cpus;
            }
        } catch (IOException | RuntimeException e) {
            // fall through: every CPU this JVM counts
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            all.add(i);
        }
        return all;
    }

    /** The user's line for an errno of perf_event_open. */
    public static String refusalFor(int errno) {
        return switch (errno) {
            case 1, 13 -> "the kernel does not let this user record context switches: kernel.perf_event_paranoid is "
                    + paranoid() + ", 2 or lower allows it";
            case 3 -> "the program ended before its context switches could be recorded";
            case 38 -> "this kernel (or its sandbox, or this CPU architecture here) does not offer perf_event_open";
            case 2, 19, 22, 95 -> "this kernel does not record context switches for perf (errno " + errno + ")";
            case 24 -> "too many open files to record context switches";
            default -> "perf_event_open failed (errno " + errno + ")";
        };
    }

    private static String paranoid() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void mapAll() throws Refused {
        int page = calls.pageSize();
        int pages = MAX_DATA_PAGES;
        while (true) {
            boolean ok = true;
            for (Ring r : rings) {
                long len = (long) (pages + 1) * page;
                long at = calls.map(r.fd, len);
                if (at < 0) {
                    long errno = -at;
                    ok = false;
                    if (errno != 1 && errno != 12) { // not the locked-memory limit (EPERM) or memory (ENOMEM)
                        throw new Refused("the kernel's switch records could not be mapped (errno " + errno + ")");
                    }
                    break;
                }
                r.address = at;
                r.length = len;
                long off = calls.getLong(at, PerfLayout.PAGE_DATA_OFFSET);
                long size = calls.getLong(at, PerfLayout.PAGE_DATA_SIZE);
                r.dataOffset = off > 0 ? off : page; // kernels before 4.1 leave them 0: data follows the first page
                r.dataSize = size > 0 ? size : (long) pages * page;
                r.tail = calls.getLong(at, PerfLayout.PAGE_DATA_TAIL);
            }
            if (ok) {
                return;
            }
            unmapAll();
            if (pages == 1) {
                throw new Refused("the kernel's switch records could not be mapped: locked-memory limit "
                        + "(kernel.perf_event_mlock_kb, ulimit -l)");
            }
            pages /= 2;
        }
    }

    private void readLoop() {
        var mx = ManagementFactory.getThreadMXBean();
        long cpuStart = mx.getCurrentThreadCpuTime();
        while (!closing) {
            readAll();
            readerCpuNanos = Math.max(0, mx.getCurrentThreadCpuTime() - cpuStart);
            LockSupport.parkNanos(READ_PERIOD_NANOS);
        }
        readAll();
        readerCpuNanos = Math.max(0, mx.getCurrentThreadCpuTime() - cpuStart);
    }

    /** One pass over every buffer; what was written before it began is then all told. */
    private synchronized void readAll() {
        long began = System.nanoTime();
        for (Ring r : rings) {
            read(r);
        }
        caughtUpNanos = began;
    }

    private void read(Ring r) {
        if (r.address == 0) {
            return;
        }
        long head = calls.getLong(r.address, PerfLayout.PAGE_DATA_HEAD);
        VarHandle.acquireFence(); // the records before head are written before head is (the kernel's smp_wmb)
        long available = head - r.tail;
        if (available <= 0) {
            return;
        }
        int n = (int) Math.min(available, r.dataSize);
        if (r.copy.length < r.carried + n) {
            byte[] bigger = new byte[r.carried + n];
            System.arraycopy(r.copy, 0, bigger, 0, r.carried);
            r.copy = bigger;
        }
        // The unread part may wrap around the end of the data pages: two copies put it back in order.
        long from = r.tail & (r.dataSize - 1);
        long first = Math.min(n, r.dataSize - from);
        calls.read(r.address, r.dataOffset + from, r.copy, r.carried, (int) first);
        if (first < n) {
            calls.read(r.address, r.dataOffset, r.copy, r.carried + (int) first, (int) (n - first));
        }
        r.tail += n;
        VarHandle.releaseFence(); // done reading before the kernel may write there again
        calls.putLong(r.address, PerfLayout.PAGE_DATA_TAIL, r.tail);
        int total = r.carried + n;
        int used = PerfLayout.parse(ByteBuffer.wrap(r.copy, 0, total), sink);
        // A whole record is always published at once; this keeps a cut one only should that ever not hold.
        r.carried = total - used;
        if (r.carried > 0) {
            System.arraycopy(r.copy, used, r.copy, 0, r.carried);
        }
    }

    /** {@link System#nanoTime()} when the last full pass over the buffers began: every record before it is told. */
    public long caughtUpNanos() {
        return caughtUpNanos;
    }

    /** The reader thread's own CPU time so far. */
    public long readerCpuNanos() {
        return readerCpuNanos;
    }

    /** How many CPUs are watched. */
    public int cpus() {
        return rings.size();
    }

    /** Stops reading after one last pass, then unmaps every buffer and closes every event. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closing = true;
        Thread t = reader;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        free();
    }

    private synchronized void free() {
        unmapAll();
        for (Ring r : rings) {
            calls.close(r.fd);
        }
        rings.clear();
    }

    private void unmapAll() {
        for (Ring r : rings) {
            if (r.address != 0) {
                calls.unmap(r.address, r.length);
                r.address = 0;
            }
        }
    }
}

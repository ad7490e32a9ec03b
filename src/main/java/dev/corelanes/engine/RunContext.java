package dev.corelanes.engine;

import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.platform.CpuAffinity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared state of one run while it runs: its clock, its cancel flag, and what it has recorded so far.
 * Backends (threads, processes) write to it from many threads at once.
 */
public final class RunContext {

    private final ExperimentSpec spec;
    private final Calibration calibration;
    private final CoreProbe probe;
    private final TraceSink sink;
    private final long originNanos;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ConcurrentLinkedQueue<TaskRecord> tasks = new ConcurrentLinkedQueue<>();
    private final Map<String, WorkerInfo> workers = new ConcurrentHashMap<>();
    /**
     * The OS thread of each worker that told it: a thread of this JVM by itself ({@link #noteWorkerThread}), with this
     * process's id; a worker process's task thread through its protocol ({@link #noteWorkerTid}), pid -1 (the
     * worker's own pid stays).
     */
    private final Map<String, OsThread> threadIds = new ConcurrentHashMap<>();

    private record OsThread(long pid, long tid) {
    }
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicBoolean cpuUnknown = new AtomicBoolean();
    private final List<String> failures = new ArrayList<>();
    private final CpuAffinity.Pinning pinning;

    RunContext(ExperimentSpec spec, Calibration calibration, CoreProbe probe, TraceSink sink, long originNanos) {
        this(spec, calibration, probe, sink, originNanos, CpuAffinity.NONE);
    }

    RunContext(ExperimentSpec spec, Calibration calibration, CoreProbe probe, TraceSink sink, long originNanos,
               CpuAffinity.Pinning pinning) {
        this.pinning = pinning;
        this.spec = spec;
        this.calibration = calibration;
        this.probe = probe;
        this.sink = sink;
        this.originNanos = originNanos;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public Calibration calibration() {
        return calibration;
    }

    public CoreProbe probe() {
        return probe;
    }

    public TraceSink sink() {
        return sink;
    }

    /** {@link System#nanoTime()} at the run's time zero. */
    public long originNanos() {
        return originNanos;
    }

    /** Nanoseconds since the run started. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    /** Keeps the calling thread on the run's CPUs when the run has a core limit (a no-op otherwise). */
    public void pinThisThread() {
        pinning.pinThisThread();
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    boolean cancel() {
        return cancelled.compareAndSet(false, true);
    }

    /** The environment a task of this JVM runs in, with the given interpreter lock (or null). */
    public TaskEnvironment environment(PythonGil gil) {
        return new TaskEnvironment(calibration, probe, gil, sink, this::now, cancelled::get);
    }

    public void recordTask(TaskRecord task) {
        tasks.add(task);
        sink.task(task);
    }

    /**
     * Called on a worker thread of this JVM as it starts: this process's id and the thread's OS id, so the run file
     * names the thread the kernel scheduled (perf, Perfetto and sched-truth match by it). The thread id is Linux's
     * only, and a virtual thread has none (-1); the process id is recorded either way.
     */
    public void noteWorkerThread(String name) {
        threadIds.put(name, new OsThread(ProcessHandle.current().pid(), OsThreadIds.current()));
    }

    /**
     * The OS thread id of worker {@code name}'s task thread, told by another process (a worker JVM's hello, a
     * Python worker's {@code thread} line); kept however often the worker is recorded again (its memory at the end).
     */
    public void noteWorkerTid(String name, long tid) {
        if (tid >= 0) {
            threadIds.put(name, new OsThread(-1, tid));
        }
    }

    public void recordWorker(WorkerInfo worker) {
        workers.put(worker.name(), worker);
        sink.worker(worker);
    }

    /** Adds CPU time a task used; a negative value means it could not be measured. */
    public void addCpu(long nanos) {
        if (nanos < 0) {
            cpuUnknown.set(true);
        } else {
            cpuNanos.addAndGet(nanos);
        }
    }

    /** Notes a problem that fails the run (one readable line). */
    public synchronized void fail(String message) {
        failures.add(message);
    }

    /** Notes the problem that explains the others (it is the one the run's message shows). */
    public synchronized void failFirst(String message) {
        failures.add(0, message);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    List<TaskRecord> tasks() {
        return new ArrayList<>(tasks);
    }

    List<WorkerInfo> workers() {
        List<WorkerInfo> out = new ArrayList<>();
        for (WorkerInfo w : workers.values()) {
            OsThread t = threadIds.get(w.name());
            out.add(t == null || w.tidKnown() || (t.tid() < 0 && w.pid() >= 0) ? w
                    : new WorkerInfo(w.name(), w.pid() >= 0 ? w.pid() : t.pid(), w.peakRssBytes(), t.tid()));
        }
        return out;
    }

    long cpuNanos() {
        return cpuNanos.get();
    }

    boolean cpuUnknown() {
        return cpuUnknown.get();
    }
}

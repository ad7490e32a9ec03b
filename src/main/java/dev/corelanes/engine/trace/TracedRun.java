package dev.corelanes.engine.trace;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunConditions;
import dev.corelanes.engine.RunRuntime;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.StateTotals;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A traced program as a run like any other ({@link Trace}): each thread of its process tree is a task (mode
 * {@link ExecutionMode#TRACED}, runtime {@link RunRuntime#program}), named as the OS names it with its thread id,
 * its worker carrying its process and thread id; its spans are placed by the kernel's switch records where they were
 * read ({@link SwitchTimeline}; threads that lived between two sweeps included), else by {@link ThreadTimeline}. The
 * run's CPU time is the threads' own, from the kernel's totals; the sampler's cost, and what placed the lanes, are
 * kept in the run's conditions.
 */
public final class TracedRun {

    /** The most threads a traced run keeps (a task per thread); later ones are counted, not drawn. */
    public static final int MAX_THREADS = ExperimentSpec.maxTasks(ExecutionMode.TRACED, TaskKind.COMPUTE);

    private TracedRun() {
    }

    /**
     * @param s         what the sampler saw
     * @param attached  true when the program was running before (--pid): what its threads did before the first
     *                  sample is not part of the run
     * @param wallNanos the run's wall time (from time 0 to the program's end, or to the end of tracing)
     * @param originNanos {@link System#nanoTime()} at time 0
     */
    public static Trace build(Sampling s, boolean attached, MachineInfo machine, Instant startedAt, long wallNanos,
                              long originNanos, TaskStatus status, String message, String command) {
        return build(s, null, "", attached, machine, startedAt, wallNanos, originNanos, status, message, command, 0);
    }

    /**
     * @param switches       the kernel's switch records, read to the end, or null: then the samples place the lanes
     * @param placedBy       what placed them, in one line ({@link KernelSwitches#placedBy}), "" where it is not said
     * @param readerCpuNanos the CPU time of the records' reader, counted with the sampler's
     */
    static Trace build(Sampling s, SwitchLog switches, String placedBy, boolean attached, MachineInfo machine,
                       Instant startedAt, long wallNanos, long originNanos, TaskStatus status, String message,
                       String command, long readerCpuNanos) {
        List<TaskRecord> tasks = new ArrayList<>();
        List<WorkerInfo> workers = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        long cpu = 0;
        int id = 0;
        List<Long> sweeps = s.sweeps();
        for (Map.Entry<Integer, List<ThreadSample>> e : s.threads().entrySet()) {
            List<ThreadSample> samples = e.getValue();
            if (samples.isEmpty() || id == MAX_THREADS) {
                continue;
            }
            ThreadSample first = samples.get(0);
            ThreadSample last = samples.get(samples.size() - 1);
            id++;
            String worker = name(first, last);
            boolean before = attached && first.nanos() <= firstSweepEnd(sweeps);
            long notBefore = before ? Long.MAX_VALUE : previousSweep(sweeps, first.nanos());
            List<Span> own = switches != null
                    ? SwitchTimeline.spans(id, worker, switches.events(e.getKey()), samples, wallNanos)
                    : ThreadTimeline.spans(id, worker, samples, notBefore);
            spans.addAll(own);
            long threadCpu = last.runNanos() - (before ? first.runNanos() : 0);
            if (switches != null) {
                // The records hold every switch to the program's end; the last sweep's total can be a sweep
                // older, and one sweep is tens of milliseconds when the sampler itself waits for a CPU.
                threadCpu = Math.max(threadCpu, StateTotals.nanos(own, SpanState.RUNNING));
            }
            cpu += Math.max(0, threadCpu);
            long start = own.isEmpty() ? first.nanos() : Math.min(first.nanos(), own.get(0).startNanos());
            long end = own.isEmpty() ? last.nanos() : Math.max(last.nanos(), own.get(own.size() - 1).endNanos());
            tasks.add(new TaskRecord(id, worker, start, Math.max(start, end),
                    status == TaskStatus.FAILED ? TaskStatus.COMPLETED : status, "", Math.max(0, threadCpu)));
            workers.add(new WorkerInfo(worker, first.pid(), -1, first.tid()));
        }
        if (switches != null) {
            // Threads the kernel saw that no sweep did (they lived between two): their spans and CPU are the records'.
            for (int tid : switches.threads()) {
                if (id == MAX_THREADS) {
                    break;
                }
                if (s.threads().containsKey(tid)) {
                    continue;
                }
                String worker = recordedName(switches, s.threads(), tid);
                List<Span> own = SwitchTimeline.spans(id + 1, worker, switches.events(tid), List.of(), wallNanos);
                if (own.isEmpty()) {
                    continue;
                }
                id++;
                spans.addAll(own);
                long threadCpu = StateTotals.nanos(own, SpanState.RUNNING);
                cpu += threadCpu;
                tasks.add(new TaskRecord(id, worker, own.get(0).startNanos(), own.get(own.size() - 1).endNanos(),
                        status == TaskStatus.FAILED ? TaskStatus.COMPLETED : status, "", threadCpu));
                workers.add(new WorkerInfo(worker, switches.pid(tid), -1, tid));
            }
        }
        int threads = Math.max(1, id);
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.TRACED, TaskKind.COMPUTE, threads,
                ExperimentSpec.MIN_SECONDS, false);
        RunConditions conditions = new RunConditions(0, Double.NaN, false, originNanos,
                s.ownCpuNanos() + readerCpuNanos, -1, placedBy);
        return new Trace(spec, machine, Calibration.NOT_MEASURED, startedAt, wallNanos, cpu, status, message, tasks,
                workers, spans, 0, conditions, RunRuntime.program(command));
    }

    /**
     * "yes [4242]", "python3 [4243]", "C2 CompilerThre [4250]": the OS's name for the thread, and its id in brackets
     * (a name that ended in digits would be read as a worker number by the lanes).
     */
    static String name(ThreadSample first, ThreadSample last) {
        String comm = last.comm().isBlank() ? first.comm() : last.comm();
        return comm.strip() + " [" + first.tid() + "]";
    }

    /**
     * The name of a thread only the kernel's records saw: its own from a comm record, else the name of the thread that
     * started it (a new thread starts with its parent's), with its id: "yes [4242]".
     */
    static String recordedName(SwitchLog switches, Map<Integer, List<ThreadSample>> sampled, int tid) {
        String comm = switches.name(tid);
        int parent = switches.parent(tid);
        if (comm.isEmpty() && parent > 0) {
            comm = switches.name(parent);
            List<ThreadSample> ps = sampled.get(parent);
            if (comm.isEmpty() && ps != null && !ps.isEmpty()) {
                comm = ps.get(ps.size() - 1).comm();
            }
        }
        return (comm.isBlank() ? "thread" : comm.strip()) + " [" + tid + "]";
    }

    static long firstSweepEnd(List<Long> sweeps) {
        return sweeps.size() > 1 ? sweeps.get(1) - 1 : Long.MAX_VALUE;
    }

    /** The sweep before the one at {@code t} (a thread first read at {@code t} was not there then), or 0. */
    static long previousSweep(List<Long> sweeps, long t) {
        // the last sweep at or before t (sweeps are in time order)
        int k = java.util.Collections.binarySearch(sweeps, t);
        k = k >= 0 ? k : -k - 2;
        while (k + 1 < sweeps.size() && sweeps.get(k + 1) <= t) {
            k++; // equal times: the last of them, as a scan would find
        }
        return k <= 0 ? 0 : sweeps.get(k - 1);
    }
}

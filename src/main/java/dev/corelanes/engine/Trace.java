package dev.corelanes.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The immutable record of one run: what was asked, where it ran, how long it took, and every span of
 * every task. Everything that shows or saves a run reads this; the figures derived from it (ideal,
 * speedup, efficiency…) come from {@link RunFigures} alone.
 *
 * @param startedAt    wall-clock instant the run started (for file names and the runs table)
 * @param wallNanos    measured wall time from the first task's launch to the last task's end
 * @param cpuNanos     CPU time of the run: its tasks' and the runtime's work around them (creating threads and
 *                     processes, JIT, GC, worker start-up), in this JVM and in child processes together; the
 *                     tasks' own is in each {@link TaskRecord}, and {@link RunFigures.CpuSplit} tells the two
 *                     apart where {@link RunConditions#runtimeCpuMeasured()}
 * @param status       completed, cancelled (what ran until then is kept) or failed
 * @param message      why the run was cancelled or failed; empty when it completed
 * @param droppedSpans spans the bounded sink had to drop (0 unless a run produced millions)
 * @param conditions   what the engine measured about the machine during the run (kernel rate after it,
 *                     other programs' load)
 * @param runtime      Java, or the Python interpreter that ran the tasks
 * @param baseline     what its speedup is measured against, chosen once when it ended ({@link Baselines});
 *                     null means the run on its own ({@link Baselines#alone})
 */
public record Trace(ExperimentSpec spec, MachineInfo machine, Calibration calibration, Instant startedAt,
                    long wallNanos, long cpuNanos, TaskStatus status, String message, List<TaskRecord> tasks,
                    List<WorkerInfo> workers, List<Span> spans, long droppedSpans, RunConditions conditions,
                    RunRuntime runtime, RunBaseline baseline) {

    public Trace {
        runtime = runtime == null ? RunRuntime.JAVA : runtime;
        message = message == null ? "" : message;
        tasks = tasks.stream().sorted(Comparator.comparingInt(TaskRecord::id)).toList();
        workers = List.copyOf(workers);
        // One task per core at any instant, whatever the spans came from (see CpuLanes).
        spans = CpuLanes.separate(spans).stream().sorted(Comparator.comparingLong(Span::startNanos)).toList();
        conditions = conditions == null ? RunConditions.UNKNOWN : conditions;
        RunBaseline.Reference self = new RunBaseline.Reference(startedAt, wallNanos, conditions.otherLoad(),
                machine.usableCores(), runtime.label(), true);
        RunBaseline alone = Baselines.alone(spec, status, wallNanos, self);
        // A baseline that cannot be (a file may say anything) is the run on its own: a run that did not complete
        // has none, a sequential run is its own, and only a sequential run is compared with itself.
        if (baseline == null || status != TaskStatus.COMPLETED || wallNanos <= 0 || alone.isSelf() || baseline.isSelf()
                || baseline.kind() == RunBaseline.Kind.SEQUENTIAL_RUN && baseline.run().wallNanos() <= 0) {
            baseline = alone;
        } else if (baseline.kind() == RunBaseline.Kind.TOTAL_WORK && spec.kind() != TaskKind.COMPUTE) {
            baseline = new RunBaseline(RunBaseline.Kind.NONE, null, baseline.why()); // sleep has no work to divide
        }
    }

    /** A run of {@code runtime} with its measured conditions, on its own (no baseline chosen yet). */
    public Trace(ExperimentSpec spec, MachineInfo machine, Calibration calibration, Instant startedAt,
                 long wallNanos, long cpuNanos, TaskStatus status, String message, List<TaskRecord> tasks,
                 List<WorkerInfo> workers, List<Span> spans, long droppedSpans, RunConditions conditions,
                 RunRuntime runtime) {
        this(spec, machine, calibration, startedAt, wallNanos, cpuNanos, status, message, tasks, workers, spans,
                droppedSpans, conditions, runtime, null);
    }

    /**
     * This run with another baseline (tests, and files written by hand). The engine chooses a run's baseline as
     * it builds the trace ({@code Experiment}); this rebuilds every span list, so it is not for a live path.
     */
    public Trace withBaseline(RunBaseline b) {
        return new Trace(spec, machine, calibration, startedAt, wallNanos, cpuNanos, status, message, tasks, workers,
                spans, droppedSpans, conditions, runtime, b);
    }

    /** A Java run without measured run conditions (fixtures, old run files). */
    public Trace(ExperimentSpec spec, MachineInfo machine, Calibration calibration, Instant startedAt,
                 long wallNanos, long cpuNanos, TaskStatus status, String message, List<TaskRecord> tasks,
                 List<WorkerInfo> workers, List<Span> spans, long droppedSpans) {
        this(spec, machine, calibration, startedAt, wallNanos, cpuNanos, status, message, tasks, workers, spans,
                droppedSpans, RunConditions.UNKNOWN, RunRuntime.JAVA);
    }

    /** A Java run with its measured conditions. */
    public Trace(ExperimentSpec spec, MachineInfo machine, Calibration calibration, Instant startedAt,
                 long wallNanos, long cpuNanos, TaskStatus status, String message, List<TaskRecord> tasks,
                 List<WorkerInfo> workers, List<Span> spans, long droppedSpans, RunConditions conditions) {
        this(spec, machine, calibration, startedAt, wallNanos, cpuNanos, status, message, tasks, workers, spans,
                droppedSpans, conditions, RunRuntime.JAVA);
    }

    /** A run of {@code runtime} without measured conditions. */
    public Trace(ExperimentSpec spec, MachineInfo machine, Calibration calibration, Instant startedAt,
                 long wallNanos, long cpuNanos, TaskStatus status, String message, List<TaskRecord> tasks,
                 List<WorkerInfo> workers, List<Span> spans, long droppedSpans, RunRuntime runtime) {
        this(spec, machine, calibration, startedAt, wallNanos, cpuNanos, status, message, tasks, workers, spans,
                droppedSpans, RunConditions.UNKNOWN, runtime);
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    public double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    /** True when some span's core could not be read (no API for it on this OS). */
    public boolean coreUnknown() {
        return spans.stream().anyMatch(s -> s.state() == SpanState.RUNNING && !s.hasCore());
    }

    /** True when nothing ran at all (the run failed before its first task): there is no figure to show. */
    public boolean nothingRan() {
        return wallNanos == 0 && spans.isEmpty();
    }
}

package dev.corelanes.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The immutable record of one run: what was asked, where it ran, how long it took, and every span of
 * every task. Everything that shows or saves a run reads this.
 *
 * @param startedAt    wall-clock instant the run started (for file names and the runs table)
 * @param wallNanos    measured wall time from the first task's launch to the last task's end
 * @param cpuNanos     CPU time the tasks consumed (threads and child processes together)
 * @param status       completed, cancelled (what ran until then is kept) or failed
 * @param message      why the run was cancelled or failed; empty when it completed
 * @param droppedSpans spans the bounded sink had to drop (0 unless a run produced millions)
 * @param runtime      Java, or the Python interpreter that ran the tasks
 */
public record Trace(ExperimentSpec spec, MachineInfo machine, Calibration calibration, Instant startedAt,
                    long wallNanos, long cpuNanos, TaskStatus status, String message, List<TaskRecord> tasks,
                    List<WorkerInfo> workers, List<Span> spans, long droppedSpans, RunRuntime runtime) {

    /** A run of the Java runtime. */
    public Trace(ExperimentSpec spec, MachineInfo machine, Calibration calibration, Instant startedAt,
                 long wallNanos, long cpuNanos, TaskStatus status, String message, List<TaskRecord> tasks,
                 List<WorkerInfo> workers, List<Span> spans, long droppedSpans) {
        this(spec, machine, calibration, startedAt, wallNanos, cpuNanos, status, message, tasks, workers, spans,
                droppedSpans, RunRuntime.JAVA);
    }

    public Trace {
        runtime = runtime == null ? RunRuntime.JAVA : runtime;
        message = message == null ? "" : message;
        tasks = tasks.stream().sorted(Comparator.comparingInt(TaskRecord::id)).toList();
        workers = List.copyOf(workers);
        spans = spans.stream().sorted(Comparator.comparingLong(Span::startNanos)).toList();
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    public double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    /** Cores the tasks could use at once: the machine's logical CPUs, capped by the workers available. */
    public int usableCores() {
        int cores = Math.max(1, machine.logicalCores());
        int concurrent = spec.mode() == ExecutionMode.SEQUENTIAL ? 1 : Math.min(spec.workers(), spec.tasks());
        if (spec.kind() == TaskKind.SLEEP) {
            // Sleeping occupies no core: the limit is how many tasks wait at once.
            return Math.max(1, concurrent);
        }
        if ((spec.gil() || runtime.realGil()) && !spec.mode().processBased()) {
            return 1; // one lock in one interpreter: one task computes at a time
        }
        return Math.max(1, Math.min(cores, concurrent));
    }

    /**
     * The best wall time the machine allows: total work ÷ usable cores. Sleep tasks need no core, so for
     * them it is the number of waves of waiting tasks × seconds per task.
     */
    public double idealSeconds() {
        if (spec.kind() == TaskKind.SLEEP) {
            int waves = (spec.tasks() + usableCores() - 1) / usableCores();
            return waves * spec.taskSeconds();
        }
        return spec.totalWorkSeconds() / usableCores();
    }

    /** True when some span's core could not be read (no API for it on this OS). */
    public boolean coreUnknown() {
        return spans.stream().anyMatch(s -> s.state() == SpanState.RUNNING && !s.hasCore());
    }
}

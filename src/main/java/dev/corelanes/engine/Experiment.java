package dev.corelanes.engine;

import dev.corelanes.engine.process.ProcessBackend;
import dev.corelanes.engine.python.PythonBackend;
import dev.corelanes.engine.python.PythonChoice;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts runs. Each run gets its own coordinating thread, so callers (a UI thread) never wait on the
 * engine: they get a {@link RunHandle} at once and the trace through {@link RunHandle#result()}.
 */
public final class Experiment {

    private Experiment() {
    }

    /** Starts the run; listeners hear spans as they are recorded. */
    public static RunHandle start(ExperimentSpec spec, MachineInfo machine, TraceListener... listeners) {
        return start(spec, null, machine, null, listeners);
    }

    /**
     * Starts the run in the given Python interpreter ({@code python} null = Java). A Python run fails with
     * the cause in one line when the interpreter cannot run it; it never falls back to Java silently.
     */
    public static RunHandle start(ExperimentSpec spec, PythonChoice python, MachineInfo machine,
                                  TraceListener... listeners) {
        return start(spec, python, machine, null, listeners);
    }

    /**
     * Starts the run on the given backend (null: the one for the spec's mode). Tests use it to run real
     * runs on a backend that starts fake worker processes.
     */
    public static RunHandle start(ExperimentSpec spec, MachineInfo machine, Backend backend, TraceListener... listeners) {
        return start(spec, null, machine, backend, listeners);
    }

    private static RunHandle start(ExperimentSpec spec, PythonChoice python, MachineInfo machine, Backend given,
                                   TraceListener... listeners) {
        spec.requireRunnable();
        TraceSink sink = new TraceSink();
        for (TraceListener l : listeners) {
            sink.addListener(l);
        }
        RunHandle handle = new RunHandle(spec, sink);
        Thread.ofPlatform().name("corelanes-run").daemon(true)
                .start(() -> coordinate(spec, python, machine, given, sink, handle));
        return handle;
    }

    /** Runs to the end on the calling thread. */
    public static Trace run(ExperimentSpec spec, MachineInfo machine, TraceListener... listeners)
            throws InterruptedException {
        return start(spec, machine, listeners).await();
    }

    private static void coordinate(ExperimentSpec spec, PythonChoice python, MachineInfo machine, Backend given,
                                   TraceSink sink, RunHandle handle) {
        Instant startedAt = Instant.now();
        boolean compute = spec.kind() == TaskKind.COMPUTE && python == null;
        Calibration calibration = compute ? Calibrator.forRun() : cachedOrNominal();
        Backend backend = null;
        try {
            backend = given != null ? given : backendFor(spec, python);
            handle.preparing(backend);
            backend.prepare(spec);
            if (backend.calibration() != null) {
                calibration = backend.calibration();
            }
        } catch (RuntimeException | InterruptedException e) {
            if (backend != null) {
                backend.cancel();
            }
            boolean cancelled = handle.cancelRequested() || e instanceof InterruptedException;
            RunRuntime runtime = backend != null ? backend.runtime() : RunRuntime.JAVA;
            handle.complete(new Trace(spec, machine, calibration, startedAt, 0, 0,
                    cancelled ? TaskStatus.CANCELLED : TaskStatus.FAILED, cancelled ? "cancelled" : e.getMessage(),
                    List.of(), List.of(), List.of(), 0, runtime));
            return;
        }
        CpuAffinity.Pinning pinning = CpuAffinity.NONE;
        if (!machine.pinnedCpus().isEmpty()) {
            try {
                // This thread starts the run's threads and processes: they inherit its CPUs.
                pinning = CpuAffinity.detect().pin(machine.pinnedCpus());
            } catch (RuntimeException e) {
                handle.complete(new Trace(spec, machine, calibration, startedAt, 0, 0, TaskStatus.FAILED,
                        e.getMessage(), List.of(), List.of(), List.of(), 0));
                return;
            }
        }
        long processCpu0 = processCpuNanos();
        SystemLoad load = SystemLoad.start();
        RunContext run = new RunContext(spec, calibration, CoreProbe.detect(), sink, System.nanoTime(), pinning);
        handle.attach(run, backend);
        try {
            if (!run.cancelled()) {
                backend.run(run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
        } catch (RuntimeException | Error e) {
            run.fail("the run stopped: " + e);
        }
        long endNow = run.now();
        pinning.close();
        long processCpu = processCpuNanos() - processCpu0;
        double otherLoad = load.othersSinceStart();
        sink.closeAll();
        // Checked again after a compute run: a change tells a CPU clock that moved from a busy machine.
        long rateAfter = compute && endNow > 0 ? Calibrator.check() : 0;
        Trace trace = buildTrace(run, machine, startedAt, endNow, processCpu,
                new RunConditions(rateAfter, otherLoad), backend.runtime());
        if (RunFigures.of(trace).drift().recalibrate()) {
            Calibrator.invalidate(); // the figure no longer matches the machine: the next run measures again
        }
        handle.complete(trace);
    }

    private static Backend backendFor(ExperimentSpec spec, PythonChoice python) {
        if (python != null) {
            return new PythonBackend(python);
        }
        return spec.mode().processBased() ? new ProcessBackend() : new ThreadBackend(spec.mode());
    }

    /** Sleep runs do not need the kernel's speed; do not make them wait for a calibration. */
    private static Calibration cachedOrNominal() {
        return Calibrator.cachedOr(new Calibration(1, 0));
    }

    private static Trace buildTrace(RunContext run, MachineInfo machine, Instant startedAt, long endNow,
                                    long processCpu, RunConditions conditions, RunRuntime runtime) {
        ExperimentSpec spec = run.spec();
        List<TaskRecord> tasks = new ArrayList<>(run.tasks());
        Set<Integer> seen = new HashSet<>();
        long lastEnd = 0;
        for (TaskRecord t : tasks) {
            seen.add(t.id());
            lastEnd = Math.max(lastEnd, t.endNanos());
        }
        for (int id = 1; id <= spec.tasks(); id++) {
            if (!seen.contains(id)) {
                tasks.add(new TaskRecord(id, "", endNow, endNow, TaskStatus.CANCELLED, "never started"));
            }
        }
        List<String> failures = run.failures();
        TaskStatus status;
        String message;
        if (!failures.isEmpty()) {
            status = TaskStatus.FAILED;
            message = failures.size() == 1 ? failures.get(0)
                    : failures.get(0) + " (and " + (failures.size() - 1) + " more)";
        } else if (run.cancelled()) {
            status = TaskStatus.CANCELLED;
            message = "cancelled after " + String.format(java.util.Locale.ROOT, "%.3f", endNow / 1e9) + " s";
        } else {
            status = TaskStatus.COMPLETED;
            message = "";
        }
        // Wall time ends when the last task ended (not when workers were torn down), unless cancelled.
        long wall = status == TaskStatus.COMPLETED && lastEnd > 0 ? lastEnd : endNow;
        long cpu = run.cpuUnknown() ? Math.max(processCpu, run.cpuNanos()) : run.cpuNanos();
        return new Trace(spec, machine, run.calibration(), startedAt, wall, cpu, status, message, tasks,
                run.workers(), CpuLanes.resolve(run.sink().spans(), run.sink().sampleBatches()), run.sink().dropped(),
                conditions, runtime);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}

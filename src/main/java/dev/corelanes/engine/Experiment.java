package dev.corelanes.engine;

import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.host.Host;
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

    /**
     * Starts the run on the backend {@code backends} chooses for it; listeners hear spans as they are
     * recorded. {@code dev.corelanes.runners.Runs} holds the usual choice.
     */
    public static RunHandle start(ExperimentSpec spec, MachineInfo machine, Backends backends,
                                  TraceListener... listeners) {
        return start(spec, machine, backends, List.of(), listeners);
    }

    /**
     * As {@link #start(ExperimentSpec, MachineInfo, Backends, TraceListener...)}, the run's baseline chosen when
     * it ends from {@code earlier}, the runs made before it (oldest first; see {@link Baselines}).
     */
    public static RunHandle start(ExperimentSpec spec, MachineInfo machine, Backends backends, List<Trace> earlier,
                                  TraceListener... listeners) {
        return start(spec, machine, backends, earlier, null, listeners);
    }

    /**
     * As {@link #start(ExperimentSpec, MachineInfo, Backends, List, TraceListener...)}, drawn as it happens by
     * {@code window}: its clock starts once the window has drawn what the run's start changed in it
     * ({@link RunWindow#awaitDrawn}), and the window's drawing CPU clock is read when the run's clock starts and when
     * it stops, the difference recorded in the run's conditions ({@link RunConditions#windowCpuNanos}). Null: no
     * window (the command line).
     */
    public static RunHandle start(ExperimentSpec spec, MachineInfo machine, Backends backends, List<Trace> earlier,
                                  RunWindow window, TraceListener... listeners) {
        if (backends == null) {
            throw new IllegalArgumentException("no backends");
        }
        spec.requireRunnable();
        TraceSink sink = new TraceSink();
        for (TraceListener l : listeners) {
            sink.addListener(l);
        }
        RunHandle handle = new RunHandle(spec);
        Thread.ofPlatform().name("corelanes-run").daemon(true)
                .start(() -> coordinate(spec, machine, backends, List.copyOf(earlier), window, sink, handle));
        return handle;
    }

    /** Starts the run on the given backend. Tests use it to run real runs on a backend that starts fake workers. */
    public static RunHandle start(ExperimentSpec spec, MachineInfo machine, Backend backend, TraceListener... listeners) {
        if (backend == null) {
            throw new IllegalArgumentException("no backend");
        }
        return start(spec, machine, s -> backend, listeners);
    }

    /**
     * The longest a run waits for its window to draw its start (a window too busy to draw for that long would keep
     * the run from starting; on a quiet machine the wait is one frame, 20–150 ms at 1920×1080 in software).
     */
    static final long WINDOW_DRAWN_TIMEOUT_NANOS = 2_000_000_000L;

    private static void coordinate(ExperimentSpec spec, MachineInfo machine, Backends backends, List<Trace> earlier,
                                   RunWindow window, TraceSink sink, RunHandle handle) {
        // Before anything is measured (the calibration too): background work of this JVM has stopped.
        try (BackgroundWork.Measurement m = BackgroundWork.measurementStarting()) {
            measure(spec, machine, backends, earlier, window, sink, handle);
        }
    }

    private static void measure(ExperimentSpec spec, MachineInfo machine, Backends backends, List<Trace> earlier,
                                RunWindow window, TraceSink sink, RunHandle handle) {
        Instant startedAt = Instant.now();
        Calibration calibration = cachedOrNominal();
        CpuAffinity.Pinning pinning = CpuAffinity.NONE;
        if (!machine.pinnedCpus().isEmpty()) {
            try {
                // Before the backend gets ready: this thread starts the run's threads and processes, and a Python
                // interpreter started in prepare must inherit its CPUs too (it had run on every CPU).
                pinning = Host.affinity().pin(machine.pinnedCpus());
            } catch (RuntimeException e) {
                handle.complete(new Trace(spec, machine, calibration, startedAt, 0, 0, TaskStatus.FAILED,
                        e.getMessage(), List.of(), List.of(), List.of(), 0));
                return;
            }
        }
        boolean compute = false;
        Backend backend = null;
        try {
            backend = backends.backendFor(spec);
            compute = spec.kind() == TaskKind.COMPUTE && backend.usesJavaKernel();
            if (compute) {
                calibration = Calibrator.forRun();
            }
            handle.preparing(backend);
            backend.prepare(spec);
            if (backend.calibration() != null) {
                calibration = backend.calibration();
            }
        } catch (RuntimeException | InterruptedException e) {
            pinning.close();
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
        if (window != null) {
            try {
                window.awaitDrawn(WINDOW_DRAWN_TIMEOUT_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the run below ends at once, cancelled
            }
        }
        RunCpu jvmCpu = RunCpu.start();
        SystemLoad load = SystemLoad.start();
        long window0 = window == null ? -1 : window.drawingCpuNanos();
        RunContext run = new RunContext(spec, calibration, Host.coreProbe(), sink, System.nanoTime(), pinning);
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
        long window1 = window == null ? -1 : window.drawingCpuNanos();
        long windowUsed = window0 < 0 || window1 < 0 ? -1 : Math.max(0, window1 - window0);
        pinning.close();
        String pinBroken = PinCheck.broken(machine.pinnedCpus(), run.sink().spans(), run.sink().sampleBatches());
        if (pinBroken != null) {
            run.failFirst(pinBroken);
            machine = machine.unpinned(); // the run file must not claim a pin that did not hold
        }
        long jvm = jvmCpu.sinceStart();
        // Tasks in worker processes or a Python interpreter ran outside this JVM: their CPU is the run's own.
        boolean outside = spec.mode().processBased() || backend.runtime().python();
        double otherLoad = load.othersSinceStart(outside && !run.cpuUnknown() ? run.cpuNanos() : 0);
        // Checked again after a compute run: a change tells a CPU clock that moved from a busy machine.
        long rateAfter = compute && endNow > 0 ? Calibrator.check() : 0;
        // The run's CPU time: its tasks' and the runtime's around them — this JVM's share (creating threads and
        // processes, JIT, GC) and, for tasks outside it, what each child reported of its own (tasks and start-up).
        long cpu;
        boolean runtimeMeasured;
        if (jvm < 0) {
            cpu = run.cpuNanos(); // this JVM cannot say: the tasks' (and children's) CPU time alone
            runtimeMeasured = false;
        } else if (outside) {
            cpu = jvm + run.cpuNanos();
            runtimeMeasured = !run.cpuUnknown(); // a child that never said bye took its start-up's time along
        } else {
            cpu = Math.max(jvm, run.cpuNanos()); // the tasks ran in this JVM: its time holds theirs
            runtimeMeasured = true;
        }
        Trace trace = buildTrace(run, machine, startedAt, endNow, cpu,
                new RunConditions(rateAfter, otherLoad, runtimeMeasured, run.originNanos(), -1, windowUsed), backend.runtime(),
                earlier);
        if (RunFigures.of(trace).drift().recalibrate()) {
            Calibrator.invalidate(); // the figure no longer matches the machine: the next run measures again
        }
        handle.complete(trace);
    }

    /** Sleep runs do not need the kernel's speed; do not make them wait for a calibration. */
    private static Calibration cachedOrNominal() {
        return Calibrator.cachedOr(new Calibration(1, 0, ThreadCpuClock.tick()));
    }

    private static Trace buildTrace(RunContext run, MachineInfo machine, Instant startedAt, long endNow,
                                    long cpu, RunConditions conditions, RunRuntime runtime, List<Trace> earlier) {
        ExperimentSpec spec = run.spec();
        List<TaskRecord> tasks = new ArrayList<>(run.tasks());
        Set<Integer> seen = new HashSet<>();
        long lastEnd = 0;
        for (TaskRecord t : tasks) {
            seen.add(t.id());
            lastEnd = Math.max(lastEnd, t.endNanos());
        }
        List<String> failures = run.failures();
        for (int id = 1; id <= spec.tasks(); id++) {
            if (!seen.contains(id)) {
                // Only the user's Cancel is a cancel: a task left unstarted by a failure failed with its run.
                tasks.add(failures.isEmpty()
                        ? new TaskRecord(id, "", endNow, endNow, TaskStatus.CANCELLED, "never started")
                        : new TaskRecord(id, "", endNow, endNow, TaskStatus.FAILED, "never started: the run failed"));
            }
        }
        TaskStatus status;
        String message;
        if (!failures.isEmpty()) {
            status = TaskStatus.FAILED;
            message = failures.size() == 1 ? failures.get(0)
                    : failures.get(0) + " (and " + (failures.size() - 1) + " more)";
        } else if (run.cancelled()) {
            status = TaskStatus.CANCELLED;
            message = "cancelled after " + FigureText.nanos(endNow);
        } else {
            status = TaskStatus.COMPLETED;
            message = "";
        }
        // Wall time ends when the last task ended (not when workers were torn down), unless cancelled.
        long wall = status == TaskStatus.COMPLETED && lastEnd > 0 ? lastEnd : endNow;
        // The baseline is chosen on the run's figures, which need its tasks but not its spans: the trace with its
        // (possibly millions of) spans is then built once, baseline and all.
        Trace figures = new Trace(spec, machine, run.calibration(), startedAt, wall, cpu, status, message, tasks,
                run.workers(), List.of(), run.sink().dropped(), conditions, runtime);
        return new Trace(spec, machine, run.calibration(), startedAt, wall, cpu, status, message, tasks,
                run.workers(), CpuLanes.resolve(run.sink().spans(), run.sink().sampleBatches()), run.sink().dropped(),
                conditions, runtime, Baselines.choose(figures, earlier));
    }
}

package dev.corelanes.app;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.Trace;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.LoadSeries;
import dev.corelanes.view.TimelineModel;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The runs of this session: starts and cancels them, keeps every one (cancelled and failed too), and
 * samples the machine's per-CPU load while one runs. FX-thread state; the engine and the sampler report
 * through queues and {@link Platform#runLater}.
 */
public final class RunSession implements AutoCloseable {

    private final Hardware hardware;
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    /*
     * One read-only view, made once: every unmodifiable wrapper registers a listener on the list it wraps,
     * so a wrapper made per call from another thread (a test polling the runs) raced the FX thread's
     * runs.add inside JavaFX's listener helper and crashed it.
     */
    private final ObservableList<RunRow> readOnlyRuns = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyObjectWrapper<MachineInfo> machine = new ReadOnlyObjectWrapper<>(this, "machine");
    private final ReadOnlyObjectWrapper<RunRow> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "corelanes-load-sampler");
        t.setDaemon(true);
        return t;
    });
    /** The run being sampled, written on the FX thread, read by the sampler. */
    private volatile RunRow sampled;
    /** The load sampling of the run going on; null while none runs, so an idle window makes no OSHI call. */
    private java.util.concurrent.ScheduledFuture<?> sampling;
    /** Rebuilds a finished run's timeline model from its trace, off the FX thread (a long run is big). */
    private static final java.util.concurrent.ExecutorService MODELS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corelanes-timeline-model");
        t.setDaemon(true);
        return t;
    });
    /** The thread that rebuilt the last model (tests: never the FX thread). */
    private volatile Thread lastModelThread;
    private Consumer<RunRow> onStarted = r -> { };
    /**
     * The number the next run gets: never one a run of this table had (a cleared run can come back with
     * Undo, a kept run comes back after a restart under its own number).
     */
    private int nextNumber = 1;

    public RunSession(Hardware hardware) {
        this(hardware, true);
    }

    /**
     * {@code findNow}: look for the machine at once; otherwise when {@link #findMachine} is called (the window, once
     * its opening frame is on screen).
     */
    RunSession(Hardware hardware, boolean findNow) {
        this.hardware = hardware;
        if (findNow) {
            findMachine();
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean finding = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts looking for the machine (once; later calls do nothing). OSHI's first call takes a moment: never on the
     * FX thread. And not while the window is starting: OSHI's classes, JNA unpacking and loading its native library
     * and the first reads of /proc take a core of the two this machine has from the toolkit's start and the opening
     * frame.
     */
    void findMachine() {
        if (!finding.compareAndSet(false, true)) {
            return;
        }
        sampler.execute(() -> {
            MachineInfo m;
            try {
                m = hardware.machine();
                hardware.cpuLoads();
            } catch (RuntimeException e) {
                m = MachineInfo.fromJvm();
            }
            MachineInfo found = m;
            Platform.runLater(() -> machine.set(found));
        });
    }

    private void sampleLoad() {
        try {
            RunRow r = sampled;
            if (r == null) {
                return;
            }
            double[] loads = hardware.cpuLoads();
            if (r.handle().started()) {
                r.loads().add(r.handle().elapsedNanos(), loads);
            }
        } catch (RuntimeException e) {
            // the load strip is decoration: a failed sample only leaves a gap
        }
    }

    /** The runs, read-only; change them on the FX thread only (through this session). */
    public ObservableList<RunRow> runs() {
        return readOnlyRuns;
    }

    /** The machine, once read (null until then). */
    public ReadOnlyObjectProperty<MachineInfo> machineProperty() {
        return machine.getReadOnlyProperty();
    }

    /** The run going on, or the last one. */
    public ReadOnlyObjectProperty<RunRow> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Called on the FX thread right after a run starts, with its feed attached to the row's model. */
    public void setOnStarted(Consumer<RunRow> c) {
        onStarted = c;
    }

    private LiveFeed lastFeed;
    /** Set when the window closed: nothing starts any more (a program still starting is stopped). */
    private volatile boolean closed;

    /** The feed of the run last started (the timeline drains it). */
    public LiveFeed lastFeed() {
        return lastFeed;
    }

    /** Starts a run on every usable core; ignored while one is going on or before the machine is known. */
    public RunRow start(ExperimentSpec spec) {
        return start(spec, 0, null);
    }

    /** The window as the runs see it (its drawing's CPU time, the wait for a run's start to be drawn); made at the first run. */
    private WindowDrawing drawing;
    /** The scene the runs are drawn in (null: none, the runs start at once). */
    private javafx.scene.Scene scene;

    /**
     * The scene that draws the runs: each run's clock starts once what its start changed there has been drawn
     * ({@link WindowDrawing}). Call it before the first run.
     */
    void drawsIn(javafx.scene.Scene s) {
        scene = s;
    }

    /** The window as the last run saw it (tests); null before the first run. */
    WindowDrawing drawing() {
        return drawing;
    }

    /**
     * Starts a run pinned to {@code cores} cores (0 = all usable), in the given Python interpreter (null = Java).
     *
     * @throws IllegalArgumentException with a one-line reason when this machine cannot meet the limit
     */
    public RunRow start(ExperimentSpec spec, int cores, dev.corelanes.engine.python.PythonChoice python) {
        if (!canStart()) {
            return null;
        }
        MachineInfo runMachine = machine.get();
        if (cores > 0) {
            runMachine = dev.corelanes.engine.CoreLimit.count(cores).applyTo(runMachine);
        }
        LiveFeed feed = new LiveFeed();
        // The runs made before this one, as they are now: the engine chooses its baseline from them when it ends.
        List<Trace> earlier = runs.stream().map(RunRow::trace).filter(java.util.Objects::nonNull).toList();
        if (drawing == null) {
            drawing = new WindowDrawing(scene); // JavaFX's threads live as long as the window: look once
        }
        // The engine starts the run's clock once its start is drawn, and reads what drawing cost the window as the
        // clock starts and stops (its conditions).
        RunHandle handle = Runs.start(spec, python, runMachine, earlier, drawing, feed);
        // The Java backends' workers are known by name now: their lanes are drawn before the clock starts.
        return begin(spec, handle, feed, python == null ? dev.corelanes.engine.WorkerNames.all(spec) : List.of());
    }

    /** True when a run can start now (none going on, the machine read). */
    public boolean canStart() {
        return !running.get() && machine.get() != null && !closed;
    }

    /**
     * Shows a traced program (started off the FX thread by {@link dev.corelanes.engine.trace.ProgramRun#start},
     * its spans going to {@code feed}) as the run going on. When another run started meanwhile, the program is
     * stopped and null returned.
     */
    public RunRow startProgram(dev.corelanes.engine.trace.ProgramRun program, LiveFeed feed) {
        if (!canStart()) {
            program.handle().cancel();
            return null;
        }
        return begin(program.handle().spec(), program.handle(), feed, List.of());
    }

    private RunRow begin(ExperimentSpec spec, RunHandle handle, LiveFeed feed, List<String> workers) {
        LoadSeries loads = new LoadSeries();
        TimelineModel model = new TimelineModel(spec, machine.get(), loads);
        model.expect(workers);
        RunRow row = new RunRow(nextNumber++, spec, handle, loads, model);
        lastFeed = feed;
        runs.add(row);
        current.set(row);
        running.set(true);
        sampled = row;
        if (sampling == null) {
            sampling = sampler.scheduleAtFixedRate(this::sampleLoad, 300, 100, TimeUnit.MILLISECONDS);
        }
        handle.result().thenAcceptAsync(trace -> {
            Platform.runLater(row::finishing);
            TimelineModel rebuilt = model(trace, loads);
            Platform.runLater(() -> finished(row, trace, rebuilt));
        }, MODELS);
        onStarted.accept(row);
        return row;
    }

    /**
     * A finished run's timeline model, rebuilt from its trace. Call it off the FX thread (a run file's
     * reader, the model thread): a long run holds millions of spans.
     */
    TimelineModel model(Trace trace, LoadSeries loads) {
        lastModelThread = Thread.currentThread();
        return RunRow.modelOf(trace, loads);
    }

    /** The thread that built the last timeline model (tests). */
    Thread lastModelThread() {
        return lastModelThread;
    }

    /** True while the machine's load is being sampled (only while a run goes on). */
    public boolean samplingLoad() {
        return sampling != null;
    }

    /**
     * Adds a run read from a run file to the table (nothing is measured again), with its model built by
     * {@link #model} off the FX thread.
     */
    public RunRow addOpened(Trace trace, java.nio.file.Path file, TimelineModel model) {
        return addOpened(trace, file, model, 0);
    }

    /**
     * As {@link #addOpened(Trace, java.nio.file.Path, TimelineModel)}, under {@code number} when the run had
     * one in this table before (a kept run after a restart; 0: the next number).
     */
    RunRow addOpened(Trace trace, java.nio.file.Path file, TimelineModel model, int number) {
        int n = number > 0 ? number : nextNumber;
        nextNumber = Math.max(nextNumber, n + 1);
        RunRow row = RunRow.opened(n, trace, file, model);
        runs.add(row);
        updateFigures();
        return row;
    }

    /**
     * The finished run in the table that is the same measurement as {@code trace} (started at the same instant
     * with the same settings, runtime, times, tasks and spans), or null: opening a run twice selects it.
     */
    RunRow same(Trace trace) {
        for (RunRow r : runs) {
            Trace t = r.trace();
            if (t != null && t.startedAt().equals(trace.startedAt()) && t.spec().equals(trace.spec())
                    && t.wallNanos() == trace.wallNanos() && t.cpuNanos() == trace.cpuNanos()
                    && java.util.Objects.equals(t.runtime(), trace.runtime()) && t.tasks().equals(trace.tasks())
                    && t.spans().equals(trace.spans())) {
                return r;
            }
        }
        return null;
    }

    /** Removes every finished run from the table (a run going on stays); returns them, for Undo. */
    public List<RunRow> clearFinished() {
        List<RunRow> gone = runs.stream().filter(r -> r.trace() != null).toList();
        runs.removeAll(gone);
        if (current.get() != null && !runs.contains(current.get())) {
            current.set(null);
        }
        return gone;
    }

    /** Undo of {@link #clearFinished}: the runs come back under their numbers, in number order. */
    void restoreCleared(List<RunRow> gone) {
        List<RunRow> all = new ArrayList<>(runs);
        all.addAll(gone);
        all.sort(java.util.Comparator.comparingInt(RunRow::number));
        runs.setAll(all);
    }

    private void finished(RunRow row, Trace trace, TimelineModel rebuilt) {
        // Figures first: whoever reacts to the trace finds them ready.
        row.setFigures(RunFigures.of(trace));
        row.finish(trace, rebuilt);
        if (sampled == row) {
            sampled = null;
            if (sampling != null) {
                sampling.cancel(false);
                sampling = null;
            }
        }
        if (current.get() == row) {
            running.set(false);
        }
        updateFigures();
    }

    /** Every finished run's figures, against the baseline each was given when it ended. */
    private void updateFigures() {
        for (RunRow r : runs) {
            Trace t = r.trace();
            if (t != null && r.figures() == null) {
                r.setFigures(RunFigures.of(t));
            }
        }
    }

    public void cancel() {
        RunRow r = current.get();
        if (r != null && running.get()) {
            r.handle().cancel();
        }
    }

    /** Cancels a run going on and waits briefly for it to end, so no worker (or child process) outlives us. */
    @Override
    public void close() {
        closed = true;
        RunRow r = current.get();
        if (r != null && !r.handle().isDone()) {
            r.handle().cancel();
            try {
                r.handle().await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException e) {
                // gave it a fair chance; the JVM exits anyway
            }
        }
        sampler.shutdownNow();
    }
}

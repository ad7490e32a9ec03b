package dev.corelanes.app;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.Trace;
import dev.corelanes.teach.Lesson;
import dev.corelanes.view.LaneMode;
import dev.corelanes.app.impl.FramePacer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.stage.Window;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Starting runs from the window: the inputs as set (asking for a prediction first when the class predicts),
 * a frame rate that leaves compute runs their CPU, and what follows the end of a run (kept as a file, shown,
 * compared when a lesson's last step ran). Also the demo start of {@code corelanes window --run}.
 */
final class RunControl {

    /** At most 10 frames a second during compute runs, fewer when drawing costs more ({@link FrameBudget}). */
    static final long COMPUTE_FRAME_NANOS = FrameBudget.MIN_INTERVAL_NANOS;
    /** How often the frame rate of a compute run is fitted to what drawing costs. */
    /** How often the frame rate is fitted: four times a second, so a run of a second is fitted within it. */
    private static final long BUDGET_CHECK_NANOS = 250_000_000L;

    /**
     * Fits the frame rate during a compute run; stopped when the run ends (an idle window runs no timer). Paced
     * off the pulse: a JavaFX Timeline would keep the window pulsing 60 times a second for the whole run.
     */
    private FramePacer budget;

    /** The parts of the window a run touches. */
    record Parts(RunSession session, ExperimentPanel panel, ExperimentForm form, TimelinePane timeline,
                 WallClock clock, ReplayBar replayBar, Messages messages, RunViews views, KeptRuns kept) {
    }

    private final Parts p;
    private final BooleanSupplier predict;
    private final Supplier<Window> owner;
    private LessonFlow lessons;

    RunControl(Parts parts, BooleanSupplier predict, Supplier<Window> owner) {
        this.p = parts;
        this.predict = predict;
        this.owner = owner;
        parts.session().setOnStarted(this::started);
    }

    /** The lesson flow that steps join (set once both exist: each needs the other). */
    void setLessons(LessonFlow l) {
        lessons = l;
    }

    /** Run (the button, Enter, Space, a lesson step). */
    void run() {
        p.panel().commitEdits();
        ExperimentSpec spec;
        try {
            spec = p.form().spec();
        } catch (SpecException e) {
            return; // The panel already shows the message in red and Run is disabled; nothing else to say.
        }
        Double predicted = null;
        if (predict.getAsBoolean()) {
            var answer = new PredictDialog(owner.get(), spec).ask();
            if (answer.isEmpty()) {
                return; // cancelled: no run without the prediction asked for
            }
            predicted = answer.get();
        }
        p.replayBar().stop();
        RunRow row;
        try {
            row = p.session().start(spec, p.form().coresProperty().get(), p.form().pythonChoice());
        } catch (IllegalArgumentException e) {
            p.messages().error(e.getMessage() + ".");
            return;
        }
        if (row != null) {
            row.setPrediction(predicted);
        }
    }

    private void started(RunRow row) {
        lessons.started(row);
        // While compute tasks run, every frame the window draws is CPU taken from them: at most 10 a second.
        boolean compute = row.handle().spec().kind() == TaskKind.COMPUTE;
        // Drawing costs what it cost in the last compute run (same window, same size): start from that rate.
        setFrameInterval(compute ? Math.max(COMPUTE_FRAME_NANOS, fittedInterval) : 0);
        if (compute) {
            fitFrameRateWhileRunning();
        } else {
            stopFitting();
        }
        row.traceProperty().addListener((o, a, t) -> ended(row, t));
        p.views().follow(row);
    }

    private void setFrameInterval(long nanos) {
        frameInterval = nanos;
        p.timeline().setLiveFrameInterval(nanos);
        p.clock().setFrameInterval(nanos);
    }

    private long frameInterval;
    /**
     * The frame interval the last compute run settled at: the next one starts there. A window's first compute run
     * starts at the slowest rate, since what a frame costs here is not known yet: at the fastest, three frames were
     * drawn before the first check (after a quarter of a second), at software rendering's cost. A graphics card's
     * cheap frames bring the rate up within a second.
     */
    private long fittedInterval = FrameBudget.MAX_INTERVAL_NANOS;
    /** The threads whose CPU time is the cost of drawing; found at the first compute run. */
    private FrameBudget.DrawingThreads drawing;

    /** Once a second, the frame rate follows what drawing cost in that second ({@link FrameBudget#next}). */
    private void fitFrameRateWhileRunning() {
        stopFitting();
        if (drawing == null) {
            drawing = new FrameBudget.DrawingThreads(); // JavaFX's threads live as long as the window: look once
        }
        FrameBudget.DrawingThreads drawing = this.drawing;
        long[] last = {System.nanoTime(), drawing.cpuNanos()};
        budget = new FramePacer(() -> {
            long now = System.nanoTime();
            long cpu = drawing.cpuNanos();
            long used = cpu < 0 || last[1] < 0 ? -1 : cpu - last[1];
            setFrameInterval(FrameBudget.next(frameInterval, used, now - last[0]));
            last[0] = now;
            last[1] = cpu;
        });
        budget.every(BUDGET_CHECK_NANOS);
    }

    private void stopFitting() {
        if (budget != null) {
            fittedInterval = frameInterval; // where the last compute run's rate settled
            budget.stop();
            budget = null;
        }
    }

    /** The interval between live frames now (tests). */
    long frameIntervalNanos() {
        return frameInterval;
    }

    /** Whether the frame rate is being fitted now (tests: only while a compute run goes on). */
    boolean fittingFrameRate() {
        return budget != null;
    }

    private void ended(RunRow row, Trace t) {
        stopFitting();
        p.kept().keep(row, t);
        if (!lessons.ended(row)) {
            p.views().ended(row, t);
        } else if (t.coreUnknown()) {
            p.timeline().laneModeProperty().set(LaneMode.WORKERS);
        }
    }

    /**
     * Ready for a demo (`corelanes window`): sets the lesson or the workload, and with {@code runNow} starts
     * it (the lesson's first step) as soon as the machine has been read.
     */
    /** How a demo's first run learns that the window's start-up settled (tests give their own). */
    private Supplier<java.util.concurrent.CompletableFuture<dev.corelanes.engine.StartupSettle.Outcome>> settle =
            dev.corelanes.engine.StartupSettle::awaitProcess;
    private boolean settling;
    private dev.corelanes.engine.StartupSettle.Outcome lastSettle;

    /** Replaces the settle probe a demo's first run waits for (tests). */
    void setSettleProbe(Supplier<java.util.concurrent.CompletableFuture<dev.corelanes.engine.StartupSettle.Outcome>> probe) {
        settle = probe;
    }

    /** True while a demo's first run waits for the window to settle (tests). */
    boolean settling() {
        return settling;
    }

    /** How the last wait for the window to settle ended; null before any (the benchmark prints it). */
    dev.corelanes.engine.StartupSettle.Outcome lastSettle() {
        return lastSettle;
    }

    /** The condition a demo's first run waits for (kept reachable while it waits). */
    private javafx.beans.binding.BooleanBinding waitingToRun;

    void prepare(ExperimentSpec spec, Lesson lesson, boolean runNow) {
        if (lesson != null) {
            lessons.start(lesson);
        } else if (spec != null) {
            p.form().apply(spec);
        }
        if (!runNow) {
            return;
        }
        Runnable go = () -> {
            if (lessons.active()) {
                lessons.runNextStep();
            } else {
                run();
            }
        };
        Runnable settled = () -> {
            // The window's own start-up (classes, the JIT, its first frames) must not share the cores with the
            // run it measures: its clock starts once this JVM has quietened, measured (StartupSettle).
            settling = true;
            settle.get().thenAccept(o -> Platform.runLater(() -> {
                settling = false;
                lastSettle = o;
                if (!o.note().isEmpty()) {
                    p.messages().info(o.note());
                }
                go.run();
            }));
        };
        // A lesson's step waits until the card knows whether it can pin (the affinity call is read off the FX
        // thread after the machine): run before, the one-core lesson's first step ran on every core.
        javafx.beans.binding.BooleanBinding ready = p.session().machineProperty().isNotNull()
                .and(lesson == null ? javafx.beans.binding.Bindings.createBooleanBinding(() -> true)
                        : lessons.coresKnownProperty());
        if (ready.get()) {
            settled.run();
            return;
        }
        waitingToRun = ready; // a binding listens weakly: held here until it fires
        ready.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean a, Boolean b) {
                if (b) {
                    ready.removeListener(this);
                    waitingToRun = null;
                    Platform.runLater(settled);
                }
            }
        });
    }
}

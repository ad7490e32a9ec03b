package dev.corelanes.app;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.Trace;
import dev.corelanes.teach.Lesson;
import dev.corelanes.view.LaneMode;
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

    /** 10 frames a second during compute runs (see TimelinePane.setLiveFrameInterval; benchmarks.md). */
    static final long COMPUTE_FRAME_NANOS = 100_000_000L;

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
        // While compute tasks run, every frame the window draws is CPU taken from them: draw 10 a second.
        long frameCap = row.handle().spec().kind() == TaskKind.COMPUTE ? COMPUTE_FRAME_NANOS : 0;
        p.timeline().setLiveFrameInterval(frameCap);
        p.clock().setFrameInterval(frameCap);
        row.traceProperty().addListener((o, a, t) -> ended(row, t));
        p.views().follow(row);
    }

    private void ended(RunRow row, Trace t) {
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
        var machine = p.session().machineProperty();
        if (machine.get() != null) {
            go.run();
            return;
        }
        machine.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends MachineInfo> o, MachineInfo a, MachineInfo b) {
                if (b != null) {
                    machine.removeListener(this);
                    Platform.runLater(go);
                }
            }
        });
    }
}

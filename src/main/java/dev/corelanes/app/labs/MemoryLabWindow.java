package dev.corelanes.app.labs;

import dev.corelanes.engine.lab.CounterGuard;
import dev.corelanes.engine.lab.CounterMemory;
import dev.corelanes.engine.lab.CounterResult;
import dev.corelanes.engine.lab.ProcessCounterLab;
import dev.corelanes.engine.lab.SharedCounterLab;
import dev.corelanes.engine.process.ChildCommands;
import dev.corelanes.teach.MemoryFindings;
import dev.corelanes.view.Formats;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.util.Locale;

/**
 * "Threads share memory, a process has its own": N threads increment ONE counter, or N processes each
 * increment their OWN. Polls what each worker sees ten times a second while the engine runs on its own
 * thread, then shows totals, lost updates and what one more worker cost in memory, like with like (one more
 * thread: the growth of this process while they lived; one more process: each child's own memory) — all
 * measured, and beside the last run of the other kind once there is one.
 */
public final class MemoryLabWindow {

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<CounterResult> result = new ReadOnlyObjectWrapper<>();
    private final RadioButton threads = new RadioButton("Threads (one shared counter)");
    private final RadioButton processes = new RadioButton("Processes (a counter each)");
    private final RadioButton noLock = new RadioButton("no lock (count++)");
    private final RadioButton lock = new RadioButton("lock (synchronized)");
    private final RadioButton atomic = new RadioButton("atomic (AtomicLong)");
    private final Spinner<Integer> workers = LabControls.spinner("workersSpinner", 1, 64, 4);
    private final Spinner<Integer> increments = LabControls.spinner("incrementsSpinner", 1, 100_000_000, 1_000_000);
    private final WorkerBoard board = new WorkerBoard();
    private final Label totalLabel = label("totalLabel", "");
    private final Label lostLabel = label("lostLabel", "");
    private final Label parentLabel = label("parentLabel", "");
    private final Label memoryLabel = label("memoryLabel", "");
    private final Label compareLabel = label("memoryCompareLabel", "");
    private final Label status = label("memoryStatus", "");
    private final Scene scene;
    private final Timeline poll = new Timeline(new KeyFrame(Duration.millis(100), e -> refreshLive()));

    private volatile java.util.function.Supplier<long[]> seen;
    /** The last finished run of each kind: one more thread against one more process. */
    private CounterMemory lastThreads;
    private CounterMemory lastProcesses;

    public MemoryLabWindow() {
        ToggleGroup kind = new ToggleGroup();
        threads.setToggleGroup(kind);
        processes.setToggleGroup(kind);
        threads.setId("threadsChoice");
        processes.setId("processesChoice");
        threads.setSelected(true);
        ToggleGroup guard = new ToggleGroup();
        for (RadioButton b : new RadioButton[] {noLock, lock, atomic}) {
            b.setToggleGroup(guard);
        }
        noLock.setId("guardNone");
        lock.setId("guardLock");
        atomic.setId("guardAtomic");
        noLock.setSelected(true);
        // A lock only means something when the counter is shared.
        noLock.disableProperty().bind(processes.selectedProperty().or(running));
        lock.disableProperty().bind(processes.selectedProperty().or(running));
        atomic.disableProperty().bind(processes.selectedProperty().or(running));
        threads.disableProperty().bind(running);
        processes.disableProperty().bind(running);
        workers.disableProperty().bind(running);
        increments.disableProperty().bind(running);
        processes.selectedProperty().addListener((o, a, isProcesses) -> limitWorkers(isProcesses));

        Button run = new Button("Run");
        run.setId("runMemoryButton");
        run.setDefaultButton(true);
        run.disableProperty().bind(running);
        run.setOnAction(e -> start());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelMemoryButton");
        cancel.disableProperty().bind(running.not());
        cancel.setOnAction(e -> cancel());

        VBox form = new VBox(8,
                heading("Workers are"), threads, processes,
                heading("Shared counter is protected by"), noLock, lock, atomic,
                heading("How many workers"), workers, hint("threads 1–64, processes 1–16"),
                heading("Increments per worker"), increments, hint("1 – 100 000 000"),
                new HBox(8, run, cancel));
        form.setPadding(new Insets(12));
        form.setPrefWidth(330);

        Label lesson = new Label("Threads live in ONE process and share its memory: they all increment the same "
                + "counter. Each process has memory of its own: it increments its own copy, and nobody else sees it.");
        lesson.setWrapText(true);
        lesson.getStyleClass().add("hint");
        status.getStyleClass().add("hint");
        // The two lines the lesson is about, readable from the back of a classroom.
        lostLabel.setStyle("-fx-font-size: 1.35em; -fx-font-weight: bold;");
        parentLabel.setStyle("-fx-font-size: 1.15em;");
        compareLabel.setStyle("-fx-font-weight: bold;");
        VBox results = new VBox(6, totalLabel, lostLabel, parentLabel, memoryLabel, compareLabel, status);
        VBox centre = new VBox(12, lesson, board.node(), new Separator(), results);
        centre.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setFitToWidth(true);

        BorderPane root = new BorderPane(scroll);
        root.setLeft(form);
        root.setBottom(LabControls.footer());
        scene = LabControls.scene(root, 1100, 680);
        poll.setCycleCount(Timeline.INDEFINITE);
        if (!SharedCounterLab.raceLikelyVisible()) {
            status.setText("This machine shows 1 CPU: threads rarely interleave mid-increment, so the race may not show.");
        }
    }

    public Scene scene() {
        return scene;
    }

    public void show(Stage stage, boolean darkTheme) {
        LabControls.theme(scene, darkTheme);
        LabControls.show(stage, scene, "Memory lab — threads share memory, a process has its own", this::cancel);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last finished run, or null. */
    public ReadOnlyObjectProperty<CounterResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    private void limitWorkers(boolean isProcesses) {
        var f = (SpinnerValueFactory.IntegerSpinnerValueFactory) workers.getValueFactory();
        f.setMax(isProcesses ? 16 : 64);
        LabControls.commit(workers);
    }

    private void start() {
        LabControls.commit(workers);
        LabControls.commit(increments);
        int n = workers.getValue();
        long k = increments.getValue();
        boolean useProcesses = processes.isSelected();
        if (useProcesses && ChildCommands.problem() != null) {
            status.setText("Processes cannot start here: " + ChildCommands.problem());
            return;
        }
        CounterGuard g = lock.isSelected() ? CounterGuard.LOCK : atomic.isSelected() ? CounterGuard.ATOMIC
                : CounterGuard.NONE;
        board.reset(n, useProcesses, n * k, k);
        result.set(null);
        totalLabel.setText(useProcesses
                ? String.format(Locale.ROOT, "Running %d processes, each counting to %,d in its own memory…", n, k)
                : String.format(Locale.ROOT, "Running %d threads on one shared counter (%s), %,d increments each…",
                n, g.label(), k));
        lostLabel.setText("");
        parentLabel.setText("");
        memoryLabel.setText("");
        status.setText("");
        running.set(true);
        LabJob.Measure<CounterResult> measure;
        Runnable stop;
        if (useProcesses) {
            ProcessCounterLab lab = new ProcessCounterLab(n, k, ChildCommands::corelanes);
            seen = lab::seen;
            stop = lab::cancel;
            measure = j -> lab.run();
        } else {
            SharedCounterLab lab = new SharedCounterLab(n, k, g);
            seen = lab::seen;
            stop = lab::cancel;
            measure = j -> lab.run();
        }
        poll.play();
        // Threads stop early when cancelled and still return a total: it must not be shown as "lost updates".
        job = LabJob.<CounterResult>start("memory-lab", measure, new LabJob.Ending<>() {
            @Override
            public void done(CounterResult r) {
                finished(r, "");
            }

            @Override
            public void cancelled() {
                finished(null, "Cancelled.");
            }

            @Override
            public void failed(Throwable e) {
                finished(null, "The run failed: " + LabJob.why(e));
            }
        }).onCancel(stop);
    }

    /** The run going on, or the last one. */
    private LabJob<CounterResult> job;

    public void cancel() {
        LabJob<CounterResult> j = job;
        if (j != null && running.get()) {
            j.cancel(false); // the lab's own stop ends its threads or processes (onCancel)
        }
    }

    private void refreshLive() {
        var s = seen;
        if (s != null) {
            board.showSeen(s.get());
        }
    }

    private void finished(CounterResult r, String message) {
        poll.stop();
        refreshLive();
        running.set(false);
        if (r == null) {
            totalLabel.setText("");
            status.setText(message);
            return;
        }
        result.set(r);
        board.showSeen(r.finalValues().stream().mapToLong(Long::longValue).toArray());
        board.showMemory(r.memory());
        memoryLabel.setText(MemoryFindings.summary(r.memory()));
        if (r.processes()) {
            lastProcesses = r.memory();
        } else {
            lastThreads = r.memory();
        }
        compareLabel.setText(MemoryFindings.comparison(lastThreads, lastProcesses).orElse(r.processes()
                ? "Run it with threads too, to see what one more thread costs beside one more process."
                : "Run it with processes too, to see what one more process costs beside one more thread."));
        if (r.processes()) {
            totalLabel.setText(String.format(Locale.ROOT,
                    "Each of the %d processes counted to %,d in its own copy of the counter (%s).",
                    r.workers(), r.perWorker(), Formats.nanos(r.elapsedNanos())));
            boolean independent = r.finalValues().stream().allMatch(v -> v == r.perWorker());
            lostLabel.setText(independent ? "Every child's counter = " + String.format(Locale.ROOT, "%,d", r.perWorker())
                    + ": they never added to one another's." : "A child reported an unexpected total.");
            parentLabel.setText("The parent's own counter: " + r.parentSees()
                    + ". The parent learns each child's value only from its message.");
        } else {
            long total = r.finalValues().get(0);
            totalLabel.setText(String.format(Locale.ROOT,
                    "The shared counter ended at %,d; %d threads × %,d would be %,d (%s, %s).",
                    total, r.workers(), r.perWorker(), r.expected(), r.guard().label(),
                    Formats.nanos(r.elapsedNanos())));
            lostLabel.setText(r.lost() > 0
                    ? String.format(Locale.ROOT, "Lost updates: %,d (%.1f %%) — two threads read the same value "
                    + "and both wrote back value + 1.", r.lost(), 100.0 * r.lost() / r.expected())
                    : "Lost updates: 0" + (r.guard() == CounterGuard.NONE
                    ? " this time (the threads did not collide; try more increments)." : "."));
            parentLabel.setText("The main thread reads the same counter directly: " + String.format(Locale.ROOT,
                    "%,d", r.parentSees()) + ". No message needed — it is the same memory.");
        }
    }

    private static Label label(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("lab-result");
        return l;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        return l;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        return l;
    }
}

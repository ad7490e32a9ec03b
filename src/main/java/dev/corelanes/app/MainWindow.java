package dev.corelanes.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import dev.corelanes.engine.CoreProbe;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.teach.Lesson;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.Slide;
import dev.corelanes.view.TimelineModel;
import dev.corelanes.view.TimelineTheme;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the window together: menu bar; machine card and experiment panel on the left; wall clock, timeline,
 * teaching notes and runs table in the centre. Owns no measurement: it starts runs through
 * {@link RunSession} and shows traces — one, several stacked for comparison, or one replayed.
 */
public final class MainWindow {

    private final RunSession session;
    private final AppPrefs prefs;
    /** Every finished run kept as a file, and read back at start. */
    private final KeptRuns kept;
    private final WindowKeys keys;
    private final ExperimentForm form = new ExperimentForm();
    private final TimelinePane timeline = new TimelinePane();
    private final WallClock clock = new WallClock();
    private final ExperimentPanel panel;
    private final RunsTable table;
    private final Label note = new Label();
    private final Messages messages = new Messages();
    private final LessonCard lessonCard = new LessonCard();
    private final RunCaption caption = new RunCaption();
    private final PredictionCard predictionCard = new PredictionCard();
    private final ReplayBar replayBar = new ReplayBar(timeline);
    private final ToggleButton perCore = mouseOnly(new ToggleButton("Cores"));
    private final ToggleButton perWorker = mouseOnly(new ToggleButton("Workers"));
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper presenter = new ReadOnlyBooleanWrapper(false);
    /** 20 frames a second during compute runs (see TimelinePane.setLiveFrameInterval). */
    static final long COMPUTE_FRAME_NANOS = 50_000_000L;
    /** How much larger the timeline is drawn in presenter mode (lane and bar labels, axis, legend). */
    static final double PRESENTER_TIMELINE_ZOOM = 2;
    /** Width of the inputs' column in em of the window's type size. */
    private static final double LEFT_EMS = 26.5;
    private final ReadOnlyDoubleWrapper fontScale = new ReadOnlyDoubleWrapper(1);
    private final BorderPane root = new BorderPane();
    private MachineCard machineCard;
    private final RuntimeChooser runtimes;
    private final BorderPane leftColumn;
    /** Buttons that show only their icon in presenter mode, where the type is larger and room is short. */
    private final List<javafx.scene.control.ButtonBase> compactable = new ArrayList<>();
    private final Scene scene;
    private final FileActions files;
    private final MainMenu menu;
    /** Why the per-core view cannot work on this machine; null while it can. */
    private volatile String coreUnavailable;
    /** True between a lesson's "Run step" and the start of that run. */
    private boolean lessonStepPending;
    /** The runs of the lesson on screen, to compare once its last step has run. */
    private final List<RunRow> lessonRuns = new ArrayList<>();
    private Stage stage;

    /** The window with the user's own preferences, runs folder and the system file chooser. */
    public MainWindow(RunSession session) {
        this(session, AppPrefs.user(), FileAsker.system(), RunStore.user());
    }

    /** A window that keeps no runs between launches (tests). */
    public MainWindow(RunSession session, AppPrefs prefs, FileAsker asker) {
        this(session, prefs, asker, null);
    }

    /** {@code store}: where finished runs are kept and read back from at start; null keeps none. */
    MainWindow(RunSession session, AppPrefs prefs, FileAsker asker, RunStore store) {
        this.session = session;
        this.kept = new KeptRuns(store, session, messages);
        this.prefs = prefs;
        runtimes = new RuntimeChooser(form, prefs, () -> asker.open(window(), "Choose a Python interpreter",
                "Python interpreter", "*"), m -> messages.error(m));
        panel = new ExperimentPanel(form, session.runningProperty(), session.machineProperty().isNotNull(), runtimes);
        table = new RunsTable(session.runs());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        MachineCard machine = new MachineCard(session.machineProperty());
        session.machineProperty().addListener((o, a, m) -> {
            if (m != null) {
                // The affinity call loads native code: find it off the FX thread.
                CompletableFuture.supplyAsync(dev.corelanes.engine.CpuAffinity::detect).thenAccept(aff ->
                        javafx.application.Platform.runLater(() -> {
                            panel.setUsableCores(m.usableCores(), aff);
                            lessonCard.setUsableCores(m.usableCores(), aff.supported());
                        }));
            }
        });
        machineCard = machine;
        form.pythonProperty().addListener((o, was, now) -> machine.showPython(now));
        machine.managedProperty().bind(machine.visibleProperty());
        files = new FileActions(session, prefs, asker, messages, this::window, this::selectedRows,
                timeline.laneModeProperty()::get, timeline.themeProperty()::get);

        VBox left = new VBox(12, machine, panel);
        left.setPadding(new Insets(12));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        leftScroll.getStyleClass().add("edge-to-edge");
        // Run and Cancel stay pinned under the inputs, which scroll when the window is short or type large.
        HBox runBar = panel.buttons();
        runBar.setPadding(new Insets(10, 12, 12, 12));
        leftColumn = new BorderPane(leftScroll);
        leftColumn.setBottom(runBar);
        leftColumn.getStyleClass().add("left-column");

        keys = new WindowKeys(session.runningProperty(), panel.runButton(), timeline, this::run);
        menu = new MainMenu(this);
        root.setTop(new VBox(menu.bar(), header()));
        root.setLeft(leftColumn);
        root.setCenter(centre());
        root.getStyleClass().add("corelanes-root");

        scene = new Scene(root, 1280, 720);
        scene.getStylesheets().add(MainWindow.class.getResource("corelanes.css").toExternalForm());
        keys.install(scene);
        menu.installSizeKeys(scene);
        scene.setOnDragOver(this::onDragOver);
        scene.setOnDragDropped(this::onDragDropped);
        panel.runButton().setOnAction(e -> run());
        panel.cancelButton().setOnAction(e -> session.cancel());
        session.setOnStarted(this::started);
        lessonCard.setOnRun(this::runLessonStep);
        replayBar.setOnStop(this::showSelection);
        applyTheme(prefs.dark());
        setFontScale(prefs.fontScale());
        showIdle();
        checkProbe();
        kept.restore();
    }

    // ---- runs kept between launches ---------------------------------------------------------------------

    /** File ▸ Clear runs: empties the table and deletes the kept run files (a run going on stays). */
    void clearRuns() {
        replayBar.stop();
        int n = session.clearFinished();
        showPlaceholder();
        caption.clear();
        predictionCard.hide();
        lessonRuns.clear();
        messages.info(n == 1 ? "Cleared 1 run." : "Cleared " + n + " runs.");
        kept.clear();
    }

    public Scene scene() {
        return scene;
    }

    public TimelinePane timeline() {
        return timeline;
    }

    public void install(Stage stage) {
        this.stage = stage;
        stage.setTitle("CoreLanes — processes vs threads, measured");
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.getIcons().setAll(AppIcon.images());
        stage.setFullScreenExitHint("Esc or F11 leaves presenter mode");
        stage.fullScreenProperty().addListener((o, a, full) -> {
            if (!full && presenter.get()) {
                setPresenter(false); // Esc left full screen: leave presenter mode with it
            }
        });
        // Closing during a run cancels it and waits briefly, so no worker outlives the window.
        stage.setOnCloseRequest(e -> session.close());
        // Enter and Space must run at once in a fresh window: give Run the focus, not the first button found.
        stage.setOnShown(e -> panel.runButton().requestFocus());
    }

    /**
     * Buttons outside the experiment panel are mouse targets with their own shortcuts (F11, Ctrl+E, …).
     * Keeping them out of keyboard focus means Enter and Space never press them by accident — a focused
     * "Present" button turned Enter into "go full screen" instead of "run".
     */
    private static <T extends javafx.scene.Node> T mouseOnly(T node) {
        node.setFocusTraversable(false);
        return node;
    }

    private Window window() {
        return scene.getWindow();
    }

    private Region header() {
        Label title = new Label("CoreLanes");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("where each task really ran: processes vs threads, measured");
        subtitle.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button present = mouseOnly(new Button("Present", new FontIcon("mdi2p-projector-screen-outline")));
        present.setId("presenterButton");
        present.getStyleClass().add(Styles.FLAT);
        present.setTooltip(new Tooltip("Presenter mode: full screen, large type, high contrast (F11)"));
        present.setOnAction(e -> setPresenter(!presenter.get()));
        Button theme = mouseOnly(new Button(null, new FontIcon("mdi2w-weather-night")));
        theme.setId("themeButton");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setTooltip(new Tooltip("Light / dark theme"));
        theme.setOnAction(e -> setDark(!dark.get()));
        dark.addListener((o, a, isDark) ->
                theme.setGraphic(new FontIcon(isDark ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night")));
        // The labs open in their own windows, owned by this one: closing the main window closes them too.
        javafx.scene.control.MenuButton labs = mouseOnly(dev.corelanes.app.labs.Labs.menu(this::window, dark));
        HBox bar = new HBox(12, new FontIcon("mdi2c-chip"), title, subtitle, spacer, labs, present, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 14, 8, 14));
        bar.getStyleClass().add("app-header");
        return bar;
    }

    private Region centre() {
        ToggleGroup views = new ToggleGroup();
        perCore.setToggleGroup(views);
        perWorker.setToggleGroup(views);
        perCore.setId("perCoreToggle");
        perWorker.setId("perWorkerToggle");
        perCore.getStyleClass().add(Styles.LEFT_PILL);
        perWorker.getStyleClass().add(Styles.RIGHT_PILL);
        perCore.setGraphic(new FontIcon("mdi2c-chip"));
        perWorker.setGraphic(new FontIcon("mdi2f-format-list-bulleted"));
        perCore.setTooltip(new Tooltip("Per core: one lane per logical CPU, showing where each task ran"));
        perWorker.setTooltip(new Tooltip("Per worker: one lane per thread or process, coloured by state"));
        perCore.setSelected(true);
        views.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one of the two is always on
                return;
            }
            timeline.laneModeProperty().set(b == perCore ? LaneMode.CORES : LaneMode.WORKERS);
        });
        // The buttons follow the lane mode however it changes (e.g. core unknown switches to workers).
        timeline.laneModeProperty().addListener((o, a, b) -> (b == LaneMode.CORES ? perCore : perWorker)
                .setSelected(true));
        Button fit = mouseOnly(new Button("Fit", new FontIcon("mdi2f-fit-to-page-outline")));
        fit.setId("fitButton");
        fit.setTooltip(new Tooltip("Show the whole run (0, or double-click the timeline). Wheel, pinch and + / − zoom, drag pans."));
        fit.setOnAction(e -> timeline.fit());
        Button replay = mouseOnly(new Button("Replay", new FontIcon("mdi2r-replay")));
        replay.setId("replayButton");
        replay.setTooltip(new Tooltip("Play the selected run back, slower or faster (Ctrl+R)"));
        replay.setOnAction(e -> replaySelected());
        Button export = mouseOnly(new Button("Export", new FontIcon("mdi2e-export-variant")));
        export.setId("exportButton");
        export.setTooltip(new Tooltip("Export the selected runs as a slide: PNG, SVG or trace-event (Ctrl+E)"));
        export.setOnAction(e -> files.export());
        HBox viewButtons = new HBox(perCore, perWorker);
        viewButtons.setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : new Button[] {fit, replay, export}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        compactable.addAll(List.of(perCore, perWorker, fit, replay, export));
        HBox.setHgrow(clock, Priority.ALWAYS);
        // The buttons in a column of two rows on the right, so the clock's lines get the width they need.
        HBox actions = new HBox(8, fit, replay, export);
        actions.setAlignment(Pos.CENTER_RIGHT);
        VBox buttons = new VBox(8, viewButtons, actions);
        buttons.setAlignment(Pos.TOP_RIGHT);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        viewButtons.setAlignment(Pos.CENTER_RIGHT);
        HBox top = new HBox(10, clock, buttons);
        top.setAlignment(Pos.CENTER_LEFT);

        note.getStyleClass().add("note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        VBox.setVgrow(timeline, Priority.ALWAYS);
        timeline.getStyleClass().add("timeline");
        table.setPrefHeight(150);
        table.setMinHeight(110);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) c -> {
            // Selection events come in bursts (clear, then add): show the result once they settle.
            Platform.runLater(this::showSelection);
        });
        VBox centre = new VBox(8, top, messages, note, lessonCard, predictionCard, timeline, replayBar, caption,
                table);
        centre.setPadding(new Insets(10, 12, 12, 0));
        // Text takes the height it needs, never cut to "…"; when the window is too short for all of it, the
        // column scrolls instead of squeezing the text (the timeline gives way first, down to its minimum).
        for (Region r : new Region[] {top, messages, note, lessonCard, replayBar, caption}) {
            r.setMinHeight(Region.USE_PREF_SIZE);
        }
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setId("centreScroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        keys.spaceRunsIn(scroll, timeline);
        return scroll;
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void onDragDropped(DragEvent e) {
        boolean any = e.getDragboard().hasFiles();
        if (any) {
            openFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(any);
        e.consume();
    }

    /**
     * Opens run files (dropped, or passed on the command line by a file manager), read off the FX thread:
     * each run is selected once read, a file that is no run says why in the message bar.
     */
    void openFiles(List<java.nio.file.Path> paths) {
        for (java.nio.file.Path p : paths) {
            files.open(p, this::select);
        }
    }

    // ---- running --------------------------------------------------------------------------------------

    void run() {
        panel.commitEdits();
        ExperimentSpec spec;
        try {
            spec = form.spec();
        } catch (SpecException e) {
            return; // The panel already shows the message in red and Run is disabled; nothing else to say.
        }
        Double predicted = null;
        if (menu.predictEnabled()) {
            var p = new PredictDialog(window(), spec).ask();
            if (p.isEmpty()) {
                lessonStepPending = false;
                return; // cancelled: no run without the prediction asked for
            }
            predicted = p.get();
        }
        replayBar.stop();
        RunRow row;
        try {
            row = session.start(spec, form.coresProperty().get(), form.pythonChoice());
        } catch (IllegalArgumentException e) {
            lessonStepPending = false;
            messages.error(e.getMessage() + ".");
            return;
        }
        if (row != null) {
            row.setPrediction(predicted);
        }
    }

    private void started(RunRow row) {
        if (lessonStepPending) {
            lessonStepPending = false;
            lessonRuns.add(row);
            lessonCard.stepStarted();
        }
        // While compute tasks run, every frame the window draws is CPU taken from them: draw 20 a second.
        long frameCap = row.handle().spec().kind() == TaskKind.COMPUTE ? COMPUTE_FRAME_NANOS : 0;
        timeline.setLiveFrameInterval(frameCap);
        clock.setFrameInterval(frameCap);
        timeline.showLive(row.model(), session.lastFeed(), row.handle()::elapsedNanos);
        clock.follow(row);
        caption.clear();
        predictionCard.hide();
        row.traceProperty().addListener((o, a, t) -> ended(row, t));
        select(row);
    }

    private void ended(RunRow row, Trace t) {
        kept.keep(row, t);
        table.refresh();
        if (lessonRuns.contains(row)) {
            lessonCard.showMeasured(lessonRuns);
        }
        if (t.coreUnknown()) {
            perWorker.setSelected(true);
        }
        if (lessonCard.lessonProperty().get() != null && lessonCard.nextStep() == null && lessonRuns.contains(row)
                && lessonRuns.size() > 1 && lessonRuns.stream().allMatch(r -> r.trace() != null)) {
            selectAll(lessonRuns); // the lesson's last step ran: compare its runs
        } else if (selectedRows().equals(List.of(row))) {
            showSelection();
        }
    }

    /**
     * Ready for a demo (`corelanes window`): sets the lesson or the workload, and with {@code run} starts it
     * (the lesson's first step) as soon as the machine has been read.
     */
    void prepare(ExperimentSpec spec, Lesson lesson, boolean runNow) {
        if (lesson != null) {
            startLesson(lesson);
        } else if (spec != null) {
            apply(spec);
        }
        if (!runNow) {
            return;
        }
        Runnable go = () -> {
            if (lessonCard.lessonProperty().get() != null) {
                lessonCard.runStepButton().fire();
            } else {
                run();
            }
        };
        if (session.machineProperty().get() != null) {
            go.run();
        } else {
            session.machineProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends MachineInfo> o, MachineInfo a,
                                    MachineInfo b) {
                    if (b != null) {
                        session.machineProperty().removeListener(this);
                        Platform.runLater(go);
                    }
                }
            });
        }
    }

    // ---- lessons --------------------------------------------------------------------------------------

    /** Sets the controls to a lesson's first step and shows its question. */
    void startLesson(Lesson l) {
        lessonRuns.clear();
        lessonCard.show(l);
        apply(l.first());
        form.coresProperty().set(lessonCard.nextCores());
        messages.clear();
        chooseLessonRuntime(l.first());
    }

    private void runLessonStep(ExperimentSpec spec) {
        apply(spec);
        form.coresProperty().set(lessonCard.nextCores());
        if (!chooseLessonRuntime(spec)) {
            return;
        }
        lessonStepPending = true;
        run();
        if (!session.runningProperty().get()) {
            lessonStepPending = false; // not started (cancelled prediction, machine not ready)
        }
    }

    /** True once a free-threaded Python was found: its lesson is offered then (see {@link Lesson#availableWith}). */
    javafx.beans.value.ObservableBooleanValue freeThreadedFound() {
        return runtimes.freeThreadedFoundProperty();
    }

    /** The Lessons menu opens: look for interpreters now (not during a run: each probe starts one). */
    void lessonsShowing() {
        if (!session.runningProperty().get()) {
            runtimes.discoverOnce();
        }
    }

    /** Java or Python, as the lesson's step asks; false (with a message) when it needs a Python there is not. */
    private boolean chooseLessonRuntime(ExperimentSpec spec) {
        Lesson l = lessonCard.lessonProperty().get();
        boolean python = l != null && l.python(spec);
        if (l != null && l.steps().stream().anyMatch(l::python)) {
            runtimes.discoverOnce(); // a later step will need one: start looking now
        }
        if (python && l.freeThreaded()) {
            if (!runtimes.selectFreeThreaded()) {
                messages.error("This step runs in a free-threaded Python (python3.13t or newer), but none was found: "
                        + runtimes.problem() + ".");
                return false;
            }
        } else if (!runtimes.select(python)) {
            messages.error("This step runs in real Python, but none can be used: " + runtimes.problem() + ".");
            return false;
        }
        return true;
    }

    /** Sets the controls to {@code s}. */
    void apply(ExperimentSpec s) {
        form.kindProperty().set(s.kind());
        form.modeProperty().set(s.mode());
        form.tasksProperty().set(s.tasks());
        form.secondsProperty().set(s.taskSeconds());
        if (s.mode().pooled()) {
            form.workersProperty().set(s.workers());
        }
        form.gilProperty().set(s.gil());
    }

    // ---- showing runs ---------------------------------------------------------------------------------

    List<RunRow> selectedRows() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    void select(RunRow row) {
        table.getSelectionModel().clearSelection();
        table.getSelectionModel().select(row);
        table.scrollTo(row);
    }

    void selectAll(List<RunRow> rows) {
        table.getSelectionModel().clearSelection();
        for (RunRow r : rows) {
            table.getSelectionModel().select(r);
        }
    }

    /** One run selected: that run; several: their finished runs stacked on one time axis. */
    private void showSelection() {
        if (replayBar.activeProperty().get()) {
            replayBar.stop();
            return; // stop() shows the selection again
        }
        List<RunRow> rows = selectedRows();
        if (rows.isEmpty()) {
            return;
        }
        List<RunRow> done = rows.stream().filter(r -> r.trace() != null).toList();
        if (rows.size() > 1 && done.size() > 1) {
            timeline.stopLive();
            timeline.showCompared(done.stream().map(r -> new Slide.Run(r.model(), r.trace())).toList());
            RunRow last = done.get(done.size() - 1);
            clock.show(last, last.figures());
            caption.showCompared(done.size());
            predictionCard.hide();
            updateNote(null);
            return;
        }
        display(rows.get(rows.size() - 1));
    }

    /** Shows one run: live if it is still going on, else its trace. */
    private void display(RunRow row) {
        if (row.trace() == null) {
            if (timeline.model() != row.model()) {
                timeline.showLive(row.model(), session.lastFeed(), row.handle()::elapsedNanos);
            }
            clock.follow(row);
            caption.clear();
            predictionCard.hide();
        } else {
            timeline.stopLive();
            timeline.show(row.model());
            Trace t = row.trace();
            RunFigures f = row.figures();
            timeline.setIdealNanos(t.status() == TaskStatus.COMPLETED && f != null
                    ? Math.round(f.idealSeconds() * 1e9) : -1);
            clock.show(row, f);
            caption.show(row, session.baselineTrace(row));
            predictionCard.show(row.prediction(), t);
        }
        updateNote(row.trace());
    }

    void replaySelected() {
        List<RunRow> rows = selectedRows().stream().filter(r -> r.trace() != null).toList();
        if (rows.size() != 1) {
            messages.error(rows.isEmpty() ? "Select a finished run to replay." : "Select one run to replay.");
            return;
        }
        messages.clear();
        replayBar.start(rows.get(0));
        clock.replay(replayBar.positionProperty());
    }

    private void updateNote(Trace t) {
        String why = coreUnavailable;
        if (why == null && t != null && t.coreUnknown()) {
            why = "the core of some running spans could not be read";
        }
        note.setText(why == null ? "" : "Per-core view unavailable here (" + why
                + "): showing one lane per worker instead.");
    }

    private void showPlaceholder() {
        MachineInfo m = session.machineProperty().get() != null ? session.machineProperty().get()
                : MachineInfo.fromJvm();
        TimelineModel p = new TimelineModel(null, m, null);
        p.setMessage("Choose a workload on the left and press Run (Enter or Space).");
        timeline.stopLive();
        timeline.show(p);
        clock.clear();
    }

    private void showIdle() {
        MachineInfo m = session.machineProperty().get() != null ? session.machineProperty().get()
                : MachineInfo.fromJvm();
        TimelineModel placeholder = new TimelineModel(null, m, null);
        placeholder.setMessage("Choose a workload on the left and press Run (Enter or Space).");
        timeline.show(placeholder);
        session.machineProperty().addListener((o, a, b) -> {
            if (b != null && timeline.model() == placeholder) {
                TimelineModel p = new TimelineModel(null, b, null);
                p.setMessage(placeholder.message());
                timeline.show(p);
            }
        });
    }

    /** Reads whether this OS can tell the core of a thread (loads a native call: off the FX thread). */
    private void checkProbe() {
        CompletableFuture.supplyAsync(CoreProbe::detect).thenAccept(p -> {
            if (!p.available()) {
                coreUnavailable = p.description();
                Platform.runLater(() -> {
                    perWorker.setSelected(true);
                    updateNote(null);
                });
            }
        });
    }

    // ---- look: theme, presenter mode, type size -------------------------------------------------------

    private void applyTheme(boolean isDark) {
        dark.set(isDark);
        Application.setUserAgentStylesheet(isDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), isDark);
        TimelineTheme t = isDark ? TimelineTheme.DARK : TimelineTheme.LIGHT;
        timeline.themeProperty().set(presenter.get() ? t.highContrast() : t);
    }

    /** True while the dark theme is on. */
    public javafx.beans.property.ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /** Switches theme and remembers it for the next launch. */
    public void setDark(boolean isDark) {
        applyTheme(isDark);
        prefs.setDark(isDark);
    }

    public javafx.beans.property.ReadOnlyBooleanProperty presenterProperty() {
        return presenter.getReadOnlyProperty();
    }

    /** Presenter mode: full screen, type 1.3× larger, high contrast, a big wall clock. */
    public void setPresenter(boolean on) {
        presenter.set(on);
        // The machine is in every slide title; on a projector its card only takes room from the timeline.
        machineCard.setVisible(!on);
        table.setPrefHeight(on ? 120 : 150);
        for (var b : compactable) {
            b.setContentDisplay(on ? javafx.scene.control.ContentDisplay.GRAPHIC_ONLY
                    : javafx.scene.control.ContentDisplay.LEFT);
        }
        root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("presenter"), on);
        applyTheme(dark.get()); // the timeline's high-contrast colours
        if (stage != null && stage.isFullScreen() != on) {
            stage.setFullScreen(on);
        }
        applyScale();
    }

    /** Text size relative to normal (Ctrl+plus / Ctrl+minus), remembered between launches. */
    public ReadOnlyDoubleProperty fontScaleProperty() {
        return fontScale.getReadOnlyProperty();
    }

    public void setFontScale(double s) {
        fontScale.set(AppPrefs.clampScale(s));
        prefs.setFontScale(fontScale.get());
        applyScale();
    }

    void changeFontScale(double factor) {
        setFontScale(Math.round(fontScale.get() * factor * 20) / 20.0);
        messages.info(String.format(Locale.ROOT, "Text size %.0f %%.", fontScale.get() * 100));
    }

    private void applyScale() {
        double s = fontScale.get() * (presenter.get() ? 1.3 : 1);
        // Everything in our stylesheet is sized in em of this one root size, so it all scales together.
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 14 * s));
        // The inputs' column grows with the type, so "Compute (CPU-bound)" fits its drop-down at any size.
        leftColumn.setPrefWidth(Math.round(LEFT_EMS * 14 * s));
        leftColumn.setMinWidth(Math.round(LEFT_EMS * 14 * s));
        table.scaleColumns(14 * s);
        // On a projector the timeline's lane labels, bar labels and axis are drawn twice their normal size.
        timeline.zoomProperty().set(fontScale.get() * (presenter.get() ? PRESENTER_TIMELINE_ZOOM : 1));
    }

    // ---- for the menu and tests -----------------------------------------------------------------------

    java.util.List<java.nio.file.Path> prefsRecent() {
        return prefs.recentFiles();
    }

    FileActions files() {
        return files;
    }

    Messages messages() {
        return messages;
    }

    LessonCard lessonCard() {
        return lessonCard;
    }

    ReplayBar replayBar() {
        return replayBar;
    }

    WallClock clock() {
        return clock;
    }

    void showCode() {
        try {
            new CodeDialog(window(), form.spec(), form.pythonChoice()).show();
        } catch (SpecException e) {
            messages.error("No code for these settings: " + e.getMessage());
        }
    }

    ExperimentForm form() {
        return form;
    }
}

package dev.corelanes.app;

import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.SpecException;
import dev.corelanes.teach.Lesson;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the window together: menu bar; machine card and experiment panel on the left; wall clock, timeline,
 * teaching notes and runs table in the centre. The jobs live in parts of their own: {@link RunControl}
 * starts runs and follows their end, {@link RunViews} shows the selected runs, {@link LessonFlow} walks a
 * lesson, {@link WindowLook} sets theme, presenter mode and type size, {@link FileActions} opens (also
 * dropped files), saves and exports, {@link WindowKeys} handles the keyboard, {@link KeptRuns} keeps finished runs.
 * The menu reaches the window only through {@link WindowCommands}.
 */
public final class MainWindow implements WindowCommands {

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
    private final BorderPane root = new BorderPane();
    /** The centre column, scrolled when the window is too short for all of it. */
    private ScrollPane centreScroll;
    private final RuntimeChooser runtimes;
    /** Buttons that show only their icon in presenter mode, where the type is larger and room is short. */
    private final List<ButtonBase> compactable = new ArrayList<>();
    private final Scene scene;
    private final FileActions files;
    private final MainMenu menu;
    private final WindowLook look;
    private final RunViews views;
    private final LessonFlow lessons;
    private final RunControl runs;
    private final FileAsker asker;

    /** What full screen says as it starts: presenter mode's way out. */
    static final String FULL_SCREEN_HINT = "Esc or F11 leaves presenter mode";
    /** The window's title, shown from the first frame. */
    static final String TITLE = "CoreLanes — processes vs threads, measured";
    /** The size of the window's first scene (the window manager or the user resizes it). */
    static final double FIRST_WIDTH = 1280;
    static final double FIRST_HEIGHT = 720;

    /** The window with the user's own preferences, runs folder and the system file chooser. */
    public MainWindow(RunSession session) {
        this(session, AppPrefs.user());
    }

    /** The window with {@code prefs} (the user's, read once at launch), the user's runs folder and file chooser. */
    MainWindow(RunSession session, AppPrefs prefs) {
        this(session, prefs, FileAsker.system(), RunStore.user());
    }

    /** A window that keeps no runs between launches (tests). */
    public MainWindow(RunSession session, AppPrefs prefs, FileAsker asker) {
        this(session, prefs, asker, null);
    }

    /** The OS's affinity call, found off the FX thread once the machine is read (tests: a slow one). */
    private java.util.function.Supplier<dev.corelanes.engine.platform.CpuAffinity> affinity = dev.corelanes.engine.platform.host.Host::affinity;

    /** Tests: how the affinity call is found (set before the machine is read). */
    void affinitySource(java.util.function.Supplier<dev.corelanes.engine.platform.CpuAffinity> source) {
        affinity = source;
    }

    /** {@code store}: where finished runs are kept and read back from at start; null keeps none. */
    MainWindow(RunSession session, AppPrefs prefs, FileAsker asker, RunStore store) {
        this.session = session;
        this.asker = asker;
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
                CompletableFuture.supplyAsync(affinity).thenAccept(aff ->
                        Platform.runLater(() -> {
                            panel.setUsableCores(m.usableCores(), aff);
                            lessonCard.setUsableCores(m.usableCores(), aff.supported());
                        }));
            }
        });
        form.pythonProperty().addListener((o, was, now) -> machine.showPython(now));
        machine.managedProperty().bind(machine.visibleProperty());
        files = new FileActions(session, prefs, asker, messages, this::window, this::selectedRows,
                timeline.laneModeProperty()::get, timeline.themeProperty()::get);
        files.setOnOpened(kept::keep);

        VBox left = new VBox(12, machine, panel);
        left.setPadding(new Insets(12));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        leftScroll.getStyleClass().add("edge-to-edge");
        UncachedScroll.keep(leftScroll);
        // Run and Cancel stay pinned under the inputs, which scroll when the window is short or type large.
        HBox runBar = panel.buttons();
        runBar.setPadding(new Insets(10, 12, 12, 12));
        BorderPane leftColumn = new BorderPane(leftScroll);
        leftColumn.setBottom(runBar);
        leftColumn.getStyleClass().add("left-column");
        look = new WindowLook(prefs, messages,
                new WindowLook.Parts(root, leftColumn, timeline, machine, table, compactable));
        // Other runs in the timeline: draw them as large as presenter mode asks again, where they fit.
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<RunRow>) c -> look.timelineShowsOther());

        keys = new WindowKeys(session.runningProperty(), panel.runButton(), timeline, this::run);
        menu = new MainMenu(this);
        root.setTop(new VBox(menu.bar(), new AppHeader(this, look.darkProperty(), look.presenterProperty(), this::window)));
        root.setLeft(leftColumn);
        root.setCenter(centre());
        root.getStyleClass().add("corelanes-root");

        scene = new Scene(root, FIRST_WIDTH, FIRST_HEIGHT);
        session.drawsIn(scene);
        scene.getStylesheets().add(MainWindow.class.getResource("corelanes.css").toExternalForm());
        keys.install(scene);
        scene.heightProperty().addListener((o, a, b) -> revealTimelineWhenPresenting());
        menu.installSizeKeys(scene);
        files.acceptDrops(scene, this::select);
        panel.runButton().setOnAction(e -> run());
        panel.cancelButton().setOnAction(e -> session.cancel());
        views = new RunViews(session, table, timeline, clock, caption, predictionCard, replayBar, messages, note);
        runs = new RunControl(new RunControl.Parts(session, panel, form, timeline, clock, replayBar, messages, views,
                kept), menu::predictEnabled, this::window);
        // A lesson's own-code step runs the student's file as Run my program does, in the Python chosen.
        OwnCodeStep ownCodeStep = new OwnCodeStep(lessonCard, new ProgramLauncher(session, form.pythonProperty()::get,
                prefs, Path.of(System.getProperty("user.home", "."))), this::ownCodeFolder);
        lessons = new LessonFlow(lessonCard, form, runtimes, messages, runs::run, rows -> {
            views.selectAll(rows);
            if (rows.size() > 1) {
                ScrollReveal.later(centreScroll, timeline); // the lesson's comparison, in view under its card
            }
        }, ownCodeStep);
        runs.setLessons(lessons);
        kept.restore();
    }

    public Scene scene() {
        return scene;
    }

    /** The runtime chooser (tests: how interpreters are found). */
    RuntimeChooser runtimes() {
        return runtimes;
    }

    public TimelinePane timeline() {
        return timeline;
    }

    public void install(Stage stage) {
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.getIcons().setAll(AppIcon.images());
        stage.setFullScreenExitHint(""); // no animated overlay: the header's button says it (AppHeader)
        look.attach(stage);
        // Closing during a run cancels it and waits briefly, so no worker outlives the window.
        stage.setOnCloseRequest(e -> {
            session.close();
            kept.close(); // what Clear runs moved aside can no longer be undone: delete it now
        });
        // Enter and Space must run at once in a fresh window: give Run the focus, not the first button found.
        stage.setOnShown(e -> panel.runButton().requestFocus());
        if (stage.isShowing()) {
            // Installed in a window already up (its opening frame): the scene's first pulse gives the focus to the
            // first control it finds, so Run takes it after that pulse.
            OpeningFrame.afterFirstPulse(scene, () -> panel.runButton().requestFocus());
        }
    }

    private Window window() {
        return scene.getWindow();
    }

    private Region centre() {
        TimelineButtons buttons = new TimelineButtons(timeline, this::replaySelected, files::export);
        compactable.addAll(buttons.compactable());
        HBox.setHgrow(clock, Priority.ALWAYS);
        HBox top = new HBox(10, clock, buttons);
        top.setAlignment(Pos.CENTER_LEFT);

        note.setId("timelineNote");
        note.getStyleClass().add("note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        VBox.setVgrow(timeline, Priority.ALWAYS);
        timeline.getStyleClass().add("timeline");
        table.setMinHeight(0);
        VBox centre = new VBox(8, top, messages, note, lessonCard, predictionCard, timeline, replayBar, caption);
        // The card says where its comparison is: the timeline comes after it in this column.
        lessonCard.setComparisonBelow(centre.getChildren().indexOf(timeline) > centre.getChildren().indexOf(lessonCard));
        centre.setPadding(new Insets(10, 12, 8, 0));
        // Text takes the height it needs, never cut to "…"; when the window is too short for all of it, the
        // column scrolls instead of squeezing the text (the timeline gives way first, down to its minimum).
        for (Region r : new Region[] {top, messages, note, lessonCard, replayBar, caption}) {
            r.setMinHeight(Region.USE_PREF_SIZE);
        }
        ScrollPane scroll = new ScrollPane(centre);
        centreScroll = scroll;
        keepReplayBarInView();
        scroll.setId("centreScroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        UncachedScroll.keep(scroll); // a live frame redraws what changed, not the whole centre
        keys.spaceRunsIn(scroll, timeline);
        return new RunsSplit(scroll, table, prefs);
    }

    /**
     * Opens run files (dropped, or passed on the command line by a file manager), read off the FX thread:
     * each run is selected once read, a file that is no run says why in the message bar.
     */
    void openFiles(List<Path> paths) {
        files.openAll(paths, this::select);
    }

    // ---- running ----------------------------------------------------------------------------------------

    void run() {
        runs.run();
    }

    /** Ready for a demo (`corelanes window`): see {@link RunControl#prepare}. */
    void prepare(ExperimentSpec spec, Lesson lesson, boolean runNow) {
        runs.prepare(spec, lesson, runNow);
    }

    /** Sets the controls to {@code s}. */
    void apply(ExperimentSpec s) {
        form.apply(s);
    }

    // ---- selection ------------------------------------------------------------------------------------

    List<RunRow> selectedRows() {
        return views.selectedRows();
    }

    void select(RunRow row) {
        views.select(row);
    }

    // ---- the menu's commands (WindowCommands) ---------------------------------------------------------

    private ProgramDialog programDialog;

    @Override
    public void runProgram() {
        if (programDialog == null) {
            ProgramLauncher launcher = new ProgramLauncher(session, form.pythonProperty()::get, prefs,
                    Path.of(System.getProperty("user.home", ".")));
            programDialog = new ProgramDialog(window(), launcher, () -> asker.open(window(), "Choose a program to run",
                    "Python or Java program", "*.py", "*.jar"), prefs.lastProgram());
        }
        programDialog.show();
    }

    /** Where the student's own code is written (the app's data folder; tests: a folder of their own). */
    private Path ownCodeDir = dev.corelanes.engine.files.AppFolders.user().data();

    void ownCodeDir(Path dir) {
        ownCodeDir = dir;
    }

    private Path ownCodeFolder() {
        return ownCodeDir != null ? ownCodeDir : Path.of(System.getProperty("user.home", "."), "CoreLanes");
    }

    /** The lesson flow (tests). */
    LessonFlow lessonFlow() {
        return lessons;
    }

    @Override
    public void ownCode() {
        Path dir = ownCodeFolder();
        CompletableFuture.supplyAsync(() -> {
            try {
                return dev.corelanes.teach.OwnCode.ensure(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenComplete((starter, e) -> Platform.runLater(() -> {
            if (e != null) {
                Throwable c = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e;
                messages.error("Could not write " + dir.resolve(dev.corelanes.teach.OwnCode.FILE_NAME) + ": "
                        + c.getMessage());
                return;
            }
            new OwnCodeDialog(window(), starter, file -> {
                runProgram();
                programDialog.run(ProgramDialog.quoted(file.toString()));
            }).show();
        }));
    }

    /** The Run my program dialog, once opened (tests). */
    ProgramDialog programDialog() {
        return programDialog;
    }

    @Override
    public void openRun() {
        files.open(this::select);
    }

    @Override
    public void openRecent(Path file) {
        files.open(file, this::select);
    }

    @Override
    public List<Path> recentFiles() {
        return prefs.recentFiles();
    }

    @Override
    public void saveRun() {
        files.save();
    }

    @Override
    public void export() {
        files.export();
    }

    @Override
    public void copyImage() {
        files.copyImage();
    }

    /** File ▸ Quit: the same close request as the window's close button, so a live run is cancelled first. */
    @Override
    public void quit() {
        Window w = window();
        if (w != null) {
            w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        }
    }

    /**
     * File ▸ Clear runs: asks first, naming how many runs go; then empties the table (a run going on stays)
     * and moves the kept run files aside, so Undo (the message's button, or Ctrl+Z) brings them back until
     * the window closes.
     */
    @Override
    public void clearRuns() {
        long n = session.runs().stream().filter(r -> r.trace() != null).count();
        if (n == 0) {
            messages.info("There are no finished runs to clear.");
            return;
        }
        if (!new ClearRunsDialog(window(), (int) n).confirmed()) {
            return;
        }
        replayBar.stop();
        List<RunRow> gone = session.clearFinished();
        views.cleared();
        lessons.forgetRuns();
        kept.clear(gone);
        messages.info((gone.size() == 1 ? "Cleared 1 run." : "Cleared " + gone.size() + " runs.")
                + " Undo (Ctrl+Z) brings them back until the window closes.", "Undo", this::undoClear);
    }

    @Override
    public void undoClear() {
        List<RunRow> back = kept.undo();
        if (!back.isEmpty()) {
            messages.info(back.size() == 1 ? "Run #" + back.get(0).number() + " is back."
                    : back.size() + " runs are back (#" + back.get(0).number() + "–#"
                    + back.get(back.size() - 1).number() + ").");
            select(back.get(back.size() - 1));
        }
    }

    @Override
    public javafx.beans.value.ObservableBooleanValue canUndoClear() {
        return kept.canUndo();
    }

    /** Kept run files (tests wait for their writes and moves). */
    KeptRuns kept() {
        return kept;
    }

    @Override
    public void replaySelected() {
        views.replaySelected();
        if (replayBar.isVisible()) {
            // Two compared runs make the timeline taller than a 1280x720 centre: the bar's play and scrubber,
            // under it, must not be left out of sight.
            ScrollReveal.later(centreScroll, replayBar);
        }
    }

    /**
     * While the replay bar is up, a timeline that grows above it (a comparison's lanes filling in as the replay
     * goes) must not push it under the runs table: it is brought back into view. Only the bar's place in the
     * centre moves it, never the user's own scrolling (that moves the whole centre, not the bar within it).
     */
    private void keepReplayBarInView() {
        replayBar.boundsInParentProperty().addListener((o, was, now) -> {
            if (replayBar.isVisible() && was != null && Math.abs(now.getMinY() - was.getMinY()) > 0.5) {
                // After this layout pass: the reveal lays the centre out itself.
                javafx.application.Platform.runLater(() -> ScrollReveal.now(centreScroll, replayBar));
            }
        });
    }

    @Override
    public void togglePresenter() {
        setPresenter(!look.presenterProperty().get());
    }

    @Override
    public void toggleTheme() {
        setDark(!look.darkProperty().get());
    }

    @Override
    public void changeFontScale(double factor) {
        look.changeFontScale(factor);
    }

    /** Text size relative to normal, remembered between launches. */
    @Override
    public void setFontScale(double s) {
        look.setFontScale(s);
    }

    /** Sets the controls to a lesson's first step and shows its question. */
    @Override
    public void startLesson(Lesson l) {
        lessons.start(l);
        ScrollReveal.later(centreScroll, lessonCard); // chosen while the centre was scrolled down: bring it up
    }

    @Override
    public javafx.beans.value.ObservableBooleanValue freeThreadedFound() {
        return runtimes.freeThreadedFoundProperty();
    }

    @Override
    public void lessonsShowing() {
        if (!session.runningProperty().get()) {
            runtimes.discoverOnce();
        }
    }

    @Override
    public void showCode() {
        try {
            new CodeDialog(window(), form.spec(), form.pythonChoice()).show();
        } catch (SpecException e) {
            messages.error("No code for these settings: " + e.getMessage());
        }
    }

    private HelpWindow help;

    /** The Help window on {@code page}, its type as large as the main window's (presenter mode too). */
    @Override
    public void showHelp(HelpWindow.Page page) {
        if (help == null) {
            help = new HelpWindow(window(), root.getStyle());
        }
        help.show(page, root.getStyle());
    }

    /** The Help window, once opened (tests). */
    HelpWindow help() {
        return help;
    }

    // ---- look, for the app and tests ------------------------------------------------------------------

    /** True while the dark theme is on. */
    public ReadOnlyBooleanProperty darkProperty() {
        return look.darkProperty();
    }

    /** Switches theme and remembers it for the next launch. */
    public void setDark(boolean isDark) {
        look.setDark(isDark);
    }

    public ReadOnlyBooleanProperty presenterProperty() {
        return look.presenterProperty();
    }

    /** Presenter mode: full screen, type 1.3× larger, high contrast, a big wall clock. */
    public void setPresenter(boolean on) {
        look.setPresenter(on);
        revealTimelineWhenPresenting();
    }

    /**
     * In presenter mode the timeline is what the class looks at: the larger type pushes it down the centre,
     * so it is scrolled back into view when the mode starts and whenever the projector's size changes.
     */
    private void revealTimelineWhenPresenting() {
        if (look.presenterProperty().get()) {
            ScrollReveal.later(centreScroll, timeline);
        }
    }

    /** Text size relative to normal (Ctrl+plus / Ctrl+minus). */
    public ReadOnlyDoubleProperty fontScaleProperty() {
        return look.fontScaleProperty();
    }

    // ---- parts, for tests -----------------------------------------------------------------------------

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

    /** Starts runs and paces their drawing (tests). */
    RunControl runControl() {
        return runs;
    }

    WallClock clock() {
        return clock;
    }

    ExperimentForm form() {
        return form;
    }
}

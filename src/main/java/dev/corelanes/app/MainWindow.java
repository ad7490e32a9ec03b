package dev.corelanes.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import dev.corelanes.engine.CoreProbe;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.Trace;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.TimelineModel;
import dev.corelanes.view.TimelineTheme;
import javafx.application.Application;
import javafx.application.Platform;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.concurrent.CompletableFuture;

/**
 * Puts the window together: machine card and experiment panel on the left; wall clock, timeline and runs
 * table in the centre. Owns no measurement: it starts runs through {@link RunSession} and shows traces.
 */
public final class MainWindow {

    private final RunSession session;
    private final ExperimentForm form = new ExperimentForm();
    private final TimelinePane timeline = new TimelinePane();
    private final WallClock clock = new WallClock();
    private final ExperimentPanel panel;
    private final RunsTable table;
    private final Label note = new Label();
    private final ToggleButton perCore = new ToggleButton("Cores");
    private final ToggleButton perWorker = new ToggleButton("Workers");
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(false);
    private final Scene scene;
    /** Why the per-core view cannot work on this machine; null while it can. */
    private volatile String coreUnavailable;

    public MainWindow(RunSession session) {
        this.session = session;
        panel = new ExperimentPanel(form, session.runningProperty(), session.machineProperty().isNotNull());
        table = new RunsTable(session.runs());
        MachineCard machine = new MachineCard(session.machineProperty());

        VBox left = new VBox(12, machine, panel);
        left.setPadding(new Insets(12));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        leftScroll.setPrefWidth(352);
        leftScroll.setMinWidth(300);
        leftScroll.getStyleClass().add("edge-to-edge");

        BorderPane root = new BorderPane();
        root.setTop(header());
        root.setLeft(leftScroll);
        root.setCenter(centre());
        root.getStyleClass().add("corelanes-root");

        scene = new Scene(root, 1280, 720);
        scene.getStylesheets().add(MainWindow.class.getResource("corelanes.css").toExternalForm());
        scene.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        panel.runButton().setOnAction(e -> run());
        panel.cancelButton().setOnAction(e -> session.cancel());
        session.setOnStarted(this::started);
        applyTheme(false);
        showIdle();
        checkProbe();
    }

    public Scene scene() {
        return scene;
    }

    public TimelinePane timeline() {
        return timeline;
    }

    public void install(Stage stage) {
        stage.setTitle("CoreLanes — processes vs threads, measured");
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.getIcons().setAll(AppIcon.images());
        // Closing during a run cancels it and waits briefly, so no worker outlives the window.
        stage.setOnCloseRequest(e -> session.close());
    }

    private Region header() {
        Label title = new Label("CoreLanes");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("where each task really ran: processes vs threads, measured");
        subtitle.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button theme = new Button(null, new FontIcon("mdi2w-weather-night"));
        theme.setId("themeButton");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setTooltip(new Tooltip("Light / dark theme"));
        theme.setOnAction(e -> applyTheme(!dark.get()));
        dark.addListener((o, a, isDark) ->
                theme.setGraphic(new FontIcon(isDark ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night")));
        // The labs open in their own windows; one entry here keeps this header small.
        javafx.scene.control.MenuButton labs = dev.corelanes.app.labs.Labs.menu(null, dark);
        HBox bar = new HBox(12, new FontIcon("mdi2c-chip"), title, subtitle, spacer, labs, theme);
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
        Button fit = new Button("Fit", new FontIcon("mdi2f-fit-to-page-outline"));
        fit.setId("fitButton");
        fit.setTooltip(new Tooltip("Show the whole run (or double-click the timeline). Wheel zooms, drag pans."));
        fit.setOnAction(e -> timeline.fit());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox viewButtons = new HBox(perCore, perWorker);
        viewButtons.setMinWidth(Region.USE_PREF_SIZE);
        fit.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(clock, Priority.ALWAYS);
        HBox top = new HBox(12, clock, spacer, viewButtons, fit);
        top.setAlignment(Pos.CENTER_LEFT);

        note.getStyleClass().add("note");
        note.setWrapText(true);
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        VBox.setVgrow(timeline, Priority.ALWAYS);
        timeline.getStyleClass().add("timeline");
        table.setPrefHeight(170);
        table.setMinHeight(120);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                display(b);
            }
        });
        VBox centre = new VBox(8, top, note, timeline, table);
        centre.setPadding(new Insets(10, 12, 12, 0));
        return centre;
    }

    private void onKey(KeyEvent e) {
        // Space runs, unless a control used it (a focused button fires itself, a text field types).
        if (e.getCode() == KeyCode.SPACE && !(e.getTarget() instanceof TextInputControl)
                && !panel.runButton().isDisabled()) {
            run();
            e.consume();
        }
    }

    private void run() {
        panel.commitEdits();
        try {
            session.start(form.spec());
        } catch (SpecException e) {
            // The panel already shows the message in red and Run is disabled; nothing else to say.
        }
    }

    private void started(RunRow row) {
        timeline.showLive(row.model(), session.lastFeed(), row.handle()::elapsedNanos);
        clock.follow(row);
        row.traceProperty().addListener((o, a, t) -> ended(row, t));
        table.getSelectionModel().select(row);
        table.scrollTo(row);
    }

    private void ended(RunRow row, Trace t) {
        table.refresh();
        if (table.getSelectionModel().getSelectedItem() == row) {
            display(row);
        }
        if (t.coreUnknown()) {
            perWorker.setSelected(true);
        }
    }

    /** Shows one run: live if it is still going on, else its trace. */
    private void display(RunRow row) {
        if (row.trace() == null) {
            if (timeline.model() != row.model()) {
                timeline.showLive(row.model(), session.lastFeed(), row.handle()::elapsedNanos);
            }
            clock.follow(row);
        } else {
            timeline.stopLive();
            timeline.show(row.model());
            RunRow base = session.baseline(row);
            clock.show(row, base == null ? -1 : base.trace().wallSeconds());
        }
        updateNote(row.trace());
    }

    private void updateNote(Trace t) {
        String why = coreUnavailable;
        if (why == null && t != null && t.coreUnknown()) {
            why = "the core of some running spans could not be read";
        }
        note.setText(why == null ? "" : "Per-core view unavailable here (" + why
                + "): showing one lane per worker instead.");
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

    private void applyTheme(boolean isDark) {
        dark.set(isDark);
        Application.setUserAgentStylesheet(isDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), isDark);
        timeline.themeProperty().set(isDark ? TimelineTheme.DARK : TimelineTheme.LIGHT);
    }

    /** True while the dark theme is on. */
    public javafx.beans.property.ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /** Switches theme (for screenshots and tests). */
    public void setDark(boolean isDark) {
        applyTheme(isDark);
    }

    ExperimentForm form() {
        return form;
    }

}

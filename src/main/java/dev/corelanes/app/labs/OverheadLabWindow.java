package dev.corelanes.app.labs;

import dev.corelanes.app.canvas.CanvasSurface;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.lab.OverheadLab;
import dev.corelanes.engine.process.ChildCommands;
import dev.corelanes.teach.OverheadFindings;
import dev.corelanes.view.OverheadChart;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * "A process costs more to create and to talk to": runs {@link OverheadLab} on its own thread with a
 * progress bar, then draws {@link OverheadChart} and offers it as PNG, SVG and CSV.
 */
public final class OverheadLabWindow {

    /** The export formats offered, with their file extension. */
    public enum Format {
        PNG_1X("png"), PNG_2X("png"), SVG("svg"), CSV("csv");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<List<Measurement>> measurements = new ReadOnlyObjectWrapper<>(List.of());
    private final Spinner<Integer> repetitions;
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Press Measure: each cost is timed many times on this machine.");
    private final Label headline = new Label(OverheadFindings.QUESTION);
    private final Label explanation = new Label("");
    private final Canvas canvas = new Canvas(OverheadExport.WIDTH, OverheadChart.height(OverheadLab.NAMES.size()));
    private final Scene scene;
    private boolean dark;

    public OverheadLabWindow(int initialRepetitions) {
        repetitions = LabControls.spinner("repetitionsSpinner", 3, 1000, initialRepetitions);
        Button measure = new Button("Measure");
        measure.setId("measureButton");
        measure.setDefaultButton(true);
        measure.disableProperty().bind(running);
        measure.setOnAction(e -> start());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelOverheadButton");
        cancel.disableProperty().bind(running.not());
        cancel.setOnAction(e -> cancel());
        progress.setId("overheadProgress");
        progress.setPrefWidth(220);
        status.setId("overheadStatus");
        status.setWrapText(true);

        HBox controls = new HBox(10, new Label("Repetitions"), repetitions, measure, cancel, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox exports = new HBox(8, new Label("Export:"), exportButton("PNG", Format.PNG_1X),
                exportButton("PNG 2×", Format.PNG_2X), exportButton("SVG", Format.SVG),
                exportButton("CSV", Format.CSV));
        exports.setAlignment(Pos.CENTER_LEFT);
        // Both lines are derived from the figures once measured (OverheadFindings): never a claim in advance.
        headline.setId("overheadHeadline");
        headline.setWrapText(true);
        headline.setStyle("-fx-font-weight: bold;");
        explanation.setId("overheadExplanation");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("hint");

        VBox top = new VBox(10, headline, controls, status, explanation);
        top.setPadding(new Insets(12));
        BorderPane root = new BorderPane(new ScrollPane(canvas));
        root.setTop(top);
        root.setBottom(LabControls.footer(exports));
        scene = LabControls.scene(root, 1000, 620);
        redraw();
    }

    public Scene scene() {
        return scene;
    }

    public void show(Stage stage, boolean darkTheme) {
        dark = darkTheme;
        LabControls.theme(scene, darkTheme);
        redraw();
        LabControls.show(stage, scene, "Overhead lab — what a thread and a process cost", this::cancel);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Measurement>> measurementsProperty() {
        return measurements.getReadOnlyProperty();
    }

    private Button exportButton(String text, Format format) {
        Button b = new Button(text);
        b.setId("export" + format.name());
        b.disableProperty().bind(running.or(measurements.isEqualTo(List.of())));
        b.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("corelanes-overhead." + format.extension);
            File f = chooser.showSaveDialog(scene.getWindow());
            if (f != null) {
                export(format, f.toPath());
            }
        });
        return b;
    }

    /** Writes the current chart; says in the status line what happened. Returns false on failure. */
    public boolean export(Format format, Path file) {
        List<Measurement> ms = measurements.get();
        try {
            switch (format) {
                case PNG_1X -> OverheadExport.png(ms, file, 1, dark);
                case PNG_2X -> OverheadExport.png(ms, file, 2, dark);
                case SVG -> OverheadExport.svg(ms, file, dark);
                case CSV -> OverheadExport.csv(ms, file);
            }
            status.setText("Saved " + file + ".");
            return true;
        } catch (OutputFileException e) {
            status.setText(e.getMessage());
            return false;
        }
    }

    private void start() {
        int reps = repetitions.getValue();
        Supplier<ProcessBuilder> workerJvm = ChildCommands.problem() == null
                ? () -> ChildCommands.worker("overhead") : null;
        running.set(true);
        progress.setProgress(0);
        status.setText("Measuring…");
        LabJob<?>[] self = new LabJob<?>[1];
        OverheadLab lab = new OverheadLab(reps, workerJvm, () -> self[0] != null && self[0].stopAsked(),
                (fraction, what) -> Platform.runLater(() -> {
                    progress.setProgress(fraction);
                    if (running.get()) {
                        status.setText("Measuring: " + what + "…");
                    }
                }));
        job = LabJob.<List<Measurement>>start("overhead-lab", j -> lab.measureAll(), new LabJob.Ending<>() {
            @Override
            public void done(List<Measurement> ms) {
                finished(ms, "Measured " + ms.size() + " costs. Bars: median; whiskers: the middle 80 % of samples.");
            }

            @Override
            public void cancelled() {
                finished(null, "Cancelled: nothing kept from this run.");
            }

            @Override
            public void failed(Throwable e) {
                finished(null, e instanceof OverheadLab.Cancelled ? "Cancelled: nothing kept from this run."
                        : "The measurement failed: " + e.getMessage());
            }
        });
        self[0] = job;
    }

    /** The measurement going on, or the last one. */
    private LabJob<List<Measurement>> job;

    private void finished(List<Measurement> ms, String message) {
        if (ms != null) {
            measurements.set(List.copyOf(ms));
            OverheadFindings findings = OverheadFindings.of(ms);
            headline.setText(findings.headline());
            explanation.setText(String.join(" ", findings.explanation()));
        }
        progress.setProgress(ms != null ? 1 : 0);
        running.set(false);
        status.setText(message);
        redraw();
    }

    /** Stops between samples; the lab's own cleanup ends any child it started. */
    public void cancel() {
        LabJob<List<Measurement>> j = job;
        if (j != null) {
            j.cancel(true); // interrupts a wait for a child; the lab's own cleanup ends any child it started
        }
    }

    private void redraw() {
        List<Measurement> ms = measurements.get();
        canvas.setHeight(OverheadChart.height(Math.max(ms.size(), OverheadLab.NAMES.size())));
        OverheadChart.paint(new CanvasSurface(canvas.getGraphicsContext2D()), ms, canvas.getWidth(), dark);
    }
}

package dev.corelanes.app.labs;

import dev.corelanes.app.canvas.CanvasSurface;
import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.sweep.ScalingSweep;
import dev.corelanes.engine.sweep.SweepResult;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.view.ScalingChart;
import dev.corelanes.view.ScalingFiles;
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
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "Does it scale?": one compute workload on 1, 2, … N cores (or 1 … N pool workers), run one after
 * another on its own thread, drawn as {@link ScalingChart} (measured speedup, ideal line, Amdahl fit) and
 * offered as PNG, SVG and CSV.
 */
public final class ScalingLabWindow {

    /** The export formats offered. */
    public enum Format { PNG, SVG, CSV }

    private static final double MIN_CHART_WIDTH = 720;
    private static final double MIN_CHART_HEIGHT = 440;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<SweepResult> result = new ReadOnlyObjectWrapper<>();
    private final ChoiceBox<ScalingSweep.By> by = new ChoiceBox<>();
    private final ChoiceBox<ExecutionMode> mode = new ChoiceBox<>();
    private final Spinner<Integer> max;
    private final Label status = new Label("Press Sweep: the same work runs on 1 core, then 2, … and the "
            + "speedups are compared with the ideal and with Amdahl's law.");
    private final Canvas canvas = new Canvas(ScalingChart.WIDTH, ScalingChart.HEIGHT);
    private final Scene scene;
    private final AtomicReference<RunHandle> current = new AtomicReference<>();
    private boolean dark;

    public ScalingLabWindow() {
        int cpus = Runtime.getRuntime().availableProcessors();
        max = LabControls.spinner("sweepMaxSpinner", 1, Math.max(64, cpus), Math.min(cpus, 8));
        by.setId("sweepByChoice");
        by.getItems().setAll(ScalingSweep.By.values());
        by.setValue(ScalingSweep.By.CORES);
        by.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ScalingSweep.By b) {
                return b == null ? "" : b == ScalingSweep.By.CORES ? "cores (pinned)" : "pool workers";
            }

            @Override
            public ScalingSweep.By fromString(String s) {
                return null;
            }
        });
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ExecutionMode m) {
                return m == null ? "" : m.label();
            }

            @Override
            public ExecutionMode fromString(String s) {
                return null;
            }
        });
        mode.setId("sweepModeChoice");
        mode.getItems().setAll(ExecutionMode.THREADS, ExecutionMode.PROCESSES, ExecutionMode.POOL,
                ExecutionMode.PROCESS_POOL);
        mode.setValue(ExecutionMode.THREADS);
        by.valueProperty().addListener((o, a, b) -> {
            if (b == ScalingSweep.By.WORKERS && !mode.getValue().pooled()) {
                mode.setValue(ExecutionMode.POOL); // workers grow a pool
            }
        });
        Button sweep = new Button("Sweep");
        sweep.setId("sweepButton");
        sweep.setDefaultButton(true);
        sweep.disableProperty().bind(running);
        sweep.setOnAction(e -> start());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelSweepButton");
        cancel.disableProperty().bind(running.not());
        cancel.setOnAction(e -> cancel());
        status.setId("sweepStatus");
        status.setWrapText(true);

        HBox controls = new HBox(10, new Label("Grow"), by, new Label("up to"), max, new Label("Model"), mode,
                sweep, cancel);
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox exports = new HBox(8, new Label("Export:"), exportButton("PNG", Format.PNG),
                exportButton("SVG", Format.SVG), exportButton("CSV", Format.CSV));
        exports.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(10, controls, status);
        top.setPadding(new Insets(12));
        // The chart fills what the window leaves it (down to a readable least, then it scrolls): the whole
        // chart on a 1280×720 screen. Exports keep the chart's own size.
        ScrollPane chart = new ScrollPane(canvas);
        chart.viewportBoundsProperty().addListener((o, was, is) -> {
            canvas.setWidth(Math.max(MIN_CHART_WIDTH, Math.floor(is.getWidth())));
            canvas.setHeight(Math.max(MIN_CHART_HEIGHT, Math.floor(is.getHeight())));
            redraw();
        });
        BorderPane root = new BorderPane(chart);
        root.setTop(top);
        root.setBottom(LabControls.footer(exports));
        scene = LabControls.scene(root, 1000, 760);
        redraw();
    }

    public void show(Stage stage, boolean darkTheme) {
        dark = darkTheme;
        LabControls.theme(scene, darkTheme);
        redraw();
        LabControls.show(stage, scene, "Scaling lab — speedup vs cores", this::cancel);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SweepResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    private Button exportButton(String text, Format format) {
        Button b = new Button(text);
        b.setId("sweepExport" + format.name());
        b.disableProperty().bind(running.or(result.isNull()));
        b.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("corelanes-sweep." + format.name().toLowerCase(java.util.Locale.ROOT));
            File f = chooser.showSaveDialog(scene.getWindow());
            if (f != null) {
                export(format, f.toPath());
            }
        });
        return b;
    }

    /** Writes the current sweep; says in the status line what happened. Returns false on failure. */
    public boolean export(Format format, Path file) {
        SweepResult r = result.get();
        try {
            byte[] bytes = switch (format) {
                case PNG -> ScalingFiles.png(r, 2, dark);
                case SVG -> ScalingFiles.svg(r, dark);
                case CSV -> ScalingFiles.csv(r).getBytes(StandardCharsets.UTF_8);
            };
            ScalingFiles.write(file, bytes);
            status.setText("Saved " + file + ".");
            return true;
        } catch (OutputFileException e) {
            status.setText(e.getMessage());
            return false;
        }
    }

    private void start() {
        LabControls.commit(max);
        ScalingSweep.By what = by.getValue();
        ExecutionMode m = mode.getValue();
        int n = max.getValue();
        running.set(true);
        status.setText("Starting…");
        job = LabJob.<SweepResult>start("scaling-lab", j -> {
            MachineInfo machine = Hardware.detect().machine();
            ExperimentSpec w = m.pooled()
                    ? new ExperimentSpec(m, TaskKind.COMPUTE, n, 0.5, what == ScalingSweep.By.CORES ? n : 1, false)
                    : ExperimentSpec.of(m, TaskKind.COMPUTE, n, 0.5, false);
            return ScalingSweep.run(what, w, n, machine, Runs.JAVA, j::stopAsked,
                    line -> Platform.runLater(() -> status.setText("Running " + line + "…")), current::set);
        }, new LabJob.Ending<>() {
            @Override
            public void done(SweepResult r) {
                finished(r, r.note().isEmpty() ? "Done: " + r.fitSentence() + "." : r.note() + ".");
            }

            @Override
            public void cancelled() {
                finished(null, "Cancelled.");
            }

            @Override
            public void failed(Throwable e) {
                finished(null, e instanceof IllegalArgumentException ? e.getMessage() + "."
                        : "The sweep failed: " + e.getMessage());
            }
        }).onCancel(() -> {
            RunHandle h = current.get();
            if (h != null) {
                h.cancel(); // the run in progress stops too
            }
        });
    }

    /** The sweep going on, or the last one. */
    private LabJob<SweepResult> job;

    private void finished(SweepResult r, String message) {
        if (r != null) {
            result.set(r);
        }
        running.set(false);
        status.setText(message);
        redraw();
    }

    /** Stops after the run in progress, which is cancelled too. */
    public void cancel() {
        LabJob<SweepResult> j = job;
        if (j != null) {
            j.cancel(false); // the sweep stops between runs; the run in progress is cancelled (onCancel)
        }
    }

    private void redraw() {
        SweepResult r = result.get();
        CanvasSurface s = new CanvasSurface(canvas.getGraphicsContext2D());
        if (r == null) {
            s.begin(canvas.getWidth(), canvas.getHeight(), dark ? dev.corelanes.view.Rgb.hex("#1e1f24")
                    : dev.corelanes.view.Rgb.hex("#ffffff"));
            s.end();
            return;
        }
        ScalingChart.paint(s, r, canvas.getWidth(), canvas.getHeight(), dark);
    }
}

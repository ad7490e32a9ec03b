package dev.corelanes.app;

import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inputs of an experiment and the Run / Cancel buttons. Run is the default button (Enter) and Cancel
 * the cancel button (Esc); both state their shortcut in their tooltip.
 */
final class ExperimentPanel extends VBox {

    private final Button run = new Button("Run", new FontIcon("mdi2p-play"));
    private final Button cancel = new Button("Cancel", new FontIcon("mdi2s-stop"));
    private final Spinner<Integer> tasks;
    private final Spinner<Double> seconds;
    private final Spinner<Integer> workers;
    private final ChoiceBox<Integer> cores = new ChoiceBox<>();
    private final HBox buttons;

    ExperimentPanel(ExperimentForm form, ObservableBooleanValue running, ObservableBooleanValue ready) {
        this(form, running, ready, null);
    }

    ExperimentPanel(ExperimentForm form, ObservableBooleanValue running, ObservableBooleanValue ready,
                    RuntimeChooser runtimes) {
        getStyleClass().add("card");
        setSpacing(8);
        setPadding(new Insets(10, 12, 12, 12));
        Label title = new Label("Experiment");
        title.getStyleClass().add("card-title");

        ChoiceBox<TaskKind> kind = new ChoiceBox<>();
        kind.setId("kindChoice");
        kind.getItems().setAll(TaskKind.values());
        kind.setConverter(converter(k -> k == TaskKind.SLEEP ? "Sleep (I/O-like)" : "Compute (CPU-bound)"));
        kind.valueProperty().bindBidirectional(form.kindProperty());

        ChoiceBox<ExecutionMode> mode = new ChoiceBox<>();
        mode.setId("modeChoice");
        mode.getItems().setAll(ExecutionMode.runnableModes());
        mode.setConverter(converter(ExecutionMode::label));
        mode.valueProperty().bindBidirectional(form.modeProperty());

        tasks = BoundedSpinners.integer(form.tasksProperty(), 1, form.maxTasksProperty());
        tasks.setId("tasksSpinner");
        tasks.setTooltip(new Tooltip());
        tasks.getTooltip().textProperty().bind(Bindings.format("1 to %d tasks for this model and kind",
                form.maxTasksProperty()));
        seconds = BoundedSpinners.decimal(form.secondsProperty(), ExperimentSpec.MIN_SECONDS,
                ExperimentSpec.MAX_SECONDS, 0.1);
        seconds.setId("secondsSpinner");
        seconds.setTooltip(new Tooltip("Work per task: " + ExperimentSpec.MIN_SECONDS + " to "
                + (int) ExperimentSpec.MAX_SECONDS + " s"));
        workers = BoundedSpinners.integer(form.workersProperty(), 1, form.maxWorkersProperty());
        workers.setId("workersSpinner");
        workers.disableProperty().bind(Bindings.createBooleanBinding(() -> !form.modeProperty().get().pooled(),
                form.modeProperty()));
        workers.setTooltip(new Tooltip("Pool size (thread pool and process pool only)"));

        cores.setId("coresChoice");
        cores.getItems().setAll(0);
        cores.setConverter(converter(n -> n == 0 ? "All usable" : n + (n == 1 ? " core" : " cores")));
        cores.valueProperty().addListener((o, a, b) -> form.coresProperty().set(b == null ? 0 : b));
        form.coresProperty().addListener((o, a, b) -> {
            if (!cores.getItems().contains(b.intValue())) {
                cores.getItems().add(b.intValue());
            }
            cores.setValue(b.intValue());
        });
        cores.setValue(0);
        cores.setTooltip(new Tooltip("Use only some cores: the run's threads and processes are pinned to them"));
        cores.setDisable(true); // until the machine and the OS's affinity call are known (setUsableCores)

        ToggleSwitch gil = new ToggleSwitch("Python GIL");
        gil.setId("gilSwitch");
        gil.selectedProperty().bindBidirectional(form.gilProperty());
        Label gilHint = new Label("Threads take turns holding one lock, like CPython.");
        gilHint.setTooltip(new Tooltip("Java threads take turns holding one lock, handed over every 5 ms like "
                + "CPython's switch interval. For the real thing, choose a Python runtime."));
        gilHint.getStyleClass().add("hint");
        gilHint.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int r = 0;
        grid.addRow(r++, label("Task kind"), kind);
        grid.addRow(r++, label("Tasks"), tasks);
        grid.addRow(r++, label("Seconds per task"), seconds);
        grid.addRow(r++, label("Execution model"), mode);
        if (runtimes != null) {
            // One row, so the panel still fits 1280×720: the start method appears beside the runtime only
            // where it applies (a Python run in processes).
            ChoiceBox<?> method = runtimes.startMethodBox();
            method.visibleProperty().bind(method.disabledProperty().not());
            method.managedProperty().bind(method.visibleProperty());
            runtimes.runtimeBox().setMaxWidth(Double.MAX_VALUE);
            runtimes.runtimeBox().setMinWidth(80);
            HBox.setHgrow(runtimes.runtimeBox(), Priority.ALWAYS);
            HBox runtimeRow = new HBox(6, runtimes.runtimeBox(), method);
            // Under the box, the chosen interpreter and its path in full, wrapped (nothing when Java).
            javafx.scene.layout.VBox runtimeCell = new javafx.scene.layout.VBox(2, runtimeRow, runtimes.chosenLabel());
            grid.addRow(r++, label("Runtime"), runtimeCell);
            GridPane.setHgrow(runtimeCell, Priority.ALWAYS);
            // The real interpreter has its own GIL (or none): the emulation applies to Java only.
            gil.disableProperty().bind(form.pythonProperty().isNotNull());
        }
        grid.addRow(r++, label("Workers"), workers);
        grid.addRow(r++, label("Cores"), cores);
        for (javafx.scene.Node n : new javafx.scene.Node[] {kind, mode, tasks, seconds, workers, cores}) {
            ((javafx.scene.control.Control) n).setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(n, Priority.ALWAYS);
        }

        Label error = new Label();
        error.setId("specError");
        error.getStyleClass().add("spec-error");
        error.setWrapText(true);
        error.textProperty().bind(form.errorProperty());
        error.visibleProperty().bind(form.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        run.setId("runButton");
        run.getStyleClass().add("accent");
        run.setDefaultButton(true);
        run.setTooltip(new Tooltip("Run the experiment (Enter or Space)"));
        run.disableProperty().bind(Bindings.createBooleanBinding(
                () -> running.get() || !ready.get() || !form.errorProperty().get().isEmpty(),
                running, ready, form.errorProperty()));
        cancel.setId("cancelButton");
        cancel.getStyleClass().add("danger");
        cancel.setCancelButton(true);
        // Esc cancels; Cancel never takes the focus (Run's disabling during a run would pass it on), so Enter
        // and Space can never press it by accident.
        cancel.setFocusTraversable(false);
        cancel.setTooltip(new Tooltip("Stop the run (Esc); what ran so far is kept"));
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> !running.get(), running));
        for (Button b : new Button[] {run, cancel}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        buttons = new HBox(10, run, cancel);
        buttons.setAlignment(Pos.CENTER);
        buttons.getStyleClass().add("run-buttons");
        getChildren().addAll(title, grid, gil, gilHint, error);
    }

    /**
     * Run and Cancel, kept apart from the inputs: the window pins them under the scrolling inputs so they
     * stay on screen at any window height and type size.
     */
    HBox buttons() {
        return buttons;
    }

    /**
     * Offers 1 … the CPUs this process may use (affinity, container quota), or disables the choice with the
     * reason where the OS cannot pin a run.
     */
    void setUsableCores(int usable, dev.corelanes.engine.platform.CpuAffinity affinity) {
        cores.setDisable(!affinity.supported());
        if (!affinity.supported()) {
            cores.getTooltip().setText("Unavailable: " + affinity.unsupportedReason());
        }
        Integer chosen = cores.getValue();
        List<Integer> items = new ArrayList<>();
        items.add(0);
        for (int n = 1; n <= usable; n++) {
            items.add(n);
        }
        cores.getItems().setAll(items);
        cores.setValue(chosen != null && chosen <= usable ? chosen : 0);
    }

    Button runButton() {
        return run;
    }

    Button cancelButton() {
        return cancel;
    }

    /** Commits any value still being typed, so Run uses what the user sees. */
    void commitEdits() {
        BoundedSpinners.commit(tasks);
        BoundedSpinners.commit(seconds);
        BoundedSpinners.commit(workers);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("choices are not typed");
            }
        };
    }
}

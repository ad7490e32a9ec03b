package dev.corelanes.app;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.Trace;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;

import java.util.function.Function;

/** Every run since the app started; cancelled and failed ones stay, with their reason in a tooltip. */
final class RunsTable extends TableView<RunRow> {

    RunsTable(ObservableList<RunRow> runs) {
        super(runs);
        setId("runsTable");
        getStyleClass().add("dense");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No runs yet: choose a workload and press Run."));
        // Widths for the longest figure or header each column holds at the 14 px type ("Process pool (4)",
        // "1 core (CPU 0)", "10000 compute × 0.05 s"): all of them fit a 1280-pixel window, with a scroll bar.
        getColumns().add(column("#", 32, r -> constant(String.valueOf(r.number()))));
        getColumns().add(column("Model", 126, r -> constant(r.spec().mode().label()
                + (r.spec().mode().pooled() ? " (" + r.spec().workers() + ")" : ""))));
        // The cores the run could use, and where it was pinned: a 1-core and a 2-core run must not look alike.
        getColumns().add(column("Cores", 120, r -> Bindings.createStringBinding(() -> r.trace() == null ? "…"
                : FigureText.cores(r.trace().machine()), r.traceProperty())));
        // Tasks, kind and seconds in one cell, as typed: "2 compute × 0.3 s".
        // A traced program: its threads, nothing asked of them, counted when it ends ("…" while it runs).
        getColumns().add(column("Workload", 150, r -> r.spec().mode() == dev.corelanes.engine.ExecutionMode.TRACED
                ? Bindings.createStringBinding(r::describe, r.traceProperty())
                : constant(r.spec().tasks() + " " + r.spec().kind().id() + " × " + r.spec().taskSecondsText() + " s")));
        // "yes" = emulated in Java; a Python run has its interpreter's own: "real" (CPython's GIL) or "off".
        getColumns().add(column("GIL", 44, r -> Bindings.createStringBinding(() -> {
            Trace t = r.traceProperty().get();
            if (t != null && t.runtime().python()) {
                return t.runtime().realGil() ? "real" : "off";
            }
            return r.spec().gil() ? "yes" : "no";
        }, r.traceProperty())));
        getColumns().add(column("Wall", 66, r -> fromFigures(r, f -> FigureText.seconds(f.wallSeconds()))));
        // The tasks' own CPU time: sleeping tasks read ~0 s. The runtime's (creating threads, JIT, GC, start-up) is
        // in the header beside it, with the total; a column of its own would not fit a 1280-pixel window.
        getColumns().add(column("Task CPU", 90, r -> fromFigures(r, FigureText::taskCpuCell)));
        getColumns().add(column("Speedup", 88, r -> fromFigures(r, FigureText::speedupCell)));
        getColumns().add(column("Status", 84, RunRow::statusProperty));
        for (var c : getColumns()) {
            String term = switch (c.getText()) {
                case "Cores" -> "cores";
                case "Workload" -> "workload";
                case "GIL" -> "GIL";
                case "Wall" -> "wall";
                case "Task CPU" -> "task CPU";
                case "Speedup" -> "speedup";
                default -> null;
            };
            if (term != null) {
                Glossary.explain(c, term);
            }
        }
        Glossary.explainHeaders(this);
        setRowFactory(statusTooltips());
        // Columns follow what they hold: a run added, its status and figures filled in when it ends.
        runs.addListener((javafx.collections.ListChangeListener<RunRow>) c -> {
            while (c.next()) {
                for (RunRow r : c.getAddedSubList()) {
                    r.statusProperty().addListener((o, a, b) -> fitSoon());
                    r.figuresProperty().addListener((o, a, b) -> fitSoon());
                }
            }
            fitSoon();
        });
        for (RunRow r : runs) {
            r.statusProperty().addListener((o, a, b) -> fitSoon());
        }
    }

    /**
     * Keeps every column at least as wide as it was designed for at the 14 px type, scaled to the type in
     * use: a header or cell then never ends in "…"; a window too narrow for them all scrolls the table.
     */
    void scaleColumns(double fontPx) {
        this.fontPx = fontPx;
        fitColumns();
    }

    private double fontPx = 14;
    private boolean fitQueued;

    /**
     * Each column at least as wide as its header and every value it holds, measured in the cells' own font
     * ("completed · opened", "21.66 s" at a projector's type), and no narrower than designed: nothing ends in
     * "…"; a window too narrow for them all scrolls the table sideways.
     */
    void fitColumns() {
        fitQueued = false;
        javafx.scene.text.Font font = javafx.scene.text.Font.font(cellFont().getFamily(), fontPx);
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(font);
        // A cell's padding and the header's sort-arrow room, in em of the type (AtlantaFX pads cells in em).
        double slack = Math.ceil(1.6 * font.getSize());
        for (TableColumn<RunRow, ?> c : getColumns()) {
            double need = 0;
            if (c.getProperties().get(DESIGNED_WIDTH) instanceof Double w) {
                need = w * fontPx / 14;
            }
            probe.setText(c.getText());
            need = Math.max(need, probe.getLayoutBounds().getWidth() + slack);
            for (RunRow r : getItems()) {
                Object v = c.getCellObservableValue(r) == null ? null : c.getCellObservableValue(r).getValue();
                if (v != null) {
                    probe.setText(v.toString());
                    need = Math.max(need, probe.getLayoutBounds().getWidth() + slack);
                }
            }
            c.setMinWidth(Math.ceil(need));
        }
    }

    /** Fits the columns once, after what changed now (a run's status and figures change together). */
    private void fitSoon() {
        if (!fitQueued) {
            fitQueued = true;
            javafx.application.Platform.runLater(this::fitColumns);
        }
    }

    /** The font the table's cells are drawn in (the root's type, as styled), or the type size alone. */
    private javafx.scene.text.Font cellFont() {
        for (javafx.scene.Node n : lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                return l.getFont();
            }
        }
        return javafx.scene.text.Font.font(fontPx);
    }

    private static final String DESIGNED_WIDTH = "corelanes.designedWidth";

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyObjectWrapper<>(s);
    }

    /** "…" while running, "—" when nothing ran (a run that failed to start), else the figure. */
    private static ObservableValue<String> fromFigures(RunRow r, Function<RunFigures, String> f) {
        return Bindings.createStringBinding(() -> r.figures() == null || r.trace() == null ? "…"
                : r.trace().nothingRan() ? FigureText.DASH : f.apply(r.figures()), r.figuresProperty(),
                r.traceProperty());
    }

    private static TableColumn<RunRow, String> column(String title, double width,
                                                      Function<RunRow, ObservableValue<String>> value) {
        TableColumn<RunRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.getProperties().put(DESIGNED_WIDTH, width);
        c.setSortable(false);
        c.setReorderable(false);
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        return c;
    }

    /** Rows of cancelled or failed runs say why in a tooltip and are tinted by status. */
    private static Callback<TableView<RunRow>, TableRow<RunRow>> statusTooltips() {
        return tv -> new TableRow<>() {
            @Override
            protected void updateItem(RunRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("run-failed", "run-cancelled");
                setTooltip(null);
                if (empty || item == null) {
                    return;
                }
                Trace t = item.trace();
                String from = item.source() == null ? "" : "Opened from " + item.source();
                if (t != null && !t.message().isEmpty()) {
                    setTooltip(new Tooltip(t.status().id() + ": " + t.message() + (from.isEmpty() ? "" : "\n" + from)));
                    getStyleClass().add("run-" + t.status().id());
                } else if (!from.isEmpty()) {
                    setTooltip(new Tooltip(from));
                }
            }
        };
    }
}

package dev.corelanes.app;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.Optional;

/** Ctrl+E: what to export the timeline (or the comparison) as. The file is asked for next. */
final class ExportDialog extends Dialog<ExportDialog.Request> {

    /** What to write. */
    enum Kind {
        PNG("PNG image", "png"), SVG("SVG (vector, text as text)", "svg"),
        HTML("Interactive HTML page (hover, zoom; works offline)", "html"),
        TRACE_EVENT("Trace-event JSON (Perfetto)", "json");

        final String label;
        final String extension;

        Kind(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }
    }

    record Request(Kind kind, double scale, boolean wide) {
    }

    private static Request last = new Request(Kind.PNG, 2, false);

    /**
     * Every format the README lists, always: with several runs selected, trace-event JSON writes one file per
     * run (a trace-event file holds one run), named after the chosen file with each run's number.
     */
    ExportDialog(Window owner, boolean oneRun) {
        initOwner(owner);
        setTitle("Export");
        setHeaderText("Export a slide-ready image: title, legend, time axis, wall time and machine included.");
        ChoiceBox<Kind> kind = new ChoiceBox<>();
        kind.setId("exportFormat");
        kind.getItems().addAll(Kind.PNG, Kind.SVG, Kind.HTML, Kind.TRACE_EVENT);
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(Kind k) {
                return k == null ? "" : k.label;
            }

            @Override
            public Kind fromString(String s) {
                return null;
            }
        });
        kind.setValue(kind.getItems().contains(last.kind()) ? last.kind() : Kind.PNG);
        ChoiceBox<Double> scale = new ChoiceBox<>();
        scale.setId("exportScale");
        scale.getItems().addAll(1.0, 2.0, 4.0);
        scale.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : String.format(java.util.Locale.ROOT, "%.0f× (%.0f px wide)", d, 1280 * d);
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        });
        scale.setValue(last.scale());
        scale.disableProperty().bind(kind.valueProperty().isNotEqualTo(Kind.PNG));
        CheckBox wide = new CheckBox("16:9 (fills a slide)");
        wide.setId("exportWide");
        wide.setSelected(last.wide());
        wide.disableProperty().bind(kind.valueProperty().isEqualTo(Kind.TRACE_EVENT));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Format"), kind);
        grid.addRow(1, new Label("Scale"), scale);
        grid.addRow(2, new Label("Frame"), wide);
        if (!oneRun) {
            Label perRun = new Label("Trace-event JSON holds one run: each selected run gets its own file, "
                    + "the chosen name with \"-run\" and its number.");
            perRun.setId("exportPerRun");
            perRun.setWrapText(true);
            perRun.setMaxWidth(420);
            perRun.visibleProperty().bind(kind.valueProperty().isEqualTo(Kind.TRACE_EVENT));
            perRun.managedProperty().bind(perRun.visibleProperty());
            grid.add(perRun, 0, 3, 2, 1);
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("exportOk");
        setResizable(true);
        ScreenFit.fit(this, owner);
        setResultConverter(b -> b == ButtonType.OK ? new Request(kind.getValue(), scale.getValue(), wide.isSelected())
                : null);
    }

    /** Shows the dialog; remembers the choice for next time. */
    Optional<Request> ask() {
        Optional<Request> r = showAndWait();
        r.ifPresent(x -> last = x);
        return r;
    }
}

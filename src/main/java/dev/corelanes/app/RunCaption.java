package dev.corelanes.app;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.Trace;
import dev.corelanes.teach.ComparisonNotes;
import dev.corelanes.teach.RunExplanation;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * Under the timeline: the automatic explanation of the selected run ({@link RunExplanation}) and, when the
 * class predicted its wall time, prediction against measurement.
 */
final class RunCaption extends VBox {

    private final Label explanation = new Label();
    private final Label prediction = new Label();

    RunCaption() {
        setId("runCaptionBox");
        setSpacing(2);
        explanation.setId("runCaption");
        explanation.getStyleClass().add("run-caption");
        explanation.setWrapText(true);
        Glossary.explain(explanation, "ideal", "efficiency", "speedup", "other programs");
        prediction.setId("predictionResult");
        prediction.getStyleClass().add("prediction");
        prediction.setWrapText(true);
        for (Label l : List.of(explanation, prediction)) {
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines, never "…"
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.managedProperty());
        }
        getChildren().addAll(explanation, prediction);
    }

    void clear() {
        explanation.setText("");
        prediction.setText("");
    }

    /** The caption of a finished run. */
    void show(RunRow row) {
        Trace t = row.trace();
        if (t.nothingRan()) {
            clear();
            return;
        }
        RunExplanation e = RunExplanation.of(t);
        explanation.setText(e.caption());
        prediction.setText(predictionText(row.prediction(), t));
    }

    /** Runs stacked on one time axis, with the busy-machine warning of any of them. */
    void showCompared(List<Trace> runs) {
        explanation.setText(ComparisonNotes.of(runs).caption());
        prediction.setText("");
    }

    /** "Predicted 1.00 s · measured 1.04 s: 4 % longer than predicted." */
    static String predictionText(Double predicted, Trace t) {
        if (predicted == null || t.wallNanos() <= 0) {
            return "";
        }
        double measured = t.wallSeconds();
        // From the figures as shown, as the reveal's difference is: the sentence agrees with its own numbers.
        double p = FigureText.shown(predicted) > 0 ? FigureText.shown(predicted) : predicted; // "0 µs" divides nothing
        double off = (FigureText.shown(measured) - p) / p * 100;
        String how = Math.abs(off) < 5 ? "spot on" : String.format(Locale.ROOT, "%.0f %% %s than predicted",
                Math.abs(off), off > 0 ? "longer" : "shorter");
        return "Predicted " + FigureText.seconds(predicted) + " · measured " + FigureText.seconds(measured) + ": " + how + ".";
    }
}

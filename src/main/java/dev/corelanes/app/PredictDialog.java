package dev.corelanes.app;

import dev.corelanes.engine.ExperimentSpec;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

import java.util.Optional;

/** "Predict, then reveal": asks the class for the wall time before the run. */
final class PredictDialog extends TextInputDialog {

    PredictDialog(Window owner, ExperimentSpec spec) {
        initOwner(owner);
        setTitle("Predict");
        setHeaderText("Before we run it: how long will it take?\n" + spec.describe());
        setContentText("Wall time in seconds:");
        getEditor().setId("predictionField");
        getDialogPane().lookupButton(ButtonType.OK).setId("predictOk");
        setResizable(true);
        ScreenFit.fit(this, owner);
        Label error = new Label();
        error.getStyleClass().add("spec-error");
        // OK only with a number that can be a wall time.
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
                javafx.beans.binding.Bindings.createBooleanBinding(() -> parse(getEditor()).isEmpty(),
                        getEditor().textProperty()));
    }

    static Optional<Double> parse(TextField f) {
        try {
            double v = Double.parseDouble(f.getText().trim().replace(',', '.').replaceAll("\\s*s$", ""));
            return v > 0 && v < 3600 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The predicted wall time in seconds, or empty if the teacher cancelled. */
    Optional<Double> ask() {
        return showAndWait().flatMap(s -> parse(getEditor()));
    }
}

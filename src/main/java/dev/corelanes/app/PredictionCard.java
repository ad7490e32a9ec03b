package dev.corelanes.app;

import dev.corelanes.engine.Trace;
import dev.corelanes.engine.FigureText;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The prediction revealed: what the class predicted, what was measured and the difference, in big type the
 * back row can read. Shown for a finished run that had a prediction; hidden otherwise.
 */
final class PredictionCard extends HBox {

    private final Label predicted = big("predictedValue");
    private final Label measured = big("measuredValue");
    private final Label difference = big("differenceValue");

    PredictionCard() {
        setId("predictionCard");
        getStyleClass().addAll("card", "prediction-card");
        setSpacing(28);
        setAlignment(Pos.CENTER_LEFT);
        FontIcon icon = new FontIcon("mdi2c-crystal-ball");
        icon.getStyleClass().add("card-icon");
        getChildren().addAll(icon, figure("predicted", predicted), figure("measured", measured),
                figure("difference", difference));
        setMinHeight(Region.USE_PREF_SIZE);
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    private static Label big(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("prediction-big");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static VBox figure(String caption, Label value) {
        Label c = new Label(caption);
        c.getStyleClass().add("hint");
        VBox box = new VBox(0, c, value);
        HBox.setHgrow(box, Priority.NEVER);
        return box;
    }

    /** Shows {@code predicted} against the run's measured wall time; hides the card when there is none. */
    void show(Double predictedSeconds, Trace t) {
        if (predictedSeconds == null || t == null || t.wallNanos() <= 0) {
            setVisible(false);
            return;
        }
        double wall = t.wallSeconds();
        predicted.setText(FigureText.seconds(predictedSeconds));
        measured.setText(FigureText.seconds(wall));
        // The difference of the two figures as shown: 1.50 s and 2.00 s differ by +0.50 s, whatever the digits
        // behind the rounding.
        difference.setText(FigureText.difference(predictedSeconds, wall));
        setVisible(true);
    }

    void hide() {
        setVisible(false);
    }
}

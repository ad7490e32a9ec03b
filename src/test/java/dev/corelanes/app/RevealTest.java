package dev.corelanes.app;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Traces;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The prediction revealed: the difference it shows is the difference of the two figures it shows. */
@ExtendWith(ApplicationExtension.class)
class RevealTest {

    private PredictionCard card;

    @Start
    void start(Stage stage) {
        card = new PredictionCard();
        stage.setScene(new Scene(new VBox(card), 900, 300));
        stage.show();
    }

    private static Trace measured(long wallNanos) {
        return new Trace(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 2, false), Traces.machine(),
                new Calibration(1, 0), Instant.parse("2026-11-25T09:00:00Z"), wallNanos, 0, TaskStatus.COMPLETED, "",
                List.of(), List.of(), List.of(), 0);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void predictedOneAndAHalfMeasuredTwoReadsPlusHalfASecond(FxRobot robot) {
        // The reveal: "predicted 1.50 s, measured 2.00 s, difference +0.501 s".
        robot.interact(() -> card.show(1.5, measured(2_001_000_000L)));
        assertEquals("1.50 s", text(robot, "#predictedValue"));
        assertEquals("2.00 s", text(robot, "#measuredValue"));
        assertEquals("+0.50 s", text(robot, "#differenceValue"));
    }

    @Test
    void aRunFasterThanPredictedReadsAMinusOfTheShownFigures(FxRobot robot) {
        robot.interact(() -> card.show(2.0, measured(1_504_900_000L)));
        assertEquals("2.00 s", text(robot, "#predictedValue"));
        assertEquals("1.50 s", text(robot, "#measuredValue"));
        assertEquals("−0.50 s", text(robot, "#differenceValue"));
    }

    @Test
    void theCaptionsPercentageAgreesWithTheFiguresItNames() {
        // 1.0499 s reads "1.05 s": 5 % longer than the 1.00 s predicted, as the sentence's own figures say.
        assertEquals("Predicted 1.00 s · measured 1.05 s: 5 % longer than predicted.",
                RunCaption.predictionText(1.0, measured(1_049_900_000L)));
        assertEquals("Predicted 1.50 s · measured 1.57 s: spot on.", RunCaption.predictionText(1.5, measured(1_574_900_000L)));
    }
}

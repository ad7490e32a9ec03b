package dev.corelanes.app.labs;

import dev.corelanes.engine.sweep.ScalingSweep;
import dev.corelanes.engine.sweep.SweepResult;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.corelanes.app.labs.LabRobot.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scaling lab swept, drawn and exported from its window, headless (no timing is asserted). */
@ExtendWith(ApplicationExtension.class)
class ScalingLabWindowTest {

    private ScalingLabWindow lab;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        lab = new ScalingLabWindow();
        lab.show(stage, false);
    }

    @AfterEach
    void stop() throws Exception {
        lab.cancel();
        waitUntil(60, () -> !lab.runningProperty().get());
    }

    @Test
    void aSweepOverWorkersIsChartedAndExported(FxRobot robot) throws Exception {
        dev.corelanes.app.UserActions.pick(robot, "#sweepByChoice", "pool workers");
        dev.corelanes.app.UserActions.type(robot, "#sweepMaxSpinner", "2");
        robot.clickOn("#sweepButton");
        waitUntil(5, () -> lab.runningProperty().get());
        waitUntil(240, () -> !lab.runningProperty().get());
        SweepResult r = lab.resultProperty().get();
        assertEquals(ScalingSweep.By.WORKERS, r.by());
        assertEquals(List.of(1, 2), r.points().stream().map(p -> p.trace().spec().workers()).toList());
        // Two runs are too few for a fit: the page says so rather than a limit "however many workers".
        assertEquals("Done: no Amdahl fit: it needs at least 3 runs (1 worker and 2 more); this sweep measured 2 runs, "
                + "up to 2 workers.", robot.lookup("#sweepStatus").queryLabeled().getText());
        Path csv = dir.resolve("s.csv");
        Path svg = dir.resolve("s.svg");
        Path png = dir.resolve("s.png");
        robot.interact(() -> {
            assertTrue(lab.export(ScalingLabWindow.Format.CSV, csv));
            assertTrue(lab.export(ScalingLabWindow.Format.SVG, svg));
            assertTrue(lab.export(ScalingLabWindow.Format.PNG, png));
        });
        assertEquals(9, Files.readAllLines(csv).size()); // header, 2 runs, 6 lines of the fit (none)
        assertTrue(Files.readString(svg).contains("Speedup vs workers"));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void anExportIntoAMissingFolderSaysSoInThePage(FxRobot robot) throws Exception {
        dev.corelanes.app.UserActions.pick(robot, "#sweepByChoice", "pool workers");
        dev.corelanes.app.UserActions.type(robot, "#sweepMaxSpinner", "1");
        robot.clickOn("#sweepButton");
        waitUntil(5, () -> lab.runningProperty().get());
        waitUntil(240, () -> !lab.runningProperty().get());
        robot.interact(() -> assertTrue(!lab.export(ScalingLabWindow.Format.CSV, dir.resolve("no/such/x.csv"))));
        assertTrue(robot.lookup("#sweepStatus").queryLabeled().getText().contains("x.csv"),
                robot.lookup("#sweepStatus").queryLabeled().getText());
    }
}

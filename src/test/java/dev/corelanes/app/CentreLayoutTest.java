package dev.corelanes.app;

import dev.corelanes.hardware.Hardware;
import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.Lessons;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The centre at 1280×720 for a class: the runs table can be pulled up to show six rows and more (and stays so
 * at the next launch), a lesson chosen while the centre is scrolled down comes into view, and its card says
 * where the comparison is.
 */
@ExtendWith(ApplicationExtension.class)
class CentreLayoutTest {

    private TestWindow ui;
    private Path prefsFile;

    @Start
    void start(Stage stage) {
        prefsFile = TestPrefs.file();
        RunSession session = new RunSession(Hardware.detect());
        ui = TestWindow.show(stage, session, new MainWindow(session, new AppPrefs(prefsFile), FileAsker.system()),
                1280, 720);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    @Test
    void theRunsTableIsPulledUpToSixRowsAndStaysSoAtTheNextLaunch(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        TableView<?> table = robot.lookup("#runsTable").queryAs(TableView.class);
        Node divider = robot.lookup("#runsSplit .split-pane-divider").query();
        robot.drag(divider).moveBy(0, -220).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double header = table.lookup(".column-header-background").getLayoutBounds().getHeight();
        double row = 2.1 * 14; // a dense row at the 14 px type, with room to spare
        double rows = (table.getHeight() - header) / row;
        assertTrue(rows >= 6, "the table shows " + rows + " rows (" + table.getHeight() + " px)");
        double pulled = robot.lookup("#runsSplit").queryAs(javafx.scene.control.SplitPane.class).getDividers().get(0)
                .getPosition();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Math.abs(new AppPrefs(prefsFile).runsDivider() - pulled) < 0.01);

        // The next launch, with the same settings.
        robot.interact(() -> {
            Stage next = new Stage();
            RunSession s = new RunSession(Hardware.detect());
            MainWindow w = new MainWindow(s, new AppPrefs(prefsFile), FileAsker.system());
            w.install(next);
            next.setWidth(1280);
            next.setHeight(720);
            next.show();
            var split = (javafx.scene.control.SplitPane) next.getScene().lookup("#runsSplit");
            assertEquals(pulled, split.getDividers().get(0).getPosition(), 0.01, "the divider is where it was left");
            next.hide();
            s.close();
        });
    }

    @Test
    void aLessonChosenWhileScrolledDownComesIntoViewAndPointsBelow(FxRobot robot) throws Exception {
        ui.waitReady(robot);
        ScrollPane centre = robot.lookup("#centreScroll").queryAs(ScrollPane.class);
        Lesson gil = Lessons.byId("cpu-python").orElseThrow();
        robot.clickOn("Lessons");
        robot.clickOn(gil.title());
        WaitForAsyncUtils.waitForFxEvents();
        // Scrolled down to the bottom (the user looked at the caption), then another lesson is chosen.
        robot.interact(() -> centre.setVvalue(centre.getVmax()));
        Lesson io = Lessons.byId("io-bound").orElseThrow();
        robot.clickOn("Lessons");
        robot.clickOn(io.title());
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Node card = robot.lookup("#lessonCard").query();
        Bounds c = card.localToScene(card.getLayoutBounds());
        Bounds v = centre.localToScene(centre.getLayoutBounds());
        assertTrue(c.getMinY() >= v.getMinY() - 0.5 && c.getMinY() < v.getMaxY() - 60,
                "the new lesson's card is in view: card top " + c.getMinY() + ", view " + v);

        // Run every step: the card then says where the comparison is, and it is there.
        for (int step = 0; step < io.steps().size(); step++) {
            robot.clickOn("#lessonRunStep");
            ui.waitRun(step + 1);
        }
        String said = robot.lookup("#lessonStep").queryAs(Label.class).getText();
        Bounds t = ui.window.timeline().localToScene(ui.window.timeline().getLayoutBounds());
        Bounds k = card.localToScene(card.getLayoutBounds());
        assertTrue(t.getMinY() > k.getMinY(), "the timeline is below the card");
        assertTrue(said.contains("compared below"), "the card points at the comparison below it: " + said);
    }
}

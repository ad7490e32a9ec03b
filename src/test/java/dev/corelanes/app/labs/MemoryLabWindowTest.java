package dev.corelanes.app.labs;

import dev.corelanes.engine.lab.CounterGuard;
import dev.corelanes.engine.lab.CounterResult;
import dev.corelanes.engine.lab.SharedCounterLab;
import dev.corelanes.engine.process.ChildCommands;
import dev.corelanes.teach.MemoryFindings;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Locale;

import static dev.corelanes.app.labs.LabRobot.childrenLeft;
import static dev.corelanes.app.labs.LabRobot.text;
import static dev.corelanes.app.labs.LabRobot.type;
import static dev.corelanes.app.labs.LabRobot.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The memory lab clicked through as a student would, headless. */
@ExtendWith(ApplicationExtension.class)
class MemoryLabWindowTest {

    private MemoryLabWindow lab;

    @Start
    void start(Stage stage) {
        lab = new MemoryLabWindow();
        lab.show(stage, false);
    }

    @AfterEach
    void stop() throws Exception {
        lab.cancel();
        waitUntil(30, () -> !lab.runningProperty().get());
    }

    private CounterResult runAndWait(FxRobot robot) throws Exception {
        robot.clickOn("#runMemoryButton");
        waitUntil(30, () -> lab.runningProperty().get() || lab.resultProperty().get() != null);
        waitUntil(120, () -> !lab.runningProperty().get());
        return lab.resultProperty().get();
    }

    @Test
    void threadsWithoutLockLoseUpdatesAndTheLabelSaysHowMany(FxRobot robot) throws Exception {
        assumeTrue(SharedCounterLab.raceLikelyVisible(), "one CPU: the race may not show");
        robot.clickOn("#guardNone");
        // Long enough that each thread needs many time slices: on cores busy with other programs a short
        // thread finishes within one slice, never beside another, and no update is lost.
        type(robot, "#incrementsSpinner", "5000000");
        CounterResult r = null;
        // A race is likely, never certain: a bounded number of tries.
        for (int attempt = 0; attempt < 6 && (r == null || r.lost() == 0); attempt++) {
            r = runAndWait(robot);
        }
        assertEquals(CounterGuard.NONE, r.guard());
        assertTrue(r.lost() > 0, "no update lost in 6 runs of 4 × 5,000,000 unsynchronised increments");
        assertTrue(text(robot, "#lostLabel").startsWith(String.format(Locale.ROOT, "Lost updates: %,d ", r.lost())),
                text(robot, "#lostLabel"));
        assertEquals(MemoryFindings.summary(r.memory()), text(robot, "#memoryLabel"));
        assertEquals(MemoryFindings.row(r.memory(), 0), text(robot, "#rss-1"));
    }

    @Test
    void withALockNoUpdateIsLost(FxRobot robot) throws Exception {
        robot.clickOn("#guardLock");
        type(robot, "#incrementsSpinner", "200000");
        CounterResult r = runAndWait(robot);
        assertEquals(CounterGuard.LOCK, r.guard());
        assertEquals(4 * 200_000L, r.finalValues().get(0));
        assertEquals("Lost updates: 0.", text(robot, "#lostLabel"));
        assertEquals("800,000", text(robot, "#seen-1"));
    }

    @Test
    void eachProcessCountsInItsOwnMemoryAndTheParentSeesZero(FxRobot robot) throws Exception {
        assumeTrue(ChildCommands.problem() == null, "children cannot start here");
        robot.clickOn("#processesChoice");
        type(robot, "#workersSpinner", "3");
        type(robot, "#incrementsSpinner", "50000");
        CounterResult r = runAndWait(robot);
        assertTrue(r.processes(), text(robot, "#memoryStatus"));
        for (int i = 1; i <= 3; i++) {
            assertEquals("50,000", text(robot, "#seen-" + i), "child " + i + " sees only its own increments");
            assertEquals(MemoryFindings.row(r.memory(), i - 1), text(robot, "#rss-" + i));
        }
        assertEquals(MemoryFindings.summary(r.memory()), text(robot, "#memoryLabel"));
        assertTrue(text(robot, "#memoryCompareLabel").startsWith("Run it with threads too"),
                text(robot, "#memoryCompareLabel"));
        assertEquals(0, r.parentSees());
        assertTrue(text(robot, "#parentLabel").startsWith("The parent's own counter: 0."), text(robot, "#parentLabel"));
        assertTrue(text(robot, "#parentLabel").contains("only from its message"));
        assertEquals(0, childrenLeft());
    }

    /** The lesson in figures: one more process costs far more memory than one more thread, measured alike. */
    @Test
    void oneMoreProcessIsShownBesideOneMoreThread(FxRobot robot) throws Exception {
        assumeTrue(ChildCommands.problem() == null, "children cannot start here");
        robot.clickOn("#guardAtomic");
        type(robot, "#workersSpinner", "8");
        type(robot, "#incrementsSpinner", "200000");
        CounterResult threads = runAndWait(robot);
        assertTrue(text(robot, "#memoryCompareLabel").startsWith("Run it with processes too"),
                text(robot, "#memoryCompareLabel"));
        robot.clickOn("#processesChoice");
        type(robot, "#workersSpinner", "2");
        CounterResult processes = runAndWait(robot);
        assertTrue(processes.processes(), text(robot, "#memoryStatus"));
        var said = MemoryFindings.comparison(threads.memory(), processes.memory());
        assertEquals(said.orElse(""), text(robot, "#memoryCompareLabel"));
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertTrue(said.isPresent(), "both measured on Linux");
            double oneThread = threads.memory().perWorkerBytes().orElseThrow();
            double oneProcess = processes.memory().perWorkerBytes().orElseThrow();
            assertTrue(oneProcess > 4 * Math.max(0, oneThread), "one more process " + oneProcess
                    + " B against one more thread " + oneThread + " B: " + said.get());
        }
        assertEquals(0, childrenLeft());
    }

    @Test
    void processWorkersAreBoundedTo16(FxRobot robot) {
        type(robot, "#workersSpinner", "64");
        robot.clickOn("#processesChoice");
        assertEquals(16, robot.lookup("#workersSpinner").queryAs(javafx.scene.control.Spinner.class).getValue());
    }

    @Test
    void cancellingProcessesLeavesNoChild(FxRobot robot) throws Exception {
        assumeTrue(ChildCommands.problem() == null, "children cannot start here");
        robot.clickOn("#processesChoice");
        type(robot, "#incrementsSpinner", "100000000");
        robot.clickOn("#runMemoryButton");
        waitUntil(10, () -> lab.runningProperty().get());
        Thread.sleep(500);
        robot.clickOn("#cancelMemoryButton");
        waitUntil(30, () -> !lab.runningProperty().get());
        assertEquals("Cancelled.", text(robot, "#memoryStatus"));
        assertNull(lab.resultProperty().get());
        assertEquals(0, childrenLeft());
    }

    @Test
    void cancellingThreadsStopsThem(FxRobot robot) throws Exception {
        robot.clickOn("#guardLock");
        type(robot, "#incrementsSpinner", "100000000");
        robot.clickOn("#runMemoryButton");
        waitUntil(10, () -> lab.runningProperty().get());
        robot.clickOn("#cancelMemoryButton");
        waitUntil(30, () -> !lab.runningProperty().get());
        // The threads return a partial total when stopped: it must not be shown as lost updates.
        assertEquals("Cancelled.", text(robot, "#memoryStatus"));
        assertEquals("", text(robot, "#lostLabel"));
        assertNull(lab.resultProperty().get());
    }
}

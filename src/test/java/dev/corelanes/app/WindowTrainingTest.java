package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.hardware.Hardware;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training runs of the window's AOT cache: the real window and one tiny run, off screen or shown as a launch shows it. */
@ExtendWith(ApplicationExtension.class)
class WindowTrainingTest {

    @Test
    void buildsTheWindowOffScreenMakesOneTinyRunAndEndsWithoutShowingIt() throws Exception {
        RunSession session = new RunSession(Hardware.detect());
        CountDownLatch done = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        try {
            WaitForAsyncUtils.asyncFx(() -> {
                stage[0] = new Stage();
                WindowTraining.start(stage[0], session, done::countDown, 0); // no limit: it would end this JVM
            }).get(60, TimeUnit.SECONDS);
            // generous: the machine may be busy; the test asserts what happened, not how fast
            assertTrue(done.await(90, TimeUnit.SECONDS), "the training run ends by itself");
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(stage[0].isShowing(), "training shows nothing");
            assertNotNull(stage[0].getScene(), "the real window was built");
            assertEquals(1, session.runs().size());
            RunRow run = session.runs().get(0);
            assertNotNull(run.trace(), "the run finished");
            assertEquals(ExecutionMode.SEQUENTIAL, run.spec().mode());
            assertEquals(TaskKind.SLEEP, run.spec().kind());
            assertEquals(2, run.spec().tasks());
        } finally {
            Platform.runLater(session::close);
        }
    }

    @Test
    void theInstallersTrainingShowsTheWindowAsALaunchDoesAndMakesTheSameRun() throws Exception {
        RunSession session = new RunSession(Hardware.detect());
        CountDownLatch done = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        try {
            WaitForAsyncUtils.asyncFx(() -> {
                stage[0] = new Stage();
                WindowTraining.startShown(stage[0], session, done::countDown, 0);
            }).get(60, TimeUnit.SECONDS);
            assertTrue(done.await(90, TimeUnit.SECONDS), "the training run ends by itself");
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(stage[0].isShowing(), "shown, as a launch shows it");
            assertEquals(MainWindow.TITLE, stage[0].getTitle());
            assertNotEquals("openingFrame", stage[0].getScene().getRoot().getId(), "the opening frame gave way to the window");
            assertEquals(1, session.runs().size());
            assertNotNull(session.runs().get(0).trace(), "the run finished");
        } finally {
            WaitForAsyncUtils.asyncFx(() -> stage[0].close()).get(30, TimeUnit.SECONDS);
            Platform.runLater(session::close);
        }
    }
}

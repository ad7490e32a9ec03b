package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.hardware.Hardware;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FX thread is never blocked more than 100 ms during a run: a watchdog posts to the FX thread every
 * 10 ms and measures how long each post waits, while the cores are saturated by compute tasks (threads,
 * then processes with their spawning) and the timeline animates.
 */
@ExtendWith(ApplicationExtension.class)
class FxResponsivenessTest {

    private static final long LIMIT_NANOS = 100_000_000L;

    private RunSession session;

    @Start
    void start(Stage stage) {
        session = new RunSession(Hardware.detect());
        // Test preferences and no kept runs: a test never writes into the user's data folder.
        MainWindow window = new MainWindow(session, TestPrefs.fresh(), FileAsker.system());
        window.install(stage);
        stage.setWidth(1280);
        stage.setHeight(720);
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** Measures the FX thread's response time until stopped. */
    private static final class Watchdog implements AutoCloseable {
        final AtomicLong worst = new AtomicLong();
        final AtomicLong probes = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = Thread.ofPlatform().daemon(true).name("fx-watchdog").start(this::loop);

        private void loop() {
            while (running) {
                long t0 = System.nanoTime();
                CountDownLatch done = new CountDownLatch(1);
                Platform.runLater(done::countDown);
                try {
                    done.await(5, TimeUnit.SECONDS);
                    worst.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    probes.incrementAndGet();
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Trace runAndWatch(FxRobot robot, int runsBefore) throws Exception {
        try (Watchdog dog = new Watchdog()) {
            robot.clickOn("#runButton");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.runs().size() > runsBefore
                    && session.runs().get(session.runs().size() - 1).trace() != null);
            Thread.sleep(200); // the last frames of the run
            dog.close();
            Trace t = session.runs().get(session.runs().size() - 1).trace();
            System.out.printf("FX thread during %s: worst wait %.1f ms over %d probes%n", t.spec().describe(),
                    dog.worst.get() / 1e6, dog.probes.get());
            assertTrue(dog.probes.get() > 20, "the watchdog ran");
            assertTrue(dog.worst.get() < LIMIT_NANOS, "FX thread blocked for " + dog.worst.get() / 1e6 + " ms");
            return t;
        }
    }

    @Test
    void theFxThreadStaysResponsiveWhileComputeTasksSaturateTheCores(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        UserActions.pick(robot, "#kindChoice", "Compute");
        UserActions.pick(robot, "#modeChoice", ExecutionMode.THREADS.label());
        UserActions.type(robot, "#tasksSpinner", "4");
        UserActions.type(robot, "#secondsSpinner", "1");
        assertEquals(TaskStatus.COMPLETED, runAndWatch(robot, 0).status());

        UserActions.pick(robot, "#modeChoice", ExecutionMode.PROCESSES.label());
        UserActions.type(robot, "#tasksSpinner", "3");
        assertEquals(TaskStatus.COMPLETED, runAndWatch(robot, 1).status());
    }
}

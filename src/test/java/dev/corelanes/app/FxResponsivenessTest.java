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
 * The FX thread keeps answering during a run: a watchdog posts to the FX thread every 10 ms while the cores
 * are saturated by compute tasks (threads, then processes with their spawning) and the timeline animates,
 * and counts the answers that came while the run was going on. A run that blocked the FX thread would get
 * none. No time limit is asserted (the machine may be busy with other programs); the worst wait is printed
 * for the record, and measured as a figure in the -Pbench profile.
 */
@ExtendWith(ApplicationExtension.class)
class FxResponsivenessTest {

    /** A run of 4 × 1 s compute lasts at least 1 s: a free FX thread answers a 10 ms watchdog far more often. */
    private static final int ANSWERS_DURING_THE_RUN = 3;

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
        final AtomicLong duringRun = new AtomicLong();
        private final RunSession session;
        private volatile boolean running = true;
        private final Thread thread;

        Watchdog(RunSession session) {
            this.session = session;
            thread = Thread.ofPlatform().daemon(true).name("fx-watchdog").start(this::loop);
        }

        /** Whether a run has started and not ended (read on the FX thread, where the answer is given). */
        private boolean runGoingOn() {
            var runs = session.runs();
            if (runs.isEmpty()) {
                return false;
            }
            var h = runs.get(runs.size() - 1).handle();
            return h.started() && !h.isDone();
        }

        private void loop() {
            while (running) {
                long t0 = System.nanoTime();
                CountDownLatch done = new CountDownLatch(1);
                Platform.runLater(() -> {
                    if (runGoingOn()) {
                        duringRun.incrementAndGet();
                    }
                    done.countDown();
                });
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
        try (Watchdog dog = new Watchdog(session)) {
            robot.clickOn("#runButton");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.runs().size() > runsBefore
                    && session.runs().get(session.runs().size() - 1).trace() != null);
            Thread.sleep(200); // the last frames of the run
            dog.close();
            Trace t = session.runs().get(session.runs().size() - 1).trace();
            System.out.printf("FX thread during %s: worst wait %.1f ms over %d probes, %d answered during the run%n",
                    t.spec().describe(), dog.worst.get() / 1e6, dog.probes.get(), dog.duringRun.get());
            assertTrue(dog.duringRun.get() >= ANSWERS_DURING_THE_RUN,
                    "the FX thread answered only " + dog.duringRun.get() + " times while the run was going on");
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
        Trace threads = runAndWatch(robot, 0);
        assertEquals(TaskStatus.COMPLETED, threads.status(), threads.message());

        UserActions.pick(robot, "#modeChoice", ExecutionMode.PROCESSES.label());
        UserActions.type(robot, "#tasksSpinner", "3");
        Trace processes = runAndWatch(robot, 1);
        assertEquals(TaskStatus.COMPLETED, processes.status(), processes.message());
    }
}

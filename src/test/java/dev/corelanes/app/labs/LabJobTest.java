package dev.corelanes.app.labs;

import dev.corelanes.engine.BackgroundWork;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lab's measurement stops the window's background work (the start-up cache's training) before it measures. */
@ExtendWith(ApplicationExtension.class)
class LabJobTest {

    private final AtomicInteger stops = new AtomicInteger();
    private final BackgroundWork.Job job = stops::incrementAndGet;

    @Start
    void start(Stage stage) {
        // LabJob reports its end on the FX thread: the toolkit is started, nothing is shown.
    }

    @AfterEach
    void unregister() {
        BackgroundWork.unregister(job);
    }

    @Test
    void aLabStopsBackgroundWorkBeforeItMeasuresAndNoneStartsUntilItEnded() throws Exception {
        for (int i = 0; i < 12_000 && BackgroundWork.quietNanos() == 0; i++) {
            Thread.sleep(10); // a run of an earlier test handing over its trace
        }
        BackgroundWork.register(job);
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        LabJob.<Integer>start("lab-job-test", j -> {
            // What the lab's first sample would find: the work stopped, and none may start.
            boolean started = BackgroundWork.startIfQuiet(() -> { });
            seen.complete(new int[] {stops.get(), started ? 1 : 0});
            return 42;
        }, new LabJob.Ending<>() {
            @Override
            public void done(Integer result) {
                ended.complete(result);
            }

            @Override
            public void cancelled() {
                ended.complete(-1);
            }

            @Override
            public void failed(Throwable why) {
                ended.completeExceptionally(why);
            }
        });
        int[] during = seen.get(60, TimeUnit.SECONDS);
        assertEquals(1, during[0], "stopped before the measurement began");
        assertEquals(0, during[1], "nothing starts while a lab measures");
        assertEquals(42, ended.get(60, TimeUnit.SECONDS));
        assertTrue(BackgroundWork.startIfQuiet(() -> { }), "after the lab, background work may start again");
        assertFalse(BackgroundWork.quietNanos() == 0);
    }
}

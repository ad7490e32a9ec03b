package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Traces;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.view.TimelineModel;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Reading the runs from another thread (as the UI tests do while they wait for a run) must not disturb the
 * FX thread adding runs: a read-only view made per call used to register a listener on the live list from
 * the reading thread, and JavaFX's listener bookkeeping then threw inside the FX thread's {@code add}.
 */
@ExtendWith(ApplicationExtension.class)
class RunSessionThreadsTest {

    private RunSession session;

    @Start
    void start(Stage stage) {
        session = new RunSession(Hardware.detect());
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void readersOnOtherThreadsNeverBreakTheFxThreadsAdds() throws Exception {
        Trace trace = Traces.compute(ExecutionMode.THREADS, 2);
        TimelineModel model = RunRow.modelOf(trace, null); // one model for every row: the rows' drawing is not tested here
        AtomicInteger seenByListener = new AtomicInteger();
        AtomicReference<Throwable> fxFailure = new AtomicReference<>();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Platform.runLater(() -> {
            session.runs().addListener((ListChangeListener<RunRow>) c -> {
                while (c.next()) {
                    seenByListener.addAndGet(c.getAddedSize());
                }
            });
            listening.complete(null);
        });
        listening.get(30, TimeUnit.SECONDS);

        AtomicBoolean adding = new AtomicBoolean(true);
        Thread[] readers = new Thread[2];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = Thread.ofPlatform().daemon(true).start(() -> {
                while (adding.get()) {
                    session.runs().isEmpty(); // what a waiting test does, thousands of times
                }
            });
        }
        int rows = 400;
        for (int i = 0; i < rows; i++) {
            CompletableFuture<Void> added = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    session.addOpened(trace, null, model);
                } catch (Throwable t) {
                    fxFailure.compareAndSet(null, t);
                } finally {
                    added.complete(null);
                }
            });
            added.get(30, TimeUnit.SECONDS);
        }
        adding.set(false);
        for (Thread r : readers) {
            r.join();
        }
        assertNull(fxFailure.get(), () -> "the FX thread's add failed: " + fxFailure.get());
        assertEquals(rows, seenByListener.get(), "every add reached the table's listener");
        assertEquals(rows, session.runs().size());
    }
}

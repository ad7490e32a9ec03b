package dev.corelanes.app;

import dev.corelanes.engine.Trace;
import dev.corelanes.view.TimelineModel;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The window's side of {@link RunStore}: reads the kept runs into the table at start, keeps each run as it
 * ends, deletes them on Clear runs — all file work off the FX thread, problems said in the message bar.
 */
final class KeptRuns {

    private final RunStore store;
    private final RunSession session;
    private final Messages messages;

    /** {@code store} null: nothing is kept or read. */
    KeptRuns(RunStore store, RunSession session, Messages messages) {
        this.store = store;
        this.session = session;
        this.messages = messages;
    }

    /** Reads the kept runs and adds them to the table, oldest first. */
    void restore() {
        if (store == null) {
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            List<String> problems = new ArrayList<>();
            List<RunStore.Saved> saved = store.load(problems);
            // Each run's timeline is built here too, not on the FX thread.
            List<Map.Entry<RunStore.Saved, TimelineModel>> read = new ArrayList<>();
            for (RunStore.Saved s : saved) {
                read.add(Map.entry(s, session.model(s.trace(), null)));
            }
            return Map.entry(read, problems);
        }).thenAccept(r -> Platform.runLater(() -> {
            for (var s : r.getKey()) {
                session.addOpened(s.getKey().trace(), s.getKey().file(), s.getValue());
            }
            if (!r.getValue().isEmpty()) {
                messages.error("Some kept runs could not be read (" + r.getValue().size() + "): "
                        + r.getValue().get(0));
            }
        }));
    }

    /** Keeps a finished run (completed, cancelled or failed) as a run file. */
    void keep(RunRow row, Trace t) {
        if (store == null || row.source() != null) {
            return; // nowhere to keep it, or it came from a file already
        }
        CompletableFuture.runAsync(() -> {
            try {
                store.save(t);
            } catch (Exception e) {
                Platform.runLater(() -> messages.error("Run #" + row.number() + " could not be kept in "
                        + store.dir() + ": " + e.getMessage()));
            }
        });
    }

    /** Deletes the kept run files. */
    void clear() {
        if (store == null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                store.clear();
            } catch (java.io.IOException e) {
                Platform.runLater(() -> messages.error("Could not delete the kept runs in " + store.dir() + ": "
                        + e.getMessage()));
            }
        });
    }
}

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
 * ends (and a copy of each run opened from elsewhere), moves them aside on Clear runs until Undo or the
 * window closes — all file work off the FX thread, problems said in the message bar.
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
            try {
                store.emptyTrash(); // runs cleared in a window that never closed properly
            } catch (java.io.IOException e) {
                problems.add(e.getMessage());
            }
            List<RunStore.Saved> saved = store.load(problems);
            // Each run's timeline is built here too, not on the FX thread.
            List<Map.Entry<RunStore.Saved, TimelineModel>> read = new ArrayList<>();
            for (RunStore.Saved s : saved) {
                read.add(Map.entry(s, session.model(s.trace(), null)));
            }
            return Map.entry(read, problems);
        }).thenAccept(r -> Platform.runLater(() -> {
            for (var s : r.getKey()) {
                session.addOpened(s.getKey().trace(), s.getKey().file(), s.getValue(), s.getKey().number());
            }
            if (!r.getValue().isEmpty()) {
                messages.error("Some kept runs could not be read (" + r.getValue().size() + "): "
                        + r.getValue().get(0));
            }
        }));
    }

    /**
     * Keeps a finished run (completed, cancelled or failed) as a run file, under its number; a run opened from
     * a file outside the runs folder is kept as a copy, so it comes back after a restart like the others.
     */
    void keep(RunRow row, Trace t) {
        if (store == null || store.holds(row.source())) {
            return; // nowhere to keep it, or it is one of the kept files already
        }
        pending.incrementAndGet();
        CompletableFuture.runAsync(() -> {
            try {
                store.save(t, row.number());
            } catch (Exception e) {
                Platform.runLater(() -> messages.error("Run #" + row.number() + " could not be kept in "
                        + store.dir() + ": " + e.getMessage()));
            } finally {
                pending.decrementAndGet();
            }
        }, FILES);
    }

    /**
     * Clear runs: the kept files go to a trash folder ({@link RunStore#clear}) and {@code rows} are
     * remembered, so {@link #undo} brings both back until the window closes.
     */
    void clear(List<RunRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Cleared c = new Cleared(rows, new CompletableFuture<>());
        cleared.add(c);
        if (store == null) {
            c.trash().complete(null);
            return;
        }
        pending.incrementAndGet();
        CompletableFuture.runAsync(() -> {
            try {
                c.trash().complete(store.clear());
            } catch (java.io.IOException e) {
                c.trash().complete(null);
                Platform.runLater(() -> messages.error("Could not move the kept runs aside in " + store.dir() + ": "
                        + e.getMessage()));
            } finally {
                pending.decrementAndGet();
            }
        }, FILES);
    }

    /** True while there is a Clear runs to undo. */
    javafx.beans.binding.BooleanExpression canUndo() {
        return canUndo;
    }

    /** Undoes the last Clear runs: its rows come back to the table, its files to the runs folder. */
    List<RunRow> undo() {
        if (cleared.isEmpty()) {
            return List.of();
        }
        Cleared c = cleared.remove(cleared.size() - 1);
        session.restoreCleared(c.rows());
        if (store != null) {
            pending.incrementAndGet();
            c.trash().thenAcceptAsync(trash -> {
                try {
                    if (trash != null) {
                        store.undo(trash);
                    }
                } catch (java.io.IOException e) {
                    Platform.runLater(() -> messages.error("Could not put the kept runs back in " + store.dir() + ": "
                            + e.getMessage()));
                } finally {
                    pending.decrementAndGet();
                }
            }, FILES);
        }
        return c.rows();
    }

    /** The window closes: what Clear runs moved aside is deleted now (waits for the file work asked before). */
    void close() {
        cleared.clear();
        if (store == null) {
            return;
        }
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    store.emptyTrash();
                } catch (java.io.IOException e) {
                    // left for the next start, which empties it again
                }
            }, FILES).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // the next start empties the trash
        }
    }

    /** True while kept files are being written or moved (tests wait for it). */
    boolean busy() {
        return pending.get() > 0;
    }

    private record Cleared(List<RunRow> rows, CompletableFuture<java.nio.file.Path> trash) {
    }

    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    /** The clears this window can still undo, last first. */
    private final javafx.collections.ObservableList<Cleared> cleared = javafx.collections.FXCollections.observableArrayList();
    private final javafx.beans.binding.BooleanBinding canUndo = javafx.beans.binding.Bindings.isNotEmpty(cleared);
    /** One thread for the kept files: saves, moves and undos happen in the order asked. */
    private static final java.util.concurrent.Executor FILES = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corelanes-kept-runs");
        t.setDaemon(true);
        return t;
    });
}

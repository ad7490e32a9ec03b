package dev.corelanes.app;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.Slide;
import dev.corelanes.view.TimelineModel;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the selection in the runs table shows: one run (live while it goes on, else its trace, figures,
 * caption and prediction), several finished runs stacked on one time axis, or a replay; and a note when the
 * per-core view cannot work here.
 */
final class RunViews {

    private static final String PLACEHOLDER = "Choose a workload on the left and press Run (Enter or Space).";

    private final RunSession session;
    private final RunsTable table;
    private final TimelinePane timeline;
    private final WallClock clock;
    private final RunCaption caption;
    private final PredictionCard predictionCard;
    private final ReplayBar replayBar;
    private final Messages messages;
    private final Label note;
    /** Why the per-core view cannot work on this machine; null while it can. */
    private volatile String coreUnavailable;

    RunViews(RunSession session, RunsTable table, TimelinePane timeline, WallClock clock, RunCaption caption,
             PredictionCard predictionCard, ReplayBar replayBar, Messages messages, Label note) {
        this.session = session;
        this.table = table;
        this.timeline = timeline;
        this.clock = clock;
        this.caption = caption;
        this.predictionCard = predictionCard;
        this.replayBar = replayBar;
        this.messages = messages;
        this.note = note;
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) c -> {
            // Selection events come in bursts (clear, then add): show the result once they settle.
            Platform.runLater(this::showSelection);
        });
        replayBar.setOnStop(this::showSelection);
        showIdle();
        checkProbe();
    }

    List<RunRow> selectedRows() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    void select(RunRow row) {
        table.getSelectionModel().clearSelection();
        table.getSelectionModel().select(row);
        table.scrollTo(row);
    }

    void selectAll(List<RunRow> rows) {
        table.getSelectionModel().clearSelection();
        for (RunRow r : rows) {
            table.getSelectionModel().select(r);
        }
    }

    /** A run started: the timeline and the digits follow it. */
    void follow(RunRow row) {
        timeline.showLive(row.model(), session.lastFeed(), row.handle()::elapsedNanos);
        if (tracing(row) && !dev.corelanes.engine.trace.ProgramTrace.platformNote().isEmpty()) {
            // macOS, Windows: a traced program's threads have no CPU, from its first span on (the note says why).
            timeline.laneModeProperty().set(LaneMode.WORKERS);
            updateNote(null, true);
        }
        clock.follow(row);
        caption.clear();
        predictionCard.hide();
        select(row);
    }

    /** A run ended: shown again if it is the one selected; a run whose cores were not read shows workers. */
    void ended(RunRow row, Trace t) {
        table.refresh();
        if (t.coreUnknown()) {
            timeline.laneModeProperty().set(LaneMode.WORKERS);
        }
        if (selectedRows().equals(List.of(row))) {
            showSelection();
        }
    }

    /** One run selected: that run; several: their finished runs stacked on one time axis. */
    void showSelection() {
        if (replayBar.activeProperty().get()) {
            replayBar.stop();
            return; // stop() shows the selection again
        }
        List<RunRow> rows = selectedRows();
        if (rows.isEmpty()) {
            return;
        }
        List<RunRow> done = rows.stream().filter(r -> r.trace() != null).toList();
        if (rows.size() > 1 && done.size() > 1) {
            timeline.stopLive();
            timeline.showCompared(done.stream().map(r -> new Slide.Run(r.model(), r.trace())).toList());
            RunRow last = done.get(done.size() - 1);
            clock.show(last, last.figures());
            caption.showCompared(done.stream().map(RunRow::trace).toList());
            // A lesson's last step compares its runs: its prediction is still revealed, above the comparison.
            predictionCard.show(last.prediction(), last.trace());
            updateNote(null);
            return;
        }
        display(rows.get(rows.size() - 1));
    }

    /** Shows one run: live if it is still going on, else its trace. */
    private void display(RunRow row) {
        if (row.trace() == null) {
            if (timeline.model() != row.model()) {
                timeline.showLive(row.model(), session.lastFeed(), row.handle()::elapsedNanos);
            }
            clock.follow(row);
            caption.clear();
            predictionCard.hide();
        } else {
            timeline.stopLive();
            timeline.show(row.model());
            Trace t = row.trace();
            RunFigures f = row.figures();
            timeline.setIdealNanos(t.status() == TaskStatus.COMPLETED && f != null
                    ? Math.round(f.idealSeconds() * 1e9) : -1);
            clock.show(row, f);
            caption.show(row);
            predictionCard.show(row.prediction(), t);
        }
        updateNote(row.trace(), tracing(row));
    }

    /** A program being traced now (its run not ended yet). */
    private static boolean tracing(RunRow row) {
        return row.trace() == null && row.spec().mode() == dev.corelanes.engine.ExecutionMode.TRACED;
    }

    void replaySelected() {
        List<RunRow> rows = selectedRows().stream().filter(r -> r.trace() != null).toList();
        if (rows.isEmpty()) {
            messages.error("Select a finished run to replay.");
            return;
        }
        messages.clear();
        replayBar.start(rows); // several: the comparison, played together on one clock
        clock.replay(replayBar.positionProperty());
    }

    /** The table was cleared: back to the placeholder. */
    void cleared() {
        timeline.stopLive();
        timeline.show(placeholder(machine()));
        clock.clear();
        caption.clear();
        predictionCard.hide();
    }

    private void updateNote(Trace t) {
        updateNote(t, false);
    }

    /** {@code tracing}: a program is being traced now (no trace yet). */
    private void updateNote(Trace t, boolean tracing) {
        String why = coreUnavailable;
        boolean program = tracing || t != null && t.runtime().program() && t.coreUnknown();
        // A program traced on macOS or Windows: the OS's own line says why (no CPU for another process's thread).
        String os = why == null && program ? dev.corelanes.engine.trace.ProgramTrace.platformNote() : "";
        if (!os.isEmpty()) {
            note.setText(os);
            return;
        }
        if (why == null && t != null && t.coreUnknown()) {
            why = "the core of some running spans could not be read";
        }
        note.setText(why == null ? "" : "Per-core view unavailable here (" + why
                + "): showing one lane per worker instead.");
    }

    private MachineInfo machine() {
        return session.machineProperty().get() != null ? session.machineProperty().get() : MachineInfo.fromJvm();
    }

    private static TimelineModel placeholder(MachineInfo m) {
        TimelineModel p = new TimelineModel(null, m, null);
        p.setMessage(PLACEHOLDER);
        return p;
    }

    private void showIdle() {
        TimelineModel first = placeholder(machine());
        timeline.show(first);
        session.machineProperty().addListener((o, a, b) -> {
            if (b != null && timeline.model() == first) {
                timeline.show(placeholder(b)); // the machine's real CPUs, once read
            }
        });
    }

    /** Reads whether this OS can tell the core of a thread (loads a native call: off the FX thread). */
    private void checkProbe() {
        CompletableFuture.supplyAsync(Host::coreProbe).thenAccept(p -> {
            if (!p.available()) {
                coreUnavailable = p.description();
                Platform.runLater(() -> {
                    timeline.laneModeProperty().set(LaneMode.WORKERS);
                    updateNote(null);
                });
            }
        });
    }
}

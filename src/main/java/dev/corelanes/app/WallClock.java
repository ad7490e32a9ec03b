package dev.corelanes.app;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.app.impl.FramePacer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The wall time in big digits: counting up from the engine's clock during a run, then frozen at the
 * measured wall time, with CPU time, the ideal time and the speedup beside it.
 */
final class WallClock extends HBox {

    private final Label digits = new Label(FigureText.clock(0));
    private final Label caption = new Label("wall time");
    private final Label run = new Label();
    private final Label cpu = new Label();
    private final Label ideal = new Label();
    private final Label speedup = new Label();
    /** The clock the digits follow while a run is live; null when frozen (the ticker then stops). */
    private java.util.function.LongSupplier live;
    private long frameInterval = MIN_INTERVAL_NANOS;

    /**
     * The digits change at most {@value #MAX_UPDATES_PER_SECOND} times a second: their last digit is a
     * millisecond no eye follows, and each change is a repaint taken from the run being measured. Paced off the
     * pulse ({@link FramePacer}), so counting keeps no animation running.
     */
    static final int MAX_UPDATES_PER_SECOND = 10;
    static final long MIN_INTERVAL_NANOS = 1_000_000_000L / MAX_UPDATES_PER_SECOND;

    private final FramePacer ticker = new FramePacer(this::tick);
    private long updates;

    private void tick() {
        if (live == null) {
            ticker.stop();
            return;
        }
        String text = clockText(live.getAsLong());
        if (!text.equals(digits.getText())) {
            digits.setText(text);
            updates++;
        }
    }

    /** Counts with {@code clock} until the digits are frozen again. */
    private void tickWith(java.util.function.LongSupplier clock) {
        live = clock;
        ticker.every(frameInterval);
    }

    /** True while the digits count (a live run): false when nothing moves. */
    boolean ticking() {
        return live != null && ticker.running();
    }

    /** How many times the digits changed while counting (tests: a bounded rate). */
    long updates() {
        return updates;
    }

    /** Least time between two updates of the digits while a run is live; never below a tenth of a second. */
    void setFrameInterval(long nanos) {
        frameInterval = Math.max(MIN_INTERVAL_NANOS, nanos);
        if (live != null) {
            ticker.every(frameInterval);
        }
    }

    WallClock() {
        getStyleClass().add("wall-clock");
        digits.setId("wallClock");
        run.setId("wallRun");
        cpu.setId("wallCpu");
        ideal.setId("wallIdeal");
        speedup.setId("wallSpeedup");
        digits.getStyleClass().add("wall-digits");
        digits.setMinWidth(Label.USE_PREF_SIZE);
        caption.getStyleClass().add("hint");
        for (Label l : new Label[] {cpu, ideal, speedup}) {
            l.getStyleClass().add("wall-stat");
        }
        run.getStyleClass().add("wall-run");
        Glossary.explain(cpu, "task CPU", "runtime CPU");
        Glossary.explain(ideal, "ideal", "tasks at a time", "efficiency");
        // Long lines wrap rather than end in "…" when the window is narrow or the type large.
        for (Label l : new Label[] {run, cpu, ideal, speedup}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        caption.setMinWidth(Label.USE_PREF_SIZE);
        VBox big = new VBox(-4, caption, digits);
        big.setMinWidth(Region.USE_PREF_SIZE);
        VBox stats = new VBox(1, run, cpu, ideal, speedup);
        stats.setMinWidth(120);
        HBox.setHgrow(stats, javafx.scene.layout.Priority.ALWAYS);
        stats.setAlignment(Pos.CENTER_LEFT);
        setSpacing(22);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(big, stats);
        showIdle();
    }

    static String clockText(long nanos) {
        return FigureText.clock(nanos);
    }

    private void showIdle() {
        run.setText("No run yet");
        cpu.setText("CPU time —");
        ideal.setText("ideal —");
        speedup.setText("speedup —");
    }

    /** Back to no run (the table was cleared). */
    void clear() {
        live = null;
        ticker.stop();
        endReplay();
        digits.setText(FigureText.clock(0));
        caption.setText("wall time");
        showIdle();
    }

    /** Counts up with this run. */
    void follow(RunRow row) {
        endReplay();
        tickWith(row.handle()::elapsedNanos);
        showIdle();
        caption.setText("wall time · running");
        run.setText("Run #" + row.number() + ": " + row.describe());
    }

    /**
     * Counts with a replay: the digits show the replayed time (the run's measured figures stay beside them),
     * so the class sees the clock run as the bars appear. They follow the replay's position as it changes:
     * no timer of their own, so a paused replay costs nothing.
     */
    void replay(javafx.beans.value.ObservableNumberValue position) {
        endReplay();
        live = null;
        ticker.stop();
        caption.setText("wall time · replay");
        digits.setText(clockText(position.longValue()));
        replayed = position;
        position.addListener(followReplay);
    }

    private javafx.beans.value.ObservableNumberValue replayed;
    private final javafx.beans.value.ChangeListener<Number> followReplay =
            (o, a, b) -> digits.setText(clockText(b.longValue()));

    private void endReplay() {
        if (replayed != null) {
            replayed.removeListener(followReplay);
            replayed = null;
        }
    }

    /** Shows a finished run's figures (from {@link RunFigures}, the one source). */
    void show(RunRow row, RunFigures f) {
        live = null;
        ticker.stop();
        endReplay();
        Trace t = row.trace();
        if (t == null || f == null) {
            follow(row);
            return;
        }
        digits.setText(clockText(t.wallNanos()));
        caption.setText(t.status() == TaskStatus.COMPLETED ? "wall time (measured)" : "wall time · " + t.status().id());
        // With the cores it could use, as the runs table and the compared runs' headers say them.
        String named = "Run #" + row.number() + ": " + row.describe() + " · " + FigureText.cores(t.machine());
        run.setText(named);
        if (t.nothingRan()) {
            showIdle(); // nothing ran: no figure to show
            digits.setText("— s");
            run.setText(named);
            return;
        }
        // The tasks' own CPU time apart from the runtime's: sleeping tasks use ~0 s, whatever it cost to start them.
        cpu.setText("CPU time " + FigureText.seconds(f.cpuSeconds()) + ": " + FigureText.cpuSplit(f)
                + (f.drift().detected() ? " (" + FigureText.driftTag(f) + ")" : ""));
        ideal.setText(FigureText.ideal(f));
        speedup.setText("speedup " + FigureText.speedup(f));
        // What the figure divides, so a class can check it by hand (and why it is not the sequential run).
        javafx.scene.control.Tooltip why = Glossary.tooltip("speedup", f.hasSpeedup() && Glossary.has(f.baseline().label()) ? f.baseline().label()
                : FigureText.speedupWithheld(f) ? "past the limit" : "speedup");
        why.setText((f.hasSpeedup() ? "Measured against " + FigureText.baseline(f) + "."
                : "No speedup: " + f.noSpeedupReason() + ".") + "\n\n" + why.getText());
        speedup.setTooltip(why);
    }
}

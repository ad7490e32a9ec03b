package dev.corelanes.app;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import javafx.animation.AnimationTimer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The wall time in big digits: counting up from the engine's clock during a run, then frozen at the
 * measured wall time, with CPU time, the ideal time and the speedup beside it.
 */
final class WallClock extends HBox {

    private final Label digits = new Label("0.000 s");
    private final Label caption = new Label("wall time");
    private final Label run = new Label();
    private final Label cpu = new Label();
    private final Label ideal = new Label();
    private final Label speedup = new Label();
    private RunRow live;
    private long frameInterval;
    private long lastTick;

    private final AnimationTimer ticker = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (live != null && now - lastTick >= frameInterval) {
                lastTick = now;
                digits.setText(clockText(live.handle().elapsedNanos()));
            }
        }
    };

    /** Least time between two updates of the digits while a run is live (0 = every pulse). */
    void setFrameInterval(long nanos) {
        frameInterval = Math.max(0, nanos);
    }

    WallClock() {
        getStyleClass().add("wall-clock");
        digits.setId("wallClock");
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
        caption.setMinWidth(Label.USE_PREF_SIZE);
        VBox big = new VBox(-4, caption, digits);
        big.setMinWidth(Region.USE_PREF_SIZE);
        VBox stats = new VBox(1, run, cpu, ideal, speedup);
        stats.setAlignment(Pos.CENTER_LEFT);
        setSpacing(22);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(big, stats);
        showIdle();
        ticker.start();
    }

    static String clockText(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private void showIdle() {
        run.setText("No run yet");
        cpu.setText("CPU time —");
        ideal.setText("ideal —");
        speedup.setText("speedup —");
    }

    /** Counts up with this run. */
    void follow(RunRow row) {
        live = row;
        showIdle();
        caption.setText("wall time · running");
        run.setText("Run #" + row.number() + ": " + row.spec().describe());
    }

    /** Shows a finished run's figures (from {@link RunFigures}, the one source). */
    void show(RunRow row, RunFigures f) {
        live = null;
        Trace t = row.trace();
        if (t == null || f == null) {
            follow(row);
            return;
        }
        digits.setText(clockText(t.wallNanos()));
        caption.setText(t.status() == TaskStatus.COMPLETED ? "wall time (measured)" : "wall time · " + t.status().id());
        run.setText("Run #" + row.number() + ": " + row.spec().describe());
        if (t.nothingRan()) {
            showIdle(); // nothing ran: no figure to show
            digits.setText("— s");
            run.setText("Run #" + row.number() + ": " + row.spec().describe());
            return;
        }
        cpu.setText("CPU time " + FigureText.seconds(f.cpuSeconds())
                + (f.drift().detected() ? " (" + FigureText.driftTag(f) + ")" : ""));
        ideal.setText(FigureText.ideal(f));
        speedup.setText("speedup " + FigureText.speedup(f));
    }
}

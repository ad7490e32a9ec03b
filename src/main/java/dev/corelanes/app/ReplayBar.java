package dev.corelanes.app;

import atlantafx.base.theme.Styles;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.Trace;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.Replay;
import dev.corelanes.view.Slide;
import dev.corelanes.view.TimelineModel;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays finished runs back on the timeline at 0.25×–4×, with play/pause and a scrubber. The spans come
 * from each trace through a {@link Replay} into the timeline's live feed, so the replay looks exactly like
 * the run did, "now" line included; nothing is measured again. Runs compared on one time axis are played
 * together on one clock: each run's panel shows what had happened in it at the same moment since its start.
 */
final class ReplayBar extends HBox {

    private final TimelinePane timeline;
    private final Button play = new Button();
    private final ChoiceBox<Double> speed = new ChoiceBox<>();
    private final Slider scrubber = new Slider(0, 1, 0);
    private final Label time = new Label();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    /** The runs replayed (one, or the runs of a comparison), each with its replay and feed. */
    private List<Trace> traces = List.of();
    private List<Replay> replays = List.of();
    private List<LiveFeed> feeds = List.of();
    /** When the longest of the replayed runs ends. */
    private long endNanos;
    private boolean playing;
    /** Replay time at {@link #baseWall}, and the wall clock then. */
    private long basePos;
    private long baseWall;
    private long pos;
    /** {@link #pos} as shown: the wall clock's digits follow it. */
    private final javafx.beans.property.ReadOnlyLongWrapper position = new javafx.beans.property.ReadOnlyLongWrapper(this, "position");
    /** The ticker runs only while the replay plays: a paused replay leaves the FX thread idle. */
    private boolean ticking;
    private boolean updatingScrubber;

    private final AnimationTimer ticker = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };

    ReplayBar(TimelinePane timeline) {
        this.timeline = timeline;
        setId("replayBar");
        getStyleClass().add("replay-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        play.setId("replayPlay");
        play.setOnAction(e -> setPlaying(!playing));
        speed.setId("replaySpeed");
        speed.getItems().addAll(0.25, 0.5, 1.0, 2.0, 4.0);
        speed.setValue(1.0);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : (d == Math.rint(d) ? String.valueOf(d.intValue()) : String.valueOf(d)) + "×";
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        });
        speed.setTooltip(new Tooltip("Replay speed"));
        speed.valueProperty().addListener((o, a, b) -> rebase());
        scrubber.setId("replayScrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (!updatingScrubber && !traces.isEmpty()) {
                seek(Math.round(b.doubleValue() * 1e9));
            }
        });
        time.setId("replayTime");
        time.setMinWidth(150);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.setId("replayClose");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip("End the replay"));
        close.setOnAction(e -> stop());
        Label what = new Label("Replay", new FontIcon("mdi2r-replay"));
        what.getStyleClass().add("card-title");
        getChildren().addAll(what, play, speed, scrubber, time, close);
        visibleProperty().bind(active);
        managedProperty().bind(visibleProperty());
        updatePlayButton();
    }

    ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Replays {@code row}'s run from the start, playing. */
    void start(RunRow row) {
        start(List.of(row));
    }

    /** Replays the finished runs of {@code rows} from the start, together on one clock, playing. */
    void start(List<RunRow> rows) {
        List<Trace> t = rows.stream().map(RunRow::trace).filter(java.util.Objects::nonNull).toList();
        if (t.isEmpty()) {
            return;
        }
        traces = t;
        endNanos = traces.stream().mapToLong(x -> new Replay(x).endNanos()).max().orElse(1);
        active.set(true);
        scrubber.setMax(endNanos / 1e9);
        restartAt(0);
        setPlaying(true);
    }

    /** Ends the replay and shows the finished runs again (false when nothing was replayed). */
    boolean stop() {
        boolean was = !traces.isEmpty();
        setPlaying(false);
        ticker.stop();
        ticking = false;
        active.set(false);
        traces = List.of();
        replays = List.of();
        if (was) {
            onStop.run();
        }
        return was;
    }

    private Runnable onStop = () -> { };

    void setOnStop(Runnable r) {
        onStop = r;
    }

    boolean isPlaying() {
        return playing;
    }

    /** The replay time shown, ns since the run started. */
    long position() {
        return pos;
    }

    /** The replay time shown, as it changes (the wall clock follows it). */
    javafx.beans.property.ReadOnlyLongProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** True while the replay's timer runs (tests: false once paused or ended). */
    boolean ticking() {
        return ticking;
    }

    void setPlaying(boolean p) {
        if (p && !replays.isEmpty() && pos >= endNanos) {
            restartAt(0); // play again from the start
        }
        playing = p;
        rebase();
        updatePlayButton();
        timeline.setHeld(!p);
        if (p && !ticking) {
            ticking = true;
            ticker.start();
        }
    }

    private void updatePlayButton() {
        play.setGraphic(new FontIcon(playing ? "mdi2p-pause" : "mdi2p-play"));
        play.setTooltip(new Tooltip(playing ? "Pause" : "Play"));
    }

    private void rebase() {
        basePos = pos;
        baseWall = System.nanoTime();
    }

    private void tick(long now) {
        if (replays.isEmpty()) {
            ticker.stop();
            ticking = false;
            return;
        }
        if (playing) {
            pos = basePos + Math.round((System.nanoTime() - baseWall) * speed.getValue());
            if (pos >= endNanos) {
                pos = endNanos;
                playing = false;
                updatePlayButton();
                timeline.setHeld(true);
            }
        }
        showPosition();
        if (!playing) {
            ticker.stop(); // paused or at the end: nothing moves until play or a seek
            ticking = false;
        }
    }

    /** Feeds the spans up to {@link #pos} to the timeline and shows where the replay is. */
    private void showPosition() {
        for (int i = 0; i < replays.size(); i++) {
            replays.get(i).advanceTo(pos, feeds.get(i));
        }
        updatingScrubber = true;
        scrubber.setValue(pos / 1e9);
        updatingScrubber = false;
        time.setText(FigureText.clock(pos) + " / " + FigureText.clock(endNanos)); // counts like the big digits
        position.set(pos);
        timeline.invalidate();
    }

    /** Jumps to {@code nanos}: forward by feeding what lies between, back by replaying from the start. */
    private void seek(long nanos) {
        if (nanos < pos) {
            restartAt(nanos);
        } else {
            pos = nanos;
        }
        showPosition();
        rebase();
    }

    private void restartAt(long nanos) {
        pos = nanos;
        List<Replay> r = new ArrayList<>();
        List<LiveFeed> f = new ArrayList<>();
        List<Slide.Run> runs = new ArrayList<>();
        for (Trace t : traces) {
            Replay replay = new Replay(t);
            LiveFeed feed = new LiveFeed();
            replay.advanceTo(pos, feed);
            r.add(replay);
            f.add(feed);
            runs.add(new Slide.Run(new TimelineModel(t.spec(), t.machine(), null), t));
        }
        replays = List.copyOf(r);
        feeds = List.copyOf(f);
        if (runs.size() == 1) {
            timeline.showLive(runs.get(0).model(), feeds.get(0), () -> pos, endNanos);
        } else {
            timeline.showComparedLive(runs, feeds, () -> pos); // one clock for every run
        }
        timeline.setHeld(!playing);
        position.set(pos);
        rebase();
    }
}

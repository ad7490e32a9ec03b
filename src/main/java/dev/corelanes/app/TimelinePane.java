package dev.corelanes.app;

import dev.corelanes.app.impl.TimeRange;
import dev.corelanes.app.impl.TimelineSkin;
import dev.corelanes.app.impl.TimelineState;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.Span;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.Palette;
import dev.corelanes.view.Shape;
import dev.corelanes.view.Slide;
import dev.corelanes.view.TimelineFrame;
import dev.corelanes.view.TimelineLayout;
import dev.corelanes.view.TimelineModel;
import dev.corelanes.view.TimelineTheme;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The timeline control: its state as properties (what is shown, the time range in view, live or held, lanes,
 * theme, zoom) and its look in {@link TimelineSkin}, which paints the one timeline layout on a canvas. The
 * window and the replay set the state; the skin draws whatever it says.
 *
 * <p>Ctrl+wheel, pinch and the + / − keys zoom around the pointer (1.25× a step), never past the run's own
 * extent; the wheel alone scrolls the window; drag pans, double-click and 0 fit; hovering shows the span under
 * the pointer, or what a key entry means.
 */
public final class TimelinePane extends Control {

    private final TimelineState state = new TimelineState(this);
    /** The skin made with the control (kept typed: the window asks it for frames and zoom steps). */
    private final TimelineSkin skin;

    public TimelinePane() {
        state.setHoverText(this::hoverText);
        setMinSize(300, TimelineSkin.BASE_MIN_HEIGHT);
        setFocusTraversable(false);
        skin = new TimelineSkin(this, state);
        setSkin(skin);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return skin;
    }

    // ---- state ---------------------------------------------------------------------------------------------

    public ObjectProperty<LaneMode> laneModeProperty() {
        return state.laneModeProperty();
    }

    public ObjectProperty<TimelineTheme> themeProperty() {
        return state.themeProperty();
    }

    /** How much larger the timeline's text and shapes are drawn (presenter mode): 1 is normal. */
    public DoubleProperty zoomProperty() {
        return state.zoomProperty();
    }

    /** The time range in view, in ns since the run started. */
    public ReadOnlyObjectProperty<TimeRange> viewRangeProperty() {
        return state.viewRangeProperty();
    }

    /** The runs stacked on one time axis, or an empty list when one run is shown. */
    public ReadOnlyObjectProperty<List<Slide.Run>> comparedProperty() {
        return state.comparedProperty();
    }

    /** A replay paused: while held, the live clock is not followed, so the frame loop stops once drawn. */
    public BooleanProperty heldProperty() {
        return state.heldProperty();
    }

    /** True while a run or a replay feeds the timeline as it happens. */
    public ReadOnlyBooleanProperty liveProperty() {
        return state.liveProperty();
    }

    /** The model on screen (the first run's when runs are compared). */
    public ReadOnlyObjectProperty<TimelineModel> modelProperty() {
        return state.modelProperty();
    }

    /** Where the dashed ideal-time mark goes; -1 for none. */
    public LongProperty idealNanosProperty() {
        return state.idealNanosProperty();
    }

    /** The runs stacked on screen, or an empty list when one run is shown. */
    public List<Slide.Run> compared() {
        return state.comparedProperty().get();
    }

    /** The model on screen (read by tests and the window). */
    public TimelineModel model() {
        return state.modelProperty().get();
    }

    public void setHeld(boolean h) {
        state.heldProperty().set(h);
    }

    public void setIdealNanos(long nanos) {
        state.idealNanosProperty().set(nanos);
    }

    /** Shows a finished run (or a placeholder) and fits it. */
    public void show(TimelineModel m) {
        state.show(m);
    }

    /** Shows a run as it happens: spans come through {@code liveFeed}, "now" from {@code runClock}. */
    public void showLive(TimelineModel m, LiveFeed liveFeed, LongSupplier runClock) {
        showLive(m, liveFeed, runClock, 0);
    }

    /** As a live run, over at least {@code minRange} ns (a replay knows how long its run lasts). */
    public void showLive(TimelineModel m, LiveFeed liveFeed, LongSupplier runClock, long minRange) {
        state.showLive(m, liveFeed, runClock, minRange);
    }

    /** Stacks finished runs on one time axis: the same composition as an exported slide. */
    public void showCompared(List<Slide.Run> runs) {
        state.showCompared(runs);
    }

    /** Runs compared on one axis while they are replayed together: feed {@code i} fills run {@code i}. */
    public void showComparedLive(List<Slide.Run> runs, List<LiveFeed> feeds, LongSupplier clock) {
        state.showComparedLive(runs, feeds, clock);
    }

    public void stopLive() {
        state.stopLive();
    }

    /** Fits the whole run into view and follows it from now on. */
    public void fit() {
        state.fit();
    }

    /** Something drawn changed (a replay fed spans): redraw on the next pulse. */
    public void invalidate() {
        state.invalidate();
    }

    /** The time range in view as {start, end} ns (for tests). */
    long[] viewRange() {
        TimeRange r = state.viewRangeProperty().get();
        return new long[] {r.startNanos(), r.endNanos()};
    }

    // ---- what the skin draws -------------------------------------------------------------------------------

    /** One zoom step in (+1) or out (-1) around the pointer when it is over the timeline, else the middle. */
    public void zoomStep(int direction) {
        skin.zoomStep(direction);
    }

    /** The frame last drawn (for tests: what is on screen). */
    public TimelineFrame frame() {
        return skin.frame();
    }

    /** Lays out and draws one frame now; returns the frame (the benchmark times this). */
    public TimelineFrame redraw() {
        return skin.redraw();
    }

    /** True while the frame loop runs: something moves or a redraw is pending (tests: false when idle). */
    public boolean animating() {
        return skin.animating();
    }

    /** True while a capped live run's frames are paced off JavaFX's pulse (tests: no 60 Hz pulse for 10 frames). */
    public boolean paced() {
        return skin.paced();
    }

    /** Frames drawn since the pane was created (for the benchmark). */
    public long framesDrawn() {
        return skin.framesDrawn();
    }

    /**
     * How many times the finished lanes were laid out and painted (during a live run only when they changed;
     * tests count it against {@link #framesDrawn}).
     */
    public long stillDraws() {
        return skin.stillDraws();
    }

    /**
     * How many times a tile of a live run's growing edge was repainted, in all (a live frame repaints only the
     * tiles where the edge changed; tests count them against the tiles there are, {@link #edgeTiles}).
     */
    public long edgeTileRepaints() {
        return skin.edgeTileRepaints();
    }

    /** The tiles a live run's growing edge is painted on now (none once it ended). */
    public int edgeTiles() {
        return skin.edgeTiles();
    }

    /** How long the last frame took on the FX thread (layout + canvas calls), for the benchmark. */
    public long lastDrawNanos() {
        return skin.lastDrawNanos();
    }

    /** Caps the frame rate of live runs (see {@link TimelineSkin#setLiveFrameInterval}); 0 = every pulse. */
    public void setLiveFrameInterval(long nanos) {
        skin.setLiveFrameInterval(nanos);
    }

    // ---- words under the pointer ---------------------------------------------------------------------------

    private String hoverText(TimelineFrame frame, TimelineModel model, double x, double y) {
        Span s = model == null || state.comparing() ? null : frame.hit(x, y, model);
        if (s != null) {
            return describe(s);
        }
        String term = legendTerm(frame.shapes(), x, y);
        return term == null ? null : term + ": " + Glossary.meaning(term);
    }

    /**
     * The glossary term of the key entry under the point (its swatch or its words), or null: the key under the
     * timeline explains itself on hover, in the glossary's words.
     */
    static String legendTerm(List<Shape> shapes, double x, double y) {
        for (Shape sh : shapes) {
            if (sh instanceof Shape.Text t && y >= t.y() - t.size() - 2 && y <= t.y() + 4
                    && x >= t.x() - 20 && x <= t.x() + TimelineLayout.textWidth(t.text(), t.size())) {
                String term = t.text().equals("running:") ? "running" : t.text();
                if (Glossary.has(term)) {
                    return term;
                }
            }
        }
        return null;
    }

    /** What the tooltip says about a span. */
    static String describe(Span s) {
        if (s.state() == dev.corelanes.engine.SpanState.UNCERTAIN) {
            return "CPU " + s.core() + " changed hands here:\nwhich of the two tasks ran is unknown\n"
                    + "Start " + FigureText.nanos(s.startNanos()) + "   duration " + FigureText.nanos(s.durationNanos());
        }
        String task = s.task() == Span.NO_TASK ? "— (worker start-up)" : String.valueOf(s.task());
        return "Task " + task + "   worker " + s.worker() + "\n"
                + "State " + Palette.stateLabel(s) + "   core " + (s.hasCore() ? "CPU " + s.core() : "—") + "\n"
                + "Start " + FigureText.nanos(s.startNanos()) + "   duration " + FigureText.nanos(s.durationNanos());
    }
}

package dev.corelanes.app;

import dev.corelanes.app.canvas.CanvasSurface;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.FigureText;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.Palette;
import dev.corelanes.view.TimelineFrame;
import dev.corelanes.view.TimelineLayout;
import dev.corelanes.view.TimelineModel;
import dev.corelanes.view.TimelinePainter;
import dev.corelanes.view.TimelineTheme;
import dev.corelanes.view.Viewport;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideOptions;
import dev.corelanes.view.TimelineMarks;
import javafx.animation.AnimationTimer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The timeline on a canvas. Redraws at most once per pulse and only when something changed (new spans,
 * the clock moved, a zoom): spans from the engine are queued by a {@link LiveFeed} and drained here, on
 * the FX thread, so the engine never waits for the screen and the screen never waits for the engine.
 *
 * <p>Wheel, pinch and the + / − keys zoom around the pointer (1.25× a step), drag pans, double-click and 0
 * fit; hovering shows the span under the pointer.
 */
public final class TimelinePane extends Region {

    private final Canvas canvas = new Canvas();
    private final CanvasSurface surface = new CanvasSurface(canvas.getGraphicsContext2D());
    private final Label tip = new Label();
    private final ObjectProperty<LaneMode> laneMode = new SimpleObjectProperty<>(this, "laneMode", LaneMode.CORES);
    private final ObjectProperty<TimelineTheme> theme = new SimpleObjectProperty<>(this, "theme", TimelineTheme.LIGHT);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private TimelineModel model;
    /** Runs stacked for comparison (a slide on screen); null when one run is shown. */
    private List<Slide.Run> compared;
    /** Where the dashed ideal-time mark goes; -1 for none. */
    private long idealNanos = -1;
    /** The least range a fit shows (a replay shows its whole run from the start). */
    private long minRangeNanos;
    private LiveFeed feed;
    private LongSupplier clock;
    private long viewStart;
    private long viewEnd = 1_000_000_000L;
    /** While true the range follows the data (fit); a zoom or pan by the user turns it off. */
    private boolean following = true;
    private boolean dirty = true;
    private TimelineFrame frame;
    private double dragX = Double.NaN;
    /** Where the pointer is over the canvas (NaN when it is elsewhere): the anchor of key zooms. */
    private double pointerX = Double.NaN;
    private long frames;
    private long lastDrawNanos;
    /** Least time between two live frames; 0 = every pulse (see {@link #setLiveFrameInterval}). */
    private long liveFrameInterval;
    private long lastLiveFrame;

    /** Runs only while something moves (a live run, a replay playing, a redraw pending): idle costs nothing. */
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onPulse();
        }
    };
    private boolean pulsing;
    /** A replay paused: its clock stands still, so the now line does not move (see {@link #setHeld}). */
    private boolean held;

    public TimelinePane() {
        canvas.setId("timelineCanvas");
        getChildren().addAll(canvas, tip);
        tip.getStyleClass().add("timeline-tip");
        tip.setManaged(false);
        tip.setVisible(false);
        tip.setMouseTransparent(true);
        setMinSize(300, BASE_MIN_HEIGHT);
        setFocusTraversable(false);
        laneMode.addListener((o, a, b) -> invalidate());
        zoom.addListener((o, a, b) -> invalidate());
        theme.addListener((o, a, b) -> invalidate());
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(ZoomEvent.ZOOM, this::onPinch);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> pointerX = e.getX());
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> pointerX = Double.NaN);
        // Clicking the timeline takes the focus from the inputs, so Space and Enter then run.
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            requestFocus();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragX = Double.NaN);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                fit();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tip.setVisible(false));
        wake();
    }

    /** Starts the frame loop (a no-op when it runs); it stops itself once nothing moves. */
    private void wake() {
        if (!pulsing) {
            pulsing = true;
            pulse.start();
        }
    }

    /** True while the frame loop runs: something moves or a redraw is pending (tests: false when idle). */
    public boolean animating() {
        return pulsing;
    }

    /**
     * A replay paused (true) or playing again (false): while held, the live clock is not followed, so the
     * frame loop stops once the last frame is drawn; a seek redraws through {@link #invalidate}.
     */
    public void setHeld(boolean h) {
        held = h;
        invalidate();
    }

    public ObjectProperty<LaneMode> laneModeProperty() {
        return laneMode;
    }

    public ObjectProperty<TimelineTheme> themeProperty() {
        return theme;
    }

    /** How much larger the timeline's text and shapes are drawn (presenter mode): 1 is normal. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The runs stacked on screen, or an empty list when one run is shown. */
    public List<Slide.Run> compared() {
        return compared == null ? List.of() : compared;
    }

    /** Stacks finished runs on one time axis: the same composition as an exported slide. */
    public void showCompared(List<Slide.Run> runs) {
        model = runs.get(0).model();
        compared = List.copyOf(runs);
        feed = null;
        clock = null;
        idealNanos = -1;
        fit();
    }

    /** Marks the ideal wall time with a dashed line (-1: no mark). */
    public void setIdealNanos(long nanos) {
        idealNanos = nanos;
        invalidate();
    }

    /** The frame last drawn (for tests: what is on screen). */
    public TimelineFrame frame() {
        return frame;
    }

    /** The model on screen (read by tests and the window). */
    public TimelineModel model() {
        return model;
    }

    /** Frames drawn since the pane was created (for the benchmark). */
    public long framesDrawn() {
        return frames;
    }

    /** Shows a finished run (or a placeholder) and fits it. */
    public void show(TimelineModel m) {
        model = m;
        compared = null;
        minRangeNanos = 0;
        feed = null;
        clock = null;
        fit();
    }

    /** Shows a run as it happens: spans come through {@code liveFeed}, "now" from {@code runClock}. */
    public void showLive(TimelineModel m, LiveFeed liveFeed, LongSupplier runClock) {
        showLive(m, liveFeed, runClock, 0);
    }

    /** As a live run, over at least {@code minRange} ns (a replay knows how long its run lasts). */
    public void showLive(TimelineModel m, LiveFeed liveFeed, LongSupplier runClock, long minRange) {
        model = m;
        compared = null;
        idealNanos = -1;
        minRangeNanos = minRange;
        feed = liveFeed;
        clock = runClock;
        held = false;
        fit();
    }

    /** Fits the whole run into view and follows it from now on. */
    public void fit() {
        following = true;
        applyFit();
        invalidate();
    }

    private void applyFit() {
        if (model == null) {
            return;
        }
        long now = clock == null ? -1 : clock.getAsLong();
        long min = model.spec() == null ? 1_000_000_000L : Math.round(model.spec().taskSeconds() * 1.1e9);
        long[] r = TimelineLayout.fitRange(model, Math.max(Math.max(min, minRangeNanos), Math.round(now * 1.15)));
        viewStart = r[0];
        viewEnd = r[1];
    }

    public void invalidate() {
        dirty = true;
        wake();
    }

    private void onPulse() {
        if (model == null) {
            sleep();
            return;
        }
        if (feed != null && feed.drainTo(model, MAX_EVENTS_PER_PULSE) > 0) {
            dirty = true;
        }
        boolean moving = clock != null && !held;
        if (!moving && !dirty) {
            sleep(); // nothing moves and all is drawn: no more pulses until something changes
            return;
        }
        if (moving) {
            dirty = true; // the now line moves
            long t = System.nanoTime();
            if (liveFrameInterval > 0 && t - lastLiveFrame < liveFrameInterval) {
                return; // drawn recently enough; the spans wait in the model for the next frame
            }
            lastLiveFrame = t;
        }
        if (dirty) {
            keepLegible();
            redraw();
        }
    }

    private void sleep() {
        pulse.stop();
        pulsing = false;
    }

    /** Least height of the pane when nothing needs more room: a few lanes, the axis, the legend. */
    static final double BASE_MIN_HEIGHT = 200;

    /**
     * Asks for the height at which every lane stays legible (18 px or more, labels on every CPU): the window
     * scrolls rather than squeeze a comparison into 6 px lanes.
     */
    private void keepLegible() {
        if (model == null) {
            return;
        }
        double need = compared != null ? Slide.legibleHeight(compared, laneMode.get())
                : TimelineLayout.legibleHeight(model, laneMode.get(), true);
        double min = Math.max(BASE_MIN_HEIGHT, Math.ceil(need * zoom.get()));
        if (Math.abs(getMinHeight() - min) >= 1) {
            setMinHeight(min);
        }
    }

    /**
     * Caps the frame rate of live runs. Drawing a frame costs the machine CPU too: with software rendering
     * (a VM, a laptop without GPU acceleration) the window took 55–85 % of a core at 60 fps, which a
     * compute run on a 2-core machine measures as lost speedup. The caller caps compute runs; 0 = every
     * pulse.
     */
    public void setLiveFrameInterval(long nanos) {
        liveFrameInterval = Math.max(0, nanos);
    }

    /** How long the last frame took on the FX thread (layout + canvas calls), for the benchmark. */
    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    /** Lays out and draws one frame now; returns the frame (the benchmark times this). */
    public TimelineFrame redraw() {
        long t0 = System.nanoTime();
        dirty = false;
        if (model == null || canvas.getWidth() < 1 || canvas.getHeight() < 1) {
            return frame;
        }
        long now = clock == null ? -1 : clock.getAsLong();
        if (following) {
            applyFit();
        }
        double z = zoom.get();
        double w = canvas.getWidth() / z;
        double h = canvas.getHeight() / z;
        if (compared != null) {
            frame = Slide.compose(compared, SlideOptions.inWindow(w, h, laneMode.get(), theme.get()));
        } else {
            Viewport v = new Viewport(viewStart, viewEnd, w, h, laneMode.get(), now, theme.get());
            frame = TimelineLayout.layout(model, v);
            if (idealNanos > 0) {
                frame = frame.plus(TimelineMarks.ideal(frame, idealNanos, theme.get()));
            }
        }
        // Presenter zoom scales the drawing commands, so text stays crisp at any size.
        canvas.getGraphicsContext2D().setTransform(z, 0, 0, z, 0, 0);
        TimelinePainter.paint(frame, surface);
        frames++;
        lastDrawNanos = System.nanoTime() - t0;
        return frame;
    }

    /** Spans taken from the live feed per pulse at most: a burst is spread over frames, never one long frame. */
    static final int MAX_EVENTS_PER_PULSE = 20_000;

    public void stopLive() {
        if (feed != null && model != null) {
            feed.drainTo(model); // what is left of the run's backlog: the finished view shows every span
        }
        feed = null;
        clock = null;
        invalidate();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            invalidate();
        }
    }

    /** Each wheel notch, key press or zoom button zooms by at least this much: four steps are 2.4×. */
    static final double ZOOM_STEP = 1.25;
    /** The pixels JavaFX reports for one wheel notch when the platform gives no multiplier. */
    private static final double NOTCH = 40;

    private void onScroll(ScrollEvent e) {
        if (frame == null || e.getDeltaY() == 0 || compared != null) {
            return; // a comparison is shown whole, on its shared axis (the window scrolls instead)
        }
        double notch = e.getMultiplierY() > 0 ? e.getMultiplierY() : NOTCH;
        zoomAround(Math.pow(ZOOM_STEP, e.getDeltaY() / notch), e.getX());
        e.consume();
    }

    /** Trackpad pinch: the gesture's own factor, around the fingers. */
    private void onPinch(ZoomEvent e) {
        if (frame == null || compared != null || !(e.getZoomFactor() > 0) || e.getZoomFactor() == 1) {
            return;
        }
        zoomAround(e.getZoomFactor(), e.getX());
        e.consume();
    }

    /** One zoom step in (+1) or out (-1) around the pointer when it is over the timeline, else the middle. */
    public void zoomStep(int direction) {
        if (frame == null || compared != null || direction == 0) {
            return;
        }
        double x = Double.isNaN(pointerX) ? canvas.getWidth() / 2 : pointerX;
        zoomAround(direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, x);
    }

    /** Zooms by {@code factor} (> 1 = closer) keeping the time under canvas x {@code px} where it is. */
    private void zoomAround(double factor, double px) {
        double ex = px / zoom.get();
        long at = frame.timeAt(Math.max(frame.plotX(), Math.min(ex, frame.plotX() + frame.plotWidth())));
        long span = Math.max(100_000L, Math.round((viewEnd - viewStart) / factor)); // ≥ 0.1 ms in view
        double f = (double) (at - viewStart) / (viewEnd - viewStart);
        viewStart = at - Math.round(span * f);
        viewEnd = viewStart + span;
        following = false;
        invalidate();
    }

    /** The time range in view, in ns since the run started (for tests). */
    long[] viewRange() {
        return new long[] {viewStart, viewEnd};
    }

    private void onDrag(MouseEvent e) {
        if (frame == null || Double.isNaN(dragX) || compared != null) {
            return;
        }
        long dt = Math.round((dragX - e.getX()) / zoom.get() / frame.plotWidth() * (viewEnd - viewStart));
        viewStart += dt;
        viewEnd += dt;
        dragX = e.getX();
        following = false;
        tip.setVisible(false);
        invalidate();
    }

    private void onHover(MouseEvent e) {
        Span s = frame == null || model == null || compared != null ? null
                : frame.hit(e.getX() / zoom.get(), e.getY() / zoom.get(), model);
        String term = s == null && frame != null ? legendTerm(frame.shapes(), e.getX() / zoom.get(), e.getY() / zoom.get()) : null;
        if (s == null && term == null) {
            tip.setVisible(false);
            return;
        }
        tip.setText(s != null ? describe(s) : term + ": " + Glossary.meaning(term));
        tip.autosize();
        double x = e.getX() + 14;
        double y = e.getY() + 16;
        if (x + tip.getWidth() > getWidth()) {
            x = e.getX() - tip.getWidth() - 8;
        }
        if (y + tip.getHeight() > getHeight()) {
            y = e.getY() - tip.getHeight() - 8;
        }
        tip.relocate(x, y);
        tip.setVisible(true);
    }

    /**
     * The glossary term of the key entry under the point (its swatch or its words), or null: the key under the
     * timeline explains itself on hover, in the glossary's words.
     */
    static String legendTerm(List<dev.corelanes.view.Shape> shapes, double x, double y) {
        for (dev.corelanes.view.Shape sh : shapes) {
            if (sh instanceof dev.corelanes.view.Shape.Text t && y >= t.y() - t.size() - 2 && y <= t.y() + 4
                    && x >= t.x() - 20 && x <= t.x() + dev.corelanes.view.TimelineLayout.textWidth(t.text(), t.size())) {
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
                + "State " + Palette.stateLabel(s.state()) + "   core " + (s.hasCore() ? "CPU " + s.core() : "—") + "\n"
                + "Start " + FigureText.nanos(s.startNanos()) + "   duration " + FigureText.nanos(s.durationNanos());
    }
}

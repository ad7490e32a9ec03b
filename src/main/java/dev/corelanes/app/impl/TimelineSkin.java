package dev.corelanes.app.impl;

import dev.corelanes.app.canvas.CanvasSurface;
import dev.corelanes.view.LiveLayers;
import dev.corelanes.view.Shape;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideOptions;
import dev.corelanes.view.TimelineFrame;
import dev.corelanes.view.TimelineLayout;
import dev.corelanes.view.TimelineMarks;
import dev.corelanes.view.TimelineModel;
import dev.corelanes.view.TimelinePainter;
import dev.corelanes.view.Viewport;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

import java.util.List;
import java.util.Objects;

/**
 * The timeline control's look: the one timeline layout painted on a canvas (a live run's growing edge on small
 * tiles over it), and a tooltip. Redraws at most once per pulse and only when something changed (new spans, the
 * clock moved, a zoom): spans from the engine are queued by a live feed and drained here, on the FX thread, so
 * the engine never waits for the screen and the screen never waits for the engine.
 *
 * <p>During a live run the window must stay out of what it measures: the still layer ({@link LiveLayers}: lanes,
 * axis, finished bars, key) is laid out and painted on the canvas only when it changes (the range, size,
 * zoom, lanes or theme moved, or five seconds of load strips or {@value #SPANS_ON_EDGE} finished spans
 * piled up on the edge), and each frame lays out only the growing edge (open bars, spans finished since, the
 * newest load strips, the now line) and repaints it over the canvas only where it changed, on small tiles
 * ({@link EdgeTiles}), so the screen re-composites a strip around the now line and not the whole pane. A finished
 * run is laid out in one pass, exactly as exports are, on the canvas alone.
 *
 * <p>Ctrl+wheel, pinch and the + / − keys zoom around the pointer (1.25× a step), never past the run's own
 * extent; the wheel alone scrolls the window; drag pans, double-click and 0 fit; hovering shows the span under
 * the pointer.
 */
public final class TimelineSkin extends SkinBase<Control> {

    /** Least height of the control when nothing needs more room: a few lanes, the axis, the legend. */
    public static final double BASE_MIN_HEIGHT = 200;
    /** Spans taken from the live feed per pulse at most: a burst is spread over frames, never one long frame. */
    public static final int MAX_EVENTS_PER_PULSE = 20_000;
    /** Each wheel notch, key press or zoom button zooms by at least this much: four steps are 2.4×. */
    public static final double ZOOM_STEP = 1.25;
    /** The pixels JavaFX reports for one wheel notch when the platform gives no multiplier. */
    private static final double NOTCH = 40;

    private final TimelineState state;
    /** A finished run whole, or a live run's still layer (repainted only when it changes); it takes the pointer. */
    private final Canvas canvas = new Canvas();
    private final CanvasSurface surface = new CanvasSurface(canvas.getGraphicsContext2D());
    /** A live run's growing edge, over the canvas; empty otherwise. */
    private final EdgeTiles tiles;
    /** The still layer on screen during a live run and what it was laid out for; null when none. */
    private LiveLayers still;
    private StillKey stillKey;
    private long stillDraws;
    private final Label tip = new Label();
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
    private boolean pulsing;

    /** Runs only while something moves (a live run, a replay playing, a redraw pending): idle costs nothing. */
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onPulse();
        }
    };

    public TimelineSkin(Control control, TimelineState state) {
        super(control);
        this.state = state;
        canvas.setId("timelineCanvas");
        getChildren().addAll(canvas, tip);
        tiles = new EdgeTiles(getChildren(), canvas);
        tip.getStyleClass().add("timeline-tip");
        tip.setManaged(false);
        tip.setVisible(false);
        tip.setMouseTransparent(true);
        InvalidationListener redraw = o -> invalidate();
        state.laneModeProperty().addListener(redraw);
        state.zoomProperty().addListener(redraw);
        state.themeProperty().addListener(redraw);
        state.modelProperty().addListener(redraw);
        state.comparedProperty().addListener(redraw);
        state.viewRangeProperty().addListener(redraw);
        state.heldProperty().addListener(redraw);
        state.idealNanosProperty().addListener(redraw);
        state.changesProperty().addListener(redraw);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(ZoomEvent.ZOOM, this::onPinch);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> pointerX = e.getX());
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> pointerX = Double.NaN);
        // Clicking the timeline takes the focus from the inputs, so Space and Enter then run.
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            getSkinnable().requestFocus();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragX = Double.NaN);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                state.fit();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tip.setVisible(false));
        wake();
    }

    @Override
    public void dispose() {
        sleep();
        super.dispose();
    }

    /** Marks the frame out of date and makes sure the frame loop runs to draw it. */
    public void invalidate() {
        dirty = true;
        wake();
    }

    /**
     * Starts the frame loop (a no-op when it runs); it stops itself once nothing moves. While a capped live run
     * is paced, the next paced frame draws what changed.
     */
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

    public TimelineFrame frame() {
        return frame;
    }

    public long framesDrawn() {
        return frames;
    }

    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    /**
     * Caps the frame rate of live runs. Drawing a frame costs the machine CPU too: with software rendering
     * (a VM, a laptop without GPU acceleration) the window took 55–85 % of a core at 60 fps, which a
     * compute run on a 2-core machine measures as lost speedup. The caller caps compute runs; 0 = every
     * pulse.
     */
    public void setLiveFrameInterval(long nanos) {
        liveFrameInterval = Math.max(0, nanos);
        if (paced.running()) {
            if (liveFrameInterval > 0) {
                paced.every(liveFrameInterval);
            } else {
                paced.stop(); // every pulse again
                pulse.start();
            }
        }
    }

    /**
     * A capped live run's frames come from {@link FramePacer}, not from the pulse: an AnimationTimer keeps
     * JavaFX pulsing 60 times a second even when it draws 10 frames, and each pulse is CPU taken from the run.
     */
    private final FramePacer paced = new FramePacer(this::onPacedFrame);

    /** True while a capped live run's frames are paced off the pulse (tests). */
    public boolean paced() {
        return paced.running();
    }

    private void onPacedFrame() {
        if (state.modelProperty().get() == null) {
            sleep();
            return;
        }
        state.drain(MAX_EVENTS_PER_PULSE);
        if (!state.moving()) {
            // The run ended (or a replay was held): draw what is left, then the pulse decides as before.
            paced.stop();
            dirty = true;
            pulse.start();
            return;
        }
        lastLiveFrame = System.nanoTime();
        keepLegible();
        redraw();
    }

    private void onPulse() {
        if (state.modelProperty().get() == null) {
            sleep();
            return;
        }
        if (state.drain(MAX_EVENTS_PER_PULSE) > 0) {
            dirty = true;
        }
        boolean moving = state.moving();
        if (!moving && !dirty) {
            sleep(); // nothing moves and all is drawn: no more pulses until something changes
            return;
        }
        if (moving) {
            dirty = true; // the now line moves
            long t = System.nanoTime();
            if (liveFrameInterval > 0) {
                // Capped: the frames are paced from here on, and the pulse stops.
                pulse.stop();
                paced.every(liveFrameInterval);
                if (t - lastLiveFrame < liveFrameInterval) {
                    return; // drawn recently enough; the spans wait in the model for the next frame
                }
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
        paced.stop();
        pulsing = false;
    }

    /**
     * Asks for the height at which every lane stays legible (18 px or more, labels on every CPU): the window
     * scrolls rather than squeeze a comparison into 6 px lanes.
     */
    private void keepLegible() {
        TimelineModel model = state.modelProperty().get();
        if (model == null) {
            return;
        }
        double need = state.comparing() ? Slide.legibleHeight(state.comparedProperty().get(), state.laneModeProperty().get())
                : TimelineLayout.legibleHeight(model, state.laneModeProperty().get(), true);
        double min = Math.max(BASE_MIN_HEIGHT, Math.ceil(need * state.zoomProperty().get()));
        Control c = getSkinnable();
        if (Math.abs(c.getMinHeight() - min) >= 1) {
            c.setMinHeight(min);
        }
    }

    /** Lays out and draws one frame now; returns the frame (the benchmark times this). */
    public TimelineFrame redraw() {
        long t0 = System.nanoTime();
        TimelineModel model = state.modelProperty().get();
        if (model == null || canvas.getWidth() < 1 || canvas.getHeight() < 1) {
            dirty = false;
            return frame;
        }
        long now = state.nowNanos();
        state.follow();
        dirty = false;
        double z = state.zoomProperty().get();
        double w = canvas.getWidth() / z;
        double h = canvas.getHeight() / z;
        // Presenter zoom scales the drawing commands, so text stays crisp at any size.
        canvas.getGraphicsContext2D().setTransform(z, 0, 0, z, 0, 0);
        if (state.comparing()) {
            frame = Slide.compose(state.comparedProperty().get(),
                    SlideOptions.inWindow(w, h, state.laneModeProperty().get(), state.themeProperty().get()), now);
            paintWhole(frame);
        } else {
            TimeRange r = state.viewRangeProperty().get();
            Viewport v = new Viewport(r.startNanos(), r.endNanos(), w, h, state.laneModeProperty().get(), now,
                    state.themeProperty().get());
            if (state.liveProperty().get()) {
                frame = drawLive(model, v, now, z);
            } else {
                frame = TimelineLayout.layout(model, v);
                long ideal = state.idealNanosProperty().get();
                if (ideal > 0) {
                    frame = frame.plus(TimelineMarks.ideal(frame, ideal, state.themeProperty().get()));
                }
                paintWhole(frame);
            }
        }
        frames++;
        lastDrawNanos = System.nanoTime() - t0;
        return frame;
    }

    /** A frame drawn whole on the canvas; the tiles of a live edge removed. */
    private void paintWhole(TimelineFrame f) {
        still = null;
        stillKey = null;
        TimelinePainter.paint(f, surface);
        stillDraws++;
        tiles.clear();
    }

    /**
     * A live frame: the still layer laid out and painted again only when what it shows changed, then the
     * growing edge at {@code now} on the tiles over it, where it changed.
     */
    private TimelineFrame drawLive(TimelineModel model, Viewport v, long now, double z) {
        // What the lanes depend on: a new CPU or worker, a message, a core that could not be read.
        List<Object> lanes = List.of(model.coreCount(), model.workerCount(), model.message(), model.coreUnknown());
        StillKey key = new StillKey(model, lanes, v.startNanos(), v.endNanos(), v.width(), v.height(),
                v.mode(), v.theme(), z, state.idealNanosProperty().get());
        if (still == null || !key.equals(stillKey) || model.loads().size() - still.loadSamples() >= LOAD_SAMPLES_ON_EDGE
                || still.recentSpans() > SPANS_ON_EDGE) {
            long ideal = state.idealNanosProperty().get();
            var theme = state.themeProperty().get();
            // The ideal's mark is placed on the still layer's own lanes: a whole second layout of the run for it
            // cost the FX thread as much again at every still layout of a live run.
            still = LiveLayers.of(model, v, f -> ideal > 0 ? TimelineMarks.ideal(f, ideal, theme) : List.of());
            stillKey = key;
            TimelinePainter.paint(still.still(), surface);
            stillDraws++;
        }
        List<Shape> edge = still.edge(now);
        tiles.paint(edge, z, canvas.getWidth(), canvas.getHeight());
        return still.frame(now, edge);
    }

    /**
     * Load strips (10 a second) drawn on the edge before the still layer takes them in: about five seconds' worth
     * (a strip is one box per CPU lane, cheap on the edge), so the still layer is not laid out again each second
     * for the load alone (in presenter mode at 4 frames a second, that was every fourth frame).
     */
    private static final int LOAD_SAMPLES_ON_EDGE = 50;
    /**
     * Spans finished since the still layer was laid out that the edge draws before the still layer takes them
     * in: a busy machine preempts compute tasks hundreds of times a second, each a span.
     */
    public static final int SPANS_ON_EDGE = 256;

    /** What the still layer was laid out for: when any of it changes, it is laid out again. */
    private record StillKey(TimelineModel model, List<Object> lanes, long start, long end, double w, double h,
                            Object mode, Object theme, double zoom, long ideal) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StillKey k && k.model == model && k.lanes.equals(lanes) && k.start == start
                    && k.end == end && k.w == w && k.h == h && k.mode == mode && Objects.equals(k.theme, theme)
                    && k.zoom == zoom && k.ideal == ideal;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(model), lanes, start, end);
        }
    }

    /**
     * How many times the still layer (or a whole frame) was laid out and painted: during a live run it stays
     * put while only the edge moves (tests count it against {@link #framesDrawn}).
     */
    public long stillDraws() {
        return stillDraws;
    }

    /** How many edge tiles were repainted in all, and how many are on screen (tests: a live frame repaints few). */
    public long edgeTileRepaints() {
        return tiles.repaints();
    }

    public int edgeTiles() {
        return tiles.count();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        Control c = getSkinnable();
        double cw = snapSizeX(c.getWidth());
        double ch = snapSizeY(c.getHeight());
        if (canvas.getWidth() != cw || canvas.getHeight() != ch) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
            invalidate();
        }
    }

    /**
     * Ctrl+wheel (or the platform's shortcut key) zooms around the pointer. The wheel alone is left to the
     * window, which scrolls the centre as it does anywhere else: a class scrolling down to the runs table must
     * not zoom the timeline on the way.
     */
    private void onScroll(ScrollEvent e) {
        if (!(e.isControlDown() || e.isShortcutDown())) {
            return;
        }
        if (frame == null || e.getDeltaY() == 0 || state.comparing()) {
            return; // a comparison is shown whole, on its shared axis (the window scrolls instead)
        }
        double notch = e.getMultiplierY() > 0 ? e.getMultiplierY() : NOTCH;
        zoomAround(Math.pow(ZOOM_STEP, e.getDeltaY() / notch), e.getX());
        e.consume();
    }

    /** Trackpad pinch: the gesture's own factor, around the fingers. */
    private void onPinch(ZoomEvent e) {
        if (frame == null || state.comparing() || !(e.getZoomFactor() > 0) || e.getZoomFactor() == 1) {
            return;
        }
        zoomAround(e.getZoomFactor(), e.getX());
        e.consume();
    }

    /** One zoom step in (+1) or out (-1) around the pointer when it is over the timeline, else the middle. */
    public void zoomStep(int direction) {
        if (frame == null || state.comparing() || direction == 0) {
            return;
        }
        double x = Double.isNaN(pointerX) ? canvas.getWidth() / 2 : pointerX;
        zoomAround(direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, x);
    }

    /** Zooms by {@code factor} (&gt; 1 = closer) keeping the time under canvas x {@code px} where it is. */
    private void zoomAround(double factor, double px) {
        double ex = px / state.zoomProperty().get();
        long at = frame.timeAt(Math.max(frame.plotX(), Math.min(ex, frame.plotX() + frame.plotWidth())));
        state.zoomAround(at, factor);
    }

    private void onDrag(MouseEvent e) {
        if (frame == null || Double.isNaN(dragX) || state.comparing()) {
            return;
        }
        long span = state.viewRangeProperty().get().spanNanos();
        long dt = Math.round((dragX - e.getX()) / state.zoomProperty().get() / frame.plotWidth() * span);
        dragX = e.getX();
        tip.setVisible(false);
        state.panBy(dt);
    }

    private void onHover(MouseEvent e) {
        double z = state.zoomProperty().get();
        String text = frame == null ? null
                : state.hoverText().at(frame, state.modelProperty().get(), e.getX() / z, e.getY() / z);
        if (text == null) {
            tip.setVisible(false);
            return;
        }
        tip.setText(text);
        tip.autosize();
        Control c = getSkinnable();
        double x = e.getX() + 14;
        double y = e.getY() + 16;
        if (x + tip.getWidth() > c.getWidth()) {
            x = e.getX() - tip.getWidth() - 8;
        }
        if (y + tip.getHeight() > c.getHeight()) {
            y = e.getY() - tip.getHeight() - 8;
        }
        tip.relocate(x, y);
        tip.setVisible(true);
    }
}

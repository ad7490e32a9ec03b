package dev.corelanes.app.impl;

import dev.corelanes.view.LaneMode;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.Slide;
import dev.corelanes.view.TimelineLayout;
import dev.corelanes.view.TimelineModel;
import dev.corelanes.view.TimelineTheme;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The timeline control's state, as JavaFX properties the skin observes: what is shown (a model, or runs
 * compared on one axis), the time range in view, whether a run is live and whether its replay is held, and
 * the look (lanes, theme, zoom). No drawing here; the range arithmetic (fit, zoom, pan) is here because it is
 * state, and the skin only asks for it.
 */
public final class TimelineState {

    private final ObjectProperty<LaneMode> laneMode;
    private final ObjectProperty<TimelineTheme> theme;
    private final DoubleProperty zoom;
    private final ReadOnlyObjectWrapper<TimelineModel> model;
    private final ReadOnlyObjectWrapper<List<Slide.Run>> compared;
    private final ReadOnlyObjectWrapper<TimeRange> viewRange;
    private final BooleanProperty held;
    private final ReadOnlyBooleanWrapper live;
    private final LongProperty idealNanos;
    /** Counts changes that no other property shows (spans drained into the model, an explicit redraw). */
    private final ReadOnlyLongWrapper changes;
    /** The least range a fit shows (a replay shows its whole run from the start). */
    private long minRangeNanos;
    /** The live feeds and the model each fills: one for a live run, one per run for a comparison replayed. */
    private List<Fed> feeds = List.of();
    private LongSupplier clock;
    /** While true the range follows the data (fit); a zoom or pan by the user turns it off. */
    private boolean following = true;
    private HoverText hoverText = (f, m, x, y) -> null;

    /** A live feed and the model it fills. */
    private record Fed(LiveFeed feed, TimelineModel model) {
    }

    public TimelineState(Object bean) {
        laneMode = new SimpleObjectProperty<>(bean, "laneMode", LaneMode.CORES);
        theme = new SimpleObjectProperty<>(bean, "theme", TimelineTheme.LIGHT);
        zoom = new SimpleDoubleProperty(bean, "zoom", 1);
        model = new ReadOnlyObjectWrapper<>(bean, "model");
        compared = new ReadOnlyObjectWrapper<>(bean, "compared", List.of());
        viewRange = new ReadOnlyObjectWrapper<>(bean, "viewRange", new TimeRange(0, 1_000_000_000L));
        held = new SimpleBooleanProperty(bean, "held");
        live = new ReadOnlyBooleanWrapper(bean, "live");
        idealNanos = new SimpleLongProperty(bean, "idealNanos", -1);
        changes = new ReadOnlyLongWrapper(bean, "changes");
    }

    public ObjectProperty<LaneMode> laneModeProperty() {
        return laneMode;
    }

    public ObjectProperty<TimelineTheme> themeProperty() {
        return theme;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public ReadOnlyObjectProperty<TimelineModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The runs stacked on one axis, or an empty list when one run is shown. */
    public ReadOnlyObjectProperty<List<Slide.Run>> comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TimeRange> viewRangeProperty() {
        return viewRange.getReadOnlyProperty();
    }

    /** A replay paused: its clock stands still, so the now line does not move. */
    public BooleanProperty heldProperty() {
        return held;
    }

    /** True while a run (or a replay) feeds the timeline as it happens. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** Where the dashed ideal-time mark goes; -1 for none. */
    public LongProperty idealNanosProperty() {
        return idealNanos;
    }

    public ReadOnlyLongProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public boolean comparing() {
        return !compared.get().isEmpty();
    }

    public HoverText hoverText() {
        return hoverText;
    }

    public void setHoverText(HoverText h) {
        hoverText = h;
    }

    /** Something drawn changed that no property shows: the skin redraws. */
    public void invalidate() {
        changes.set(changes.get() + 1);
    }

    public void show(TimelineModel m) {
        compared.set(List.of());
        minRangeNanos = 0;
        setLive(List.of(), null);
        model.set(m);
        fit();
    }

    public void showLive(TimelineModel m, LiveFeed liveFeed, LongSupplier runClock, long minRange) {
        compared.set(List.of());
        idealNanos.set(-1);
        minRangeNanos = minRange;
        setLive(List.of(new Fed(liveFeed, m)), runClock);
        held.set(false);
        model.set(m);
        fit();
    }

    public void showCompared(List<Slide.Run> runs) {
        setLive(List.of(), null);
        idealNanos.set(-1);
        compared.set(List.copyOf(runs));
        model.set(runs.get(0).model());
        fit();
    }

    /**
     * Runs compared on one time axis as they are replayed together on one clock: {@code feeds.get(i)} fills
     * {@code runs.get(i).model()}, {@code runClock} is the replay's time for all of them.
     */
    public void showComparedLive(List<Slide.Run> runs, List<LiveFeed> runFeeds, LongSupplier runClock) {
        if (runs.size() != runFeeds.size()) {
            throw new IllegalArgumentException("one feed per run");
        }
        java.util.ArrayList<Fed> fed = new java.util.ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            fed.add(new Fed(runFeeds.get(i), runs.get(i).model()));
        }
        idealNanos.set(-1);
        setLive(List.copyOf(fed), runClock);
        held.set(false);
        compared.set(List.copyOf(runs));
        model.set(runs.get(0).model());
        fit();
    }

    /** The live run ended: what is left of its backlog goes into the model, so the finished view shows every span. */
    public void stopLive() {
        for (Fed f : feeds) {
            f.feed().drainTo(f.model());
        }
        setLive(List.of(), null);
        invalidate();
    }

    private void setLive(List<Fed> f, LongSupplier c) {
        feeds = f;
        clock = c;
        live.set(!f.isEmpty());
    }

    /** Moves up to {@code max} spans from the live feeds into their models; how many moved. */
    public int drain(int max) {
        int n = 0;
        for (Fed f : feeds) {
            n += f.feed().drainTo(f.model(), Math.max(1, max - n));
        }
        return n;
    }

    /** True while the live clock moves (a live run, a replay playing): the now line moves each frame. */
    public boolean moving() {
        return clock != null && !held.get();
    }

    /** The live clock, ns since the run started; -1 when nothing is live. */
    public long nowNanos() {
        return clock == null ? -1 : clock.getAsLong();
    }

    /** Fits the whole run into view and follows it from now on. */
    public void fit() {
        following = true;
        applyFit();
        invalidate();
    }

    /**
     * While following the data: the range grown to what is there now (a live run grows). While the live clock
     * moves the range grows in steps of a quarter, not a little every frame: each change of range lays out and
     * paints every lane again, and that CPU is taken from the run being measured. It grows once the now line
     * reaches the range's end, not the 15 % before it that a fit leaves: a 1-second run shown on its 1.13 s
     * range, ending at 1.04 s, grew in its last 80 ms and repainted every lane in them.
     */
    public void follow() {
        if (!following) {
            return;
        }
        TimeRange r = extent();
        TimeRange cur = viewRange.get();
        if (r != null && moving() && minRangeNanos == 0) { // a replay (not measured) grows smoothly
            TimeRange needed = extent(1.0);
            if (cur.startNanos() == needed.startNanos() && cur.endNanos() >= needed.endNanos()) {
                return; // what is there now still fits
            }
            setRange(r.startNanos(), r.startNanos() + Math.round(r.spanNanos() * LIVE_GROWTH));
            return;
        }
        applyFit();
    }

    /** How much room a live run's range gets each time it outgrows the last. */
    static final double LIVE_GROWTH = 1.25;

    private void applyFit() {
        TimeRange r = extent();
        if (r != null) {
            setRange(r.startNanos(), r.endNanos());
        }
    }

    /**
     * The run's own extent: from its start to a little after its last span (or now, or the least range it
     * shows); what a fit shows, and what no zoom or pan goes beyond. Null when nothing is shown.
     */
    public TimeRange extent() {
        return extent(1.15);
    }

    /** The extent with {@code nowRoom} × now of room for the now line (1.15 for a fit). */
    private TimeRange extent(double nowRoom) {
        TimelineModel m = model.get();
        if (m == null) {
            return null;
        }
        long now = nowNanos();
        long min = m.spec() == null ? 1_000_000_000L : Math.round(m.spec().taskSeconds() * 1.1e9);
        long[] r = TimelineLayout.fitRange(m, Math.max(Math.max(min, minRangeNanos), Math.round(now * nowRoom)));
        return new TimeRange(r[0], r[1]);
    }

    /** {@code start}..{@code end} moved (and shrunk, if it is wider) to lie within the run's extent. */
    private void setClamped(long start, long end) {
        TimeRange e = extent();
        if (e != null) {
            long span = Math.min(end - start, e.spanNanos());
            start = Math.max(e.startNanos(), Math.min(start, e.endNanos() - span));
            end = start + span;
            following = span == e.spanNanos(); // all the way out: a live run's range grows with it again
        }
        setRange(start, end);
    }

    private void setRange(long start, long end) {
        TimeRange r = new TimeRange(start, end);
        if (!r.equals(viewRange.get())) {
            viewRange.set(r);
        }
    }

    /**
     * Zooms by {@code factor} (&gt; 1 = closer) keeping run time {@code at} where it is on screen, within the
     * run's extent: all the way out is the whole run, never an axis before its start or after its end.
     */
    public void zoomAround(long at, double factor) {
        TimeRange r = viewRange.get();
        long span = Math.max(100_000L, Math.round(r.spanNanos() / factor)); // ≥ 0.1 ms in view
        double f = (double) (at - r.startNanos()) / r.spanNanos();
        long start = at - Math.round(span * f);
        following = false;
        setClamped(start, start + span);
    }

    /** Moves the range by {@code dt} ns (&gt; 0 = later), stopping at either end of the run. */
    public void panBy(long dt) {
        TimeRange r = viewRange.get();
        following = false;
        setClamped(r.startNanos() + dt, r.endNanos() + dt);
    }
}

package dev.corelanes.app;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.Trace;
import dev.corelanes.view.LoadSeries;
import dev.corelanes.view.TimelineModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One run in the runs table: its spec, its live handle while it runs, its trace once it ended, and the
 * timeline model and load samples to draw it again.
 */
public final class RunRow {

    private final int number;
    private final ExperimentSpec spec;
    private final RunHandle handle;
    private final LoadSeries loads;
    private TimelineModel model;
    private final ReadOnlyObjectWrapper<Trace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "running");
    private final ReadOnlyObjectWrapper<RunFigures> figures = new ReadOnlyObjectWrapper<>(this, "figures");
    /** The run file it was opened from; null for a run measured in this session. */
    private java.nio.file.Path source;
    /** The wall time the class predicted before the run, in seconds; null when nobody was asked. */
    private Double prediction;

    RunRow(int number, ExperimentSpec spec, RunHandle handle, LoadSeries loads, TimelineModel model) {
        this.number = number;
        this.spec = spec;
        this.handle = handle;
        this.loads = loads;
        this.model = model;
    }

    /**
     * A run read from a run file: already finished, nothing to measure. {@code model} is its timeline,
     * built from the trace off the FX thread ({@link #modelOf}).
     */
    static RunRow opened(int number, Trace t, java.nio.file.Path file, TimelineModel model) {
        RunRow row = new RunRow(number, t.spec(), null, model.loads(), null);
        row.source = file;
        row.finish(t, model);
        row.status.set(t.status().id() + " · opened");
        return row;
    }

    /** The run file this run was opened from, or null when it was measured here. */
    public java.nio.file.Path source() {
        return source;
    }

    public Double prediction() {
        return prediction;
    }

    void setPrediction(Double seconds) {
        prediction = seconds;
    }

    public int number() {
        return number;
    }

    /** The run's spec; a traced program's, once it ended, counts its threads (none are known before). */
    public ExperimentSpec spec() {
        Trace t = trace.get();
        return t != null && spec.mode() == dev.corelanes.engine.ExecutionMode.TRACED ? t.spec() : spec;
    }

    /** "4 compute tasks × 1 s · threads", "traced program · 5 threads"; "traced program · running" before it ends. */
    public String describe() {
        return trace.get() == null && spec.mode() == dev.corelanes.engine.ExecutionMode.TRACED
                ? "traced program · running" : spec().describe();
    }

    public RunHandle handle() {
        return handle;
    }

    public LoadSeries loads() {
        return loads;
    }

    /** The timeline model of this run (live while running, rebuilt from the trace at the end). */
    public TimelineModel model() {
        return model;
    }

    /** The trace, null while the run goes on. */
    public ReadOnlyObjectProperty<Trace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    public Trace trace() {
        return trace.get();
    }

    /** "running", then the trace's status. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The run's figures against its current baseline; null while it runs. */
    public ReadOnlyObjectProperty<RunFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public RunFigures figures() {
        return figures.get();
    }

    /**
     * The timeline model of a finished run, rebuilt from its trace. A long run holds millions of spans:
     * call this off the FX thread, then {@link #finish} on it.
     */
    static TimelineModel modelOf(Trace t, LoadSeries loads) {
        return TimelineModel.of(t, loads == null ? new LoadSeries() : loads);
    }

    /** The run ended: its trace, and the model rebuilt from it by {@link #modelOf}. */
    void finish(Trace t, TimelineModel rebuilt) {
        model = rebuilt;
        trace.set(t);
        status.set(t.status().id());
    }

    /** The run has ended and its timeline is being rebuilt from the trace (shown in the runs table). */
    void finishing() {
        status.set("finishing…");
    }

    void setFigures(RunFigures f) {
        figures.set(f);
    }
}

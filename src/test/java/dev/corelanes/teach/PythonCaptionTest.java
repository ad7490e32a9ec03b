package dev.corelanes.teach;

import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.RunRuntime;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real CPython run's caption names its interpreter's GIL. */
class PythonCaptionTest {

    @Test
    void realGilWaitsAreExplainedWithTheInterpreterNamed() {
        Trace base = Traces.compute(ExecutionMode.THREADS, 2);
        List<Span> spans = new ArrayList<>(base.spans());
        spans.add(new Span(2, "T2", Span.NO_CORE, SpanState.GIL_WAIT, 0, 5_000_000));
        Trace t = new Trace(base.spec(), base.machine(), base.calibration(), base.startedAt(), base.wallNanos(),
                base.cpuNanos(), base.status(), base.message(), base.tasks(), base.workers(), spans, 0,
                new RunRuntime("python", "/usr/bin/python3", "3.11.2", "enabled", ""));
        RunExplanation e = RunExplanation.of(t, Double.NaN);
        assertTrue(e.patterns().contains(RunExplanation.GIL + " of CPython 3.11.2 (GIL): one thread computed at a "
                + "time (1 wait, measured inside the interpreter)."), e.patterns().toString());
        assertEquals(1, RunFigures.of(t).usableCores());
    }
}

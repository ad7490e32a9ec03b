package dev.corelanes.engine;

import dev.corelanes.engine.platform.CoreProbe;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What a task needs from whoever runs it, in a thread of this JVM or in a child worker process alike.
 *
 * @param clock     nanoseconds on the run's timeline (0 = the run started)
 * @param gil       the interpreter lock to hold while computing, or null when the GIL is off
 * @param cancelled true once the run has been cancelled; tasks stop at their next check (~1 ms)
 */
public record TaskEnvironment(Calibration calibration, CoreProbe probe, PythonGil gil, SpanSink sink,
                              LongSupplier clock, BooleanSupplier cancelled) {
}

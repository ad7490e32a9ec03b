package dev.corelanes.runners;

import java.util.List;

import dev.corelanes.engine.Backends;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;
import dev.corelanes.engine.process.ProcessBackend;
import dev.corelanes.engine.python.PythonBackend;
import dev.corelanes.engine.python.PythonChoice;

/**
 * The entry points the CLI, the app and the benchmarks start runs through. This is the one place that
 * knows every runtime: threads of this JVM, child JVMs, and the student's Python. The engine itself only
 * receives a {@link Backends}, so it never depends on the runtime packages that depend on it.
 */
public final class Runs {

    /** Java: threads of this JVM, or child JVMs for the process modes. */
    public static final Backends JAVA = spec -> spec.mode().processBased() ? new ProcessBackend() : Backends.threads(spec.mode());

    private Runs() {
    }

    /** The backends for the given Python runtime ({@code python} null = Java). */
    public static Backends backends(PythonChoice python) {
        return python == null ? JAVA : spec -> new PythonBackend(python);
    }

    /** Starts a Java run; listeners hear spans as they are recorded. */
    public static RunHandle start(ExperimentSpec spec, MachineInfo machine, TraceListener... listeners) {
        return Experiment.start(spec, machine, JAVA, listeners);
    }

    /**
     * Starts the run in the given Python interpreter ({@code python} null = Java). A Python run fails with
     * the cause in one line when the interpreter cannot run it; it never falls back to Java silently.
     */
    public static RunHandle start(ExperimentSpec spec, PythonChoice python, MachineInfo machine,
                                  TraceListener... listeners) {
        return Experiment.start(spec, machine, backends(python), listeners);
    }

    /**
     * As {@link #start(ExperimentSpec, PythonChoice, MachineInfo, TraceListener...)}, its baseline chosen when it
     * ends from {@code earlier}, the runs made before it (the window's table, a lesson's earlier steps).
     */
    public static RunHandle start(ExperimentSpec spec, PythonChoice python, MachineInfo machine, List<Trace> earlier,
                                  TraceListener... listeners) {
        return Experiment.start(spec, machine, backends(python), earlier, listeners);
    }

    /**
     * As {@link #start(ExperimentSpec, PythonChoice, MachineInfo, List, TraceListener...)}, drawn live by
     * {@code window} (see {@link Experiment#start(ExperimentSpec, MachineInfo, dev.corelanes.engine.Backends, List,
     * dev.corelanes.engine.RunWindow, TraceListener...)}).
     */
    public static RunHandle start(ExperimentSpec spec, PythonChoice python, MachineInfo machine, List<Trace> earlier,
                                  dev.corelanes.engine.RunWindow window, TraceListener... listeners) {
        return Experiment.start(spec, machine, backends(python), earlier, window, listeners);
    }

    /** Runs a Java run to the end on the calling thread. */
    public static Trace run(ExperimentSpec spec, MachineInfo machine, TraceListener... listeners)
            throws InterruptedException {
        return start(spec, machine, listeners).await();
    }
}

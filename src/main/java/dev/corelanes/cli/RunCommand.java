package dev.corelanes.cli;

import dev.corelanes.engine.AtomicFiles;
import dev.corelanes.engine.CoreUsage;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.RunFile;
import dev.corelanes.engine.RunFileException;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceEvents;
import dev.corelanes.engine.python.PythonChoice;
import dev.corelanes.engine.python.PythonInterpreter;
import dev.corelanes.engine.python.PythonInterpreters;
import dev.corelanes.engine.python.PythonScript;
import dev.corelanes.engine.python.PythonUnavailable;
import dev.corelanes.hardware.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code corelanes run}: run one experiment, print a summary, optionally save the run file. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run an experiment and print where the time went.",
        sortOptions = false)
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", required = true, paramLabel = "MODE",
            description = "sequential, threads, virtual, pool, processes or process-pool.")
    String mode;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "sleep or compute.")
    String kind;

    @Option(names = "--tasks", defaultValue = "2", paramLabel = "N", description = "Number of tasks (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S",
            description = "Seconds of work per task, 0.05–30 (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--workers", paramLabel = "W",
            description = "Pool size for pool; with processes, a pool of W worker processes.")
    Integer workers;

    @Option(names = "--gil", description = "Emulate CPython's GIL: one lock per process, switched every 5 ms.")
    boolean gil;

    @Option(names = "--runtime", defaultValue = "java", paramLabel = "RUNTIME",
            description = "java (default), or python to run the same experiment in a real Python interpreter: "
                    + "python3 on the PATH, or python=PATH for another one (3.8 or newer).")
    String runtime;

    @Option(names = "--start-method", paramLabel = "METHOD",
            description = "With --runtime python and processes: multiprocessing's start method, fork, spawn or "
                    + "forkserver (default: the OS's).")
    String startMethod;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the run file (JSON) here.")
    Path json;

    @Option(names = "--trace-event", paramLabel = "FILE",
            description = "Write Chrome trace-event JSON here (opens in Perfetto or chrome://tracing).")
    Path traceEvent;

    @picocli.CommandLine.Mixin
    SlideOutputs images = new SlideOutputs();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentSpec experiment = experiment();
        for (Path p : new Path[]{json, traceEvent}) {
            String problem = p == null ? null : AtomicFiles.problemWriting(p);
            if (problem != null) {
                throw new UserError("cannot write " + p + ": " + problem + ".");
            }
        }
        images.check();
        PythonChoice python = python(experiment);
        RunHandle handle = Experiment.start(experiment, python, Hardware.detect().machine());
        PrintWriter err = spec.commandLine().getErr();
        Thread onCtrlC = new Thread(() -> cancelAndWait(handle, err), "corelanes-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        Trace trace;
        try {
            trace = handle.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and cleans up
            }
        }
        print(out, trace);
        try {
            if (json != null) {
                RunFile.write(trace, json);
                out.println("Run file   " + json);
            }
            if (traceEvent != null) {
                TraceEvents.write(trace, traceEvent);
                out.println("Trace      " + traceEvent + " (trace-event JSON)");
            }
            images.write(java.util.List.of(trace), out);
        } catch (RunFileException e) {
            throw new UserError(e.getMessage());
        }
        return trace.status() == TaskStatus.COMPLETED ? Cli.OK
                : trace.status() == TaskStatus.CANCELLED ? Cli.INTERRUPTED : Cli.RUN_FAILED;
    }

    private static void cancelAndWait(RunHandle handle, PrintWriter err) {
        handle.cancel();
        try {
            Trace t = handle.await(2, TimeUnit.SECONDS);
            err.printf(Locale.ROOT, "corelanes: interrupted — run %s after %.3f s%n", t.status().id(), t.wallSeconds());
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            // exiting anyway; child processes also exit on their own when our pipes close
        }
    }

    /** The Python runtime asked for, checked; null for Java. */
    PythonChoice python(ExperimentSpec experiment) {
        String r = runtime == null ? "java" : runtime.strip();
        boolean isPython = r.equals("python") || r.startsWith("python=");
        if (!isPython && !r.equals("java")) {
            throw new UserError("unknown runtime '" + runtime + "': use java, python or python=PATH.");
        }
        if (!isPython) {
            if (startMethod != null) {
                throw new UserError("--start-method applies to --runtime python only (Java starts its processes "
                        + "one way).");
            }
            return null;
        }
        if (gil) {
            throw new UserError("--gil emulates the GIL in Java; with --runtime python the interpreter's real GIL "
                    + "applies. Drop --gil.");
        }
        if (startMethod != null && !experiment.mode().processBased()) {
            throw new UserError("--start-method applies to modes processes and process-pool, not "
                    + experiment.mode().id() + ".");
        }
        try {
            PythonScript.check(experiment);
            PythonInterpreter interpreter = PythonInterpreters.find(r.startsWith("python=") ? r.substring(7) : null);
            return new PythonChoice(interpreter, startMethod);
        } catch (PythonUnavailable | SpecException e) {
            throw new UserError(e.getMessage());
        }
    }

    ExperimentSpec experiment() {
        try {
            ExecutionMode m = ExecutionMode.parse(mode);
            TaskKind k = TaskKind.parse(kind);
            if (workers != null && !m.pooled()) {
                if (m == ExecutionMode.PROCESSES) {
                    m = ExecutionMode.PROCESS_POOL;
                } else {
                    throw new UserError("--workers applies to modes pool and processes, not " + m.id()
                            + " (which runs " + (m == ExecutionMode.SEQUENTIAL ? "one worker" : "one worker per task")
                            + ").");
                }
            }
            if (m.pooled() && workers == null) {
                throw new UserError("mode " + m.id() + " needs --workers W (the pool size).");
            }
            return new ExperimentSpec(m, k, tasks, seconds, workers == null ? 1 : workers, gil);
        } catch (SpecException e) {
            throw new UserError(e.getMessage());
        }
    }

    static void print(PrintWriter out, Trace t) {
        out.println("Experiment " + t.spec().describe());
        out.println("Machine    " + t.machine().oneLine());
        if (t.runtime().python()) {
            out.println("Runtime    " + t.runtime().label() + " · " + t.runtime().interpreter());
        }
        out.printf(Locale.ROOT, "Status     %s%s%n", t.status().id(), t.message().isEmpty() ? "" : " — " + t.message());
        out.printf(Locale.ROOT, "Wall       %.3f s%n", t.wallSeconds());
        out.printf(Locale.ROOT, "CPU        %.3f s%n", t.cpuSeconds());
        out.printf(Locale.ROOT, "Ideal      %.3f s  (%s ÷ %d usable %s)%n", t.idealSeconds(),
                t.spec().kind() == TaskKind.SLEEP ? "waits of " + fmt(t.spec().taskSeconds()) + " s"
                        : fmt(t.spec().totalWorkSeconds()) + " s of work",
                t.usableCores(), t.spec().kind() == TaskKind.SLEEP ? "waiters" : "cores");
        if (t.spec().kind() == TaskKind.COMPUTE) {
            out.printf(Locale.ROOT, "Calibration %,d steps/s (measured in %.0f ms)%n", t.calibration().stepsPerSecond(),
                    t.calibration().measuredMillis());
            var usage = CoreUsage.of(t);
            if (usage.isEmpty()) {
                out.println("Per core   core unknown on this OS (" + dev.corelanes.engine.CoreProbe.detect().description() + ")");
            }
            usage.values().forEach(u -> out.printf(Locale.ROOT, "CPU %-6d %.3f s running, %d %s%n", u.core(),
                    u.runningNanos() / 1e9, u.tasks().size(), u.tasks().size() == 1 ? "task" : "tasks"));
            long preempted = t.spans().stream().filter(s -> s.state() == SpanState.PREEMPTED).count();
            long gilWaits = t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT).count();
            out.printf(Locale.ROOT, "Spans      %d (%d preempted, %d GIL waits)%n", t.spans().size(), preempted, gilWaits);
        } else {
            out.printf(Locale.ROOT, "Spans      %d%n", t.spans().size());
        }
        if (t.droppedSpans() > 0) {
            out.println("Dropped    " + t.droppedSpans() + " spans (memory bound reached)");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

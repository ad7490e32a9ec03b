package dev.corelanes.cli;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.runners.Runs;
import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.CoreUsage;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.ProcessMemory;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.process.ProcessBackend;
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
import java.util.concurrent.CountDownLatch;
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
                    + "the first one found (python3 on the PATH first, then where installers put Python), or python=PATH "
                    + "for another one (3.8 or newer).")
    String runtime;

    @Option(names = "--start-method", paramLabel = "METHOD",
            description = "With --runtime python and processes: multiprocessing's start method, fork, spawn or "
                    + "forkserver (default: the OS's).")
    String startMethod;

    @picocli.CommandLine.Mixin
    RunFileOutputs files = new RunFileOutputs();

    @picocli.CommandLine.Mixin
    CoreOptions cores = new CoreOptions();

    @picocli.CommandLine.Mixin
    SlideOutputs images = new SlideOutputs();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentSpec experiment = experiment();
        images.check();
        OutputFiles outputs = new OutputFiles();
        files.addTo(outputs);
        images.addTo(outputs);
        outputs.check(java.util.List.of());
        cores.limit(); // a bad --cores/--cpus is refused before the hardware is read
        PythonChoice python = python(experiment);
        RunHandle handle = Runs.start(experiment, python, cores.apply(Hardware.detect().machine()));
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch outputsWritten = new CountDownLatch(1);
        boolean writes = files.any() || images.any();
        Thread main = Thread.currentThread();
        // Ctrl-C or SIGTERM: the first cancels the run, which then writes what it measured in its own time; a second
        // one abandons the writes, leaving no temporary file.
        Interrupts interrupts = Interrupts.install(handle::cancel, () -> {
            AtomicFiles.abandon();
            err.println("corelanes: interrupted again — stopped before every output was written; no temporary file "
                    + "is left");
            err.flush();
        });
        // Where signals cannot be taken over, the JVM's shutdown runs this hook instead (as before).
        Thread onCtrlC = interrupts.installed() ? null
                : new Thread(() -> cancelAndWait(handle, outputsWritten, writes, err), "corelanes-ctrl-c");
        if (onCtrlC != null) {
            Runtime.getRuntime().addShutdownHook(onCtrlC);
        }
        Trace trace;
        int notWritten;
        try {
            trace = handle.await();
            // The run is over: what it measured is printed and written whatever comes now.
            interrupts.onStop(() -> { });
            print(out, trace, python);
            notWritten = writeOutputs(trace, out, err);
            if (interrupts.interrupted() && trace.status() == TaskStatus.CANCELLED) {
                err.printf(Locale.ROOT, "corelanes: interrupted (%s) — run %s after %.3f s%n", interrupts.signalName(),
                        trace.status().id(), trace.wallSeconds());
            }
            if (experiment.mode().processBased() && !dev.corelanes.engine.child.Children.shuttingDown()) {
                // Nothing outlives the CLI: a start-up cache being built after the run is waited for (once, ~1 s);
                // Ctrl-C stops the wait (the builder is killed as the program exits), not the run's result.
                interrupts.onStop(main::interrupt);
                ProcessBackend.awaitStartupCache(CACHE_BUILD_WAIT_MILLIS);
                interrupts.onStop(() -> { });
                Thread.interrupted();
            }
        } finally {
            outputsWritten.countDown();
            interrupts.close();
            if (onCtrlC != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C without signal handling: the hook is running and ends the program
                }
            }
        }
        return switch (trace.status()) {
            // A completed run exits 0 whatever happens after it, unless one of its outputs could not be written.
            case COMPLETED -> notWritten == 0 ? Cli.OK : Cli.RUN_FAILED;
            case CANCELLED -> Cli.INTERRUPTED;
            default -> Cli.RUN_FAILED;
        };
    }

    /** Ctrl-C must stop the run and end the program within a second, whatever the run was doing... */
    static final long CTRL_C_BUDGET_MILLIS = 900;
    /** ...plus, when files were asked for, the time to write them (bounded: a stuck disk must not hang Ctrl-C). */
    static final long CTRL_C_FILES_MILLIS = 10_000;
    private static final long CACHE_BUILD_WAIT_MILLIS = 60_000;

    /**
     * Writes each output asked for on its own: one that cannot be written is named in one line with the cause
     * and the others are still written. Returns how many were not written.
     */
    private int writeOutputs(Trace trace, PrintWriter out, PrintWriter err) {
        if (images.any()) {
            // ImageIO's file cache registers a shutdown hook on first use, which fails ("Shutdown in
            // progress") when the image is written after Ctrl-C; a slide needs no disk cache anyway.
            javax.imageio.ImageIO.setUseCache(false);
        }
        java.util.List<OutputFiles.Output> outputs = new java.util.ArrayList<>();
        outputs.addAll(files.outputs(trace));
        outputs.addAll(images.outputs(java.util.List.of(trace)));
        return OutputFiles.writeEach(outputs, out, err);
    }

    /**
     * The shutdown hook where signals cannot be taken over: cancels the run (nothing more is launched), waits —
     * within the budget — for it to stop, then for the main thread to print the summary and write the files
     * asked for with what was measured.
     */
    private static void cancelAndWait(RunHandle handle, CountDownLatch outputsWritten, boolean files, PrintWriter err) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CTRL_C_BUDGET_MILLIS);
        handle.cancel();
        try {
            Trace t = handle.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long filesDeadline = files ? deadline + TimeUnit.MILLISECONDS.toNanos(CTRL_C_FILES_MILLIS) : deadline;
            boolean written = outputsWritten.await(Math.max(1, filesDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            err.printf(Locale.ROOT, "corelanes: interrupted — run %s after %s%s%n", t.status().id(),
                    FigureText.seconds(t.wallSeconds()),
                    written || !files ? "" : "; the files asked for could not be written in time");
        } catch (TimeoutException e) {
            err.println("corelanes: interrupted — the run did not stop within " + CTRL_C_BUDGET_MILLIS
                    + " ms; nothing was written");
        } catch (InterruptedException | RuntimeException e) {
            // exiting anyway; child processes are killed by their own hook
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
            if (!m.runnable()) {
                throw new UserError("mode " + m.id() + " is what corelanes trace records; run a program with "
                        + "corelanes trace -- CMD [ARGS...].");
            }
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
            return new ExperimentSpec(m, k, tasks, seconds, workers == null ? 1 : workers, gil).requireRunnable();
        } catch (SpecException e) {
            throw new UserError(e.getMessage());
        }
    }

    static void print(PrintWriter out, Trace t) {
        print(out, t, null);
    }

    /** The summary; {@code python} (null for Java) says why a Python run's cores are unknown. */
    static void print(PrintWriter out, Trace t, PythonChoice python) {
        out.println("Experiment " + t.spec().describe());
        out.println("Machine    " + t.machine().hardwareLine());
        if (t.runtime().python()) {
            out.println("Runtime    " + t.runtime().label() + " · " + t.runtime().interpreter());
        }
        // The cores the run could use, in the words of the window, the slides and the exports.
        out.println("Cores      " + FigureText.cores(t.machine()) + (t.machine().pinnedCpus().isEmpty()
                ? "" : ": the run's threads and processes ran only there"));
        out.printf(Locale.ROOT, "Status     %s%s%n", t.status().id(), t.message().isEmpty() ? "" : " — " + t.message());
        RunFigures f = RunFigures.of(t);
        out.println("Wall       " + FigureText.seconds(f.wallSeconds()));
        out.println("CPU        " + FigureText.seconds(f.cpuSeconds()) + " = " + FigureText.cpuSplit(f)
                + (f.cpuSplit().runtimeKnown() ? "  (runtime: " + FigureText.RUNTIME_WORK + ")" : ""));
        String perTask = cpuDetail(t);
        if (!perTask.isEmpty()) {
            out.println("           " + perTask.strip());
        }
        out.println("Ideal      " + FigureText.seconds(f.idealSeconds()) + "  ("
                + (t.spec().kind() == TaskKind.SLEEP ? "waits of " + fmt(t.spec().taskSeconds()) + " s"
                        : fmt(t.spec().totalWorkSeconds()) + " s of work") + ", " + FigureText.atATime(f) + ")");
        out.println("Speedup    " + FigureText.speedup(f));
        if (f.hasSpeedup()) {
            out.println("Baseline   " + FigureText.baseline(f));
        }
        out.println("Efficiency " + FigureText.efficiency(f)
                + (f.hasEfficiency() ? " (ideal ÷ wall)" : ""));
        if (f.drift().detected()) {
            out.println("Drift      " + FigureText.drift(f));
        }
        if (t.conditions().loadKnown()) {
            out.println("Load       other programs used " + FigureText.percent(t.conditions().otherLoad())
                    + " of the CPUs during the run");
        }
        if (t.spec().kind() == TaskKind.COMPUTE) {
            out.printf(Locale.ROOT, "Calibration %,d steps/s (measured in %.0f ms)%s%n", t.calibration().stepsPerSecond(),
                    t.calibration().measuredMillis(), t.conditions().rateChecked()
                            ? String.format(Locale.ROOT, "; %,d steps/s after the run", t.conditions().stepsPerSecondAfter())
                            : "");
            var usage = CoreUsage.of(t);
            if (usage.isEmpty()) {
                out.println("Per core   " + unknownCores(python));
            }
            usage.values().forEach(u -> out.printf(Locale.ROOT, "CPU %-6d %s running, %d %s%n", u.core(),
                    FigureText.nanos(u.runningNanos()), u.tasks().size(), u.tasks().size() == 1 ? "task" : "tasks"));
            long preempted = t.spans().stream().filter(s -> s.state() == SpanState.PREEMPTED).count();
            long gilWaits = t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT).count();
            out.printf(Locale.ROOT, "Spans      %d (%d preempted, %d GIL waits)%n", t.spans().size(), preempted, gilWaits);
        } else {
            out.printf(Locale.ROOT, "Spans      %d%n", t.spans().size());
        }
        String memory = ProcessMemory.of(t).describe(t.status());
        if (!memory.isEmpty()) {
            out.println("Memory     " + memory);
        }
        if (t.droppedSpans() > 0) {
            out.println("Dropped    " + t.droppedSpans() + " spans (memory bound reached)");
        }
    }

    /** Why no task's CPU is known: the interpreter's own reason for a Python run, this JVM's probe otherwise. */
    private static String unknownCores(PythonChoice python) {
        if (python == null) {
            return "core unknown on this OS (" + dev.corelanes.engine.platform.host.Host.coreProbe().description() + ")";
        }
        String status = python.interpreter().coreStatus();
        return status.startsWith("core unknown") ? status
                : "core unknown: " + python.interpreter().name() + " reported no CPU for its tasks";
    }

    /** "  (tasks 0.998 s–1.01 s each, asked 1 s)" for compute tasks whose own CPU time is known. */
    private static String cpuDetail(Trace t) {
        if (t.spec().kind() != TaskKind.COMPUTE) {
            return "";
        }
        var known = t.tasks().stream().filter(r -> r.status() == TaskStatus.COMPLETED && r.cpuKnown())
                .mapToLong(TaskRecord::cpuNanos).summaryStatistics();
        if (known.getCount() == 0) {
            return "";
        }
        String least = FigureText.nanos(known.getMin());
        String most = FigureText.nanos(known.getMax());
        return "  (tasks " + (least.equals(most) ? least : least + "–" + most) + " each, asked "
                + fmt(t.spec().taskSeconds()) + " s)";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

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
import dev.corelanes.engine.process.ProcessBackend;
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
        RunHandle handle = Experiment.start(experiment, Hardware.detect().machine());
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch outputsWritten = new CountDownLatch(1);
        boolean files = json != null || traceEvent != null || images.any();
        Thread onCtrlC = new Thread(() -> cancelAndWait(handle, outputsWritten, files, err), "corelanes-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        Trace trace;
        try {
            trace = handle.await();
            print(out, trace);
            // A cancelled run (Ctrl-C) writes what it measured, like any other.
            writeOutputs(trace, out);
        } finally {
            outputsWritten.countDown();
        }
        boolean exiting = false;
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
            exiting = true; // Ctrl-C: the hook is running and ends the program
        }
        if (!exiting && experiment.mode().processBased()) {
            // Nothing outlives the CLI: a start-up cache being built after the run is waited for (once, ~1 s).
            ProcessBackend.awaitStartupCache(CACHE_BUILD_WAIT_MILLIS);
        }
        return trace.status() == TaskStatus.COMPLETED ? Cli.OK
                : trace.status() == TaskStatus.CANCELLED ? Cli.INTERRUPTED : Cli.RUN_FAILED;
    }

    /** Ctrl-C must stop the run and end the program within a second, whatever the run was doing... */
    static final long CTRL_C_BUDGET_MILLIS = 900;
    /** ...plus, when files were asked for, the time to write them (bounded: a stuck disk must not hang Ctrl-C). */
    static final long CTRL_C_FILES_MILLIS = 10_000;
    private static final long CACHE_BUILD_WAIT_MILLIS = 60_000;

    private void writeOutputs(Trace trace, PrintWriter out) {
        try {
            if (json != null) {
                RunFile.write(trace, json);
                out.println("Run file   " + json);
            }
            if (traceEvent != null) {
                TraceEvents.write(trace, traceEvent);
                out.println("Trace      " + traceEvent + " (trace-event JSON)");
            }
            if (images.any()) {
                // ImageIO's file cache registers a shutdown hook on first use, which fails ("Shutdown in
                // progress") when the image is written after Ctrl-C; a slide needs no disk cache anyway.
                javax.imageio.ImageIO.setUseCache(false);
            }
            images.write(java.util.List.of(trace), out);
        } catch (RunFileException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The Ctrl-C hook: cancels the run (nothing more is launched), waits — within the budget — for it to
     * stop, then for the main thread to print the summary and write the files asked for with what was
     * measured.
     */
    private static void cancelAndWait(RunHandle handle, CountDownLatch outputsWritten, boolean files, PrintWriter err) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CTRL_C_BUDGET_MILLIS);
        handle.cancel();
        try {
            Trace t = handle.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long filesDeadline = files ? deadline + TimeUnit.MILLISECONDS.toNanos(CTRL_C_FILES_MILLIS) : deadline;
            boolean written = outputsWritten.await(Math.max(1, filesDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            err.printf(Locale.ROOT, "corelanes: interrupted — run %s after %.3f s%s%n", t.status().id(), t.wallSeconds(),
                    written || !files ? "" : "; the files asked for could not be written in time");
        } catch (TimeoutException e) {
            err.println("corelanes: interrupted — the run did not stop within " + CTRL_C_BUDGET_MILLIS
                    + " ms; nothing was written");
        } catch (InterruptedException | RuntimeException e) {
            // exiting anyway; child processes are killed by their own hook
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

package dev.corelanes.cli;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.StateTotals;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.trace.ProcessSeen;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.engine.trace.Sampling;
import dev.corelanes.engine.trace.TraceException;
import dev.corelanes.engine.trace.TreeSampler;
import dev.corelanes.hardware.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code corelanes trace -- CMD [ARGS...]}: runs any program (or attaches to one with {@code --pid}) and draws every
 * thread of its process tree on the per-core lanes, from what Linux tells any user about its threads; on macOS and
 * Windows, which do not tell the CPU of another process's thread, one lane per thread drawn by its states. The run
 * is a run like any other: the same run file, slides and trace events. The exit code is the program's.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a program (or attach to one) and show every thread of its process tree on the per-core "
                + "lanes: on which CPU it ran, when it waited for one, when it slept.",
                "Linux shows the CPUs; macOS and Windows do not tell which CPU another process's thread ran on, so "
                        + "there each thread is drawn by its states (running, waiting, sleeping). The exit code is "
                        + "the program's."},
        footer = {"", "Examples:", "  corelanes trace --png lanes.png -- python3 my_threads.py",
                "  corelanes trace --json run.json -- sh -c 'yes >/dev/null & yes >/dev/null & sleep 1; kill %1 %2'",
                "  corelanes trace --pid 4242 --json run.json   (Ctrl+C ends the tracing, not the process)"})
final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pid", paramLabel = "PID",
            description = "Attach to this running process instead of running a command (it keeps running after).")
    Long pid;

    @picocli.CommandLine.Mixin
    RunFileOutputs files = new RunFileOutputs();

    @picocli.CommandLine.Mixin
    SlideOutputs images = new SlideOutputs();

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (pid != null && !command.isEmpty()) {
            throw new UserError("give either --pid PID or a command after --, not both.");
        }
        if (pid == null && command.isEmpty()) {
            throw new UserError("no command to trace: give one after --, e.g. corelanes trace -- python3 my.py");
        }
        images.check();
        OutputFiles outputs = new OutputFiles();
        files.addTo(outputs);
        images.addTo(outputs);
        outputs.check(List.of());
        var machine = Hardware.detect().machine();
        // Signals are taken over before the program starts: a Ctrl+C in its first moments must still stop it and
        // write what was measured (before, the JVM's default handling exited without a word).
        java.util.concurrent.atomic.AtomicReference<ProgramTrace> running = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stopAsked = new java.util.concurrent.atomic.AtomicBoolean();
        Interrupts interrupts = Interrupts.install(() -> {
            stopAsked.set(true);
            ProgramTrace t = running.get();
            if (t != null) {
                t.cancel();
            }
        }, () -> {
            AtomicFiles.abandon();
            err.println("corelanes: interrupted again — stopped before every output was written; no temporary file "
                    + "is left");
            err.flush();
        });
        ProgramTrace tracing;
        ProgramTrace.Result result;
        int notWritten;
        try {
            try {
                tracing = pid != null ? ProgramTrace.attach(pid) : ProgramTrace.run(command);
            } catch (TraceException e) {
                throw new UserError(e.getMessage());
            }
            running.set(tracing);
            if (stopAsked.get()) {
                tracing.cancel(); // Ctrl+C came while it was starting
            }
            result = tracing.await(machine);
            interrupts.onStop(() -> { });
            print(out, result);
            if (tracing.releasedNanos() >= 0 && !result.sampling().sweeps().isEmpty()) {
                out.println("Start      held stopped until the sampler's first sweep (at "
                        + FigureText.seconds(result.sampling().sweeps().get(0) / 1e9) + "), then let go (at "
                        + FigureText.seconds(tracing.releasedNanos() / 1e9) + "): seen before it ran any code");
            }
            notWritten = writeOutputs(result.trace(), out, err);
        } finally {
            interrupts.close();
        }
        if (result.cancelled()) {
            err.printf(Locale.ROOT, "corelanes: interrupted — %s after %s%n", tracing.attached()
                    ? "tracing stopped (process " + tracing.pid() + " keeps running)" : "the program was killed",
                    FigureText.seconds(result.trace().wallSeconds()));
            return Cli.INTERRUPTED;
        }
        if (notWritten > 0) {
            return result.exitCode() > 0 ? result.exitCode() : Cli.RUN_FAILED;
        }
        return Math.max(0, result.exitCode());
    }

    private int writeOutputs(Trace trace, PrintWriter out, PrintWriter err) {
        if (images.any()) {
            javax.imageio.ImageIO.setUseCache(false);
        }
        List<OutputFiles.Output> outputs = new ArrayList<>();
        outputs.addAll(files.outputs(trace));
        outputs.addAll(images.outputs(List.of(trace)));
        return OutputFiles.writeEach(outputs, out, err);
    }

    /** The summary: the program, its processes and threads, where their time went, and what sampling cost. */
    static void print(PrintWriter out, ProgramTrace.Result r) {
        Trace t = r.trace();
        Sampling s = r.sampling();
        out.println("Traced     " + t.runtime().interpreter());
        if (!r.note().isEmpty()) {
            out.println("Per core   " + r.note());
        }
        out.println("Machine    " + t.machine().hardwareLine());
        out.printf(Locale.ROOT, "Status     %s%s%n", t.status().id(), t.message().isEmpty() ? "" : " — " + t.message());
        out.println("Wall       " + FigureText.seconds(t.wallSeconds()));
        out.println("CPU        " + FigureText.seconds(t.cpuSeconds()) + " on the CPUs, all threads together ("
                + (r.note().isEmpty() ? "kernel's schedstat" : "the OS's user + kernel time per thread") + ")");
        Map<Long, List<WorkerInfo>> byProcess = t.workers().stream()
                .collect(Collectors.groupingBy(WorkerInfo::pid, java.util.LinkedHashMap::new, Collectors.toList()));
        Map<Integer, ProcessSeen> seen = s.processes().stream()
                .collect(Collectors.toMap(ProcessSeen::pid, p -> p, (a, b) -> a));
        out.println("Processes  " + s.processes().size() + ", threads " + t.workers().size());
        for (var e : byProcess.entrySet()) {
            ProcessSeen p = seen.get(e.getKey().intValue());
            String life = p == null ? "" : "seen " + FigureText.seconds(p.firstNanos() / 1e9) + " – "
                    + (p.exited() ? "exited by " + FigureText.seconds(p.goneNanos() / 1e9)
                    : "running at " + FigureText.seconds(p.lastNanos() / 1e9));
            out.printf(Locale.ROOT, "  pid %-7d %s%s%n", e.getKey(), p == null ? "" : p.comm() + "  ", life);
            for (WorkerInfo w : e.getValue()) {
                TaskRecord task = t.tasks().stream().filter(x -> x.worker().equals(w.name())).findFirst().orElse(null);
                long running = StateTotals.nanos(t, w.name(), SpanState.RUNNING);
                long waiting = StateTotals.nanos(t, w.name(), SpanState.PREEMPTED);
                long sleeping = StateTotals.nanos(t, w.name(), SpanState.SLEEPING);
                out.printf(Locale.ROOT, "    tid %-7d %-22s on CPU %s · waiting for a CPU %s · sleeping %s%n", w.tid(),
                        w.name(), FigureText.seconds((task == null ? running : task.cpuNanos()) / 1e9),
                        FigureText.seconds(waiting / 1e9), FigureText.seconds(sleeping / 1e9));
            }
        }
        long uncertain = StateTotals.nanos(t, SpanState.UNCERTAIN);
        if (uncertain > 0) {
            out.println("Uncertain  " + FigureText.seconds(uncertain / 1e9) + " of CPU time where two threads shared a "
                    + "CPU between two samples and the samples cannot tell which ran when");
        }
        out.printf(Locale.ROOT, "Sampler    every %s on average (aimed at %s), %d sweeps; its own CPU %s = %.1f %% of "
                        + "one core (budget %.0f %%)%n", FigureText.seconds(s.periodNanos() / 1e9),
                FigureText.seconds(s.aimedPeriodNanos() / 1e9), s.sweeps().size(),
                FigureText.seconds(s.ownCpuNanos() / 1e9), s.cpuShare() * 100, TreeSampler.TARGET_SHARE * 100);
        if (!r.placedBy().isEmpty()) { // exact or sampled: never left for the reader to guess
            out.println("Lanes      placed by " + r.placedBy() + (r.placedBy().startsWith("kernel")
                    ? "; the sampler names the threads and says what each sleep waits for" : ""));
        }
        if (r.exitCode() >= 0) {
            out.println("Exit       " + r.exitCode());
        }
    }
}

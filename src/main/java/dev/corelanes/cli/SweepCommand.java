package dev.corelanes.cli;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.sweep.ScalingSweep;
import dev.corelanes.engine.sweep.SweepPoint;
import dev.corelanes.engine.sweep.SweepResult;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.view.ScalingFiles;
import dev.corelanes.view.SlideFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** {@code corelanes sweep}: one workload on 1 … N cores (or workers), speedup and an Amdahl fit. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run one workload on 1, 2, … N cores (or with 1 … N pool workers) and fit Amdahl's law "
                + "to the measured speedups.")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--by", defaultValue = "cores", paramLabel = "WHAT",
            description = "cores (each run pinned to n CPUs; Linux and Windows) or workers (pool size n). Default ${DEFAULT-VALUE}.")
    String by;

    @Option(names = "--max", paramLabel = "N", description = "Largest n (default: the CPUs this process may use).")
    Integer max;

    @Option(names = "--mode", defaultValue = "threads", paramLabel = "MODE",
            description = "threads, processes, pool or process-pool (default ${DEFAULT-VALUE}; workers need a pool).")
    String mode;

    @Option(names = "--kind", defaultValue = "compute", paramLabel = "KIND", description = "compute or sleep (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--tasks", paramLabel = "N", description = "Tasks per run (default: the largest n, one task per core).")
    Integer tasks;

    @Option(names = "--seconds", defaultValue = "0.5", paramLabel = "S", description = "Seconds of work per task (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--gil", description = "Emulate CPython's GIL.")
    boolean gil;

    @Option(names = "--png", paramLabel = "FILE", description = "Write the chart as PNG here.")
    Path png;

    @Option(names = "--svg", paramLabel = "FILE", description = "Write the chart as SVG here.")
    Path svg;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the numbers as CSV here.")
    Path csv;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "N", description = "PNG pixels per chart pixel, 1–4 (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--dark", description = "Dark background.")
    boolean dark;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScalingSweep.By what;
        try {
            what = ScalingSweep.By.parse(by);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".");
        }
        if (!(scale >= 1 && scale <= SlideFiles.MAX_SCALE)) {
            throw new UserError("--scale must be between 1 and " + (int) SlideFiles.MAX_SCALE + " (got " + scale + ").");
        }
        Map<Path, String> outputs = new LinkedHashMap<>();
        for (Path p : new Path[]{png, svg, csv}) {
            if (p == null) {
                continue;
            }
            String problem = AtomicFiles.problemWriting(p);
            if (problem != null) {
                throw new UserError("cannot write " + p + ": " + problem + ".");
            }
            if (outputs.put(p.toAbsolutePath().normalize(), "") != null) {
                throw new UserError(p + " is named twice as an output.");
            }
        }
        MachineInfo machine = Hardware.detect().machine();
        int n = max != null ? max : machine.usableCores();
        try {
            ScalingSweep.checkRange(what, n, machine);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".");
        }
        ExperimentSpec workload = workload(what, n);
        try {
            ScalingSweep.check(what, workload, n, machine);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".");
        }
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicReference<RunHandle> current = new AtomicReference<>();
        Runnable stop = () -> {
            cancel.set(true);
            RunHandle h = current.get();
            if (h != null) {
                h.cancel();
            }
        };
        // Ctrl-C or SIGTERM: the first stops the sweep, which still prints and writes the steps it measured; a second
        // abandons the writes, leaving no temporary file.
        Interrupts interrupts = Interrupts.install(stop, () -> {
            AtomicFiles.abandon();
            err.println("corelanes: interrupted again — stopped before every output was written; no temporary file "
                    + "is left");
            err.flush();
        });
        Thread onCtrlC = interrupts.installed() ? null : new Thread(() -> {
            stop.run();
            RunHandle h = current.get();
            if (h != null) {
                try {
                    h.await(2, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }
        }, "corelanes-ctrl-c");
        if (onCtrlC != null) {
            Runtime.getRuntime().addShutdownHook(onCtrlC);
        }
        int notWritten;
        SweepResult r;
        try {
            r = ScalingSweep.run(what, workload, n, machine, Runs.JAVA, cancel::get, line -> {
                err.println("running " + line);
                err.flush();
            }, current::set);
            // The steps measured are printed and written whatever comes now.
            interrupts.onStop(() -> { });
            print(out, r);
            List<OutputFiles.Output> files = new ArrayList<>();
            if (png != null) {
                files.add(new OutputFiles.Output("--png", png, o -> {
                    try {
                        o.write(ScalingFiles.png(r, scale, dark));
                    } catch (dev.corelanes.engine.files.OutputFileException e) {
                        throw new java.io.IOException(e.getMessage(), e);
                    }
                }, "Chart      " + png));
            }
            if (svg != null) {
                files.add(new OutputFiles.Output("--svg", svg, o -> o.write(ScalingFiles.svg(r, dark)), "Chart      " + svg));
            }
            if (csv != null) {
                files.add(new OutputFiles.Output("--csv", csv, o -> o.write(ScalingFiles.csv(r)
                        .getBytes(StandardCharsets.UTF_8)), "Numbers    " + csv));
            }
            notWritten = OutputFiles.writeEach(files, out, err);
            if (interrupts.interrupted() || cancel.get()) {
                err.println("corelanes: interrupted" + (interrupts.signalName().isEmpty() ? "" : " ("
                        + interrupts.signalName() + ")") + " — " + r.points().size() + " of " + ScalingSweep.steps(n).size()
                        + " steps measured; what they show was printed and written");
            }
        } finally {
            interrupts.close();
            if (onCtrlC != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
        }
        if (cancel.get()) {
            return Cli.INTERRUPTED;
        }
        return r.note().isEmpty() && notWritten == 0 ? Cli.OK : Cli.RUN_FAILED;
    }

    private ExperimentSpec workload(ScalingSweep.By what, int n) {
        try {
            ExecutionMode m = ExecutionMode.parse(mode);
            if (!m.runnable()) {
                throw new UserError("mode " + m.id() + " is what corelanes trace records, not a mode to sweep.");
            }
            TaskKind k = TaskKind.parse(kind);
            int t = tasks != null ? tasks : Math.max(1, n);
            if (what == ScalingSweep.By.WORKERS) {
                if (!m.pooled()) {
                    throw new UserError("--by workers needs --mode pool or process-pool (got " + m.id() + ").");
                }
                return new ExperimentSpec(m, k, t, seconds, 1, gil);
            }
            if (m.pooled()) {
                return new ExperimentSpec(m, k, t, seconds, Math.max(1, Math.min(n, t)), gil);
            }
            return ExperimentSpec.of(m, k, t, seconds, gil);
        } catch (SpecException e) {
            throw new UserError(e.getMessage());
        }
    }

    static void print(PrintWriter out, SweepResult r) {
        String unit = r.by().unit();
        out.println("Sweep      " + r.workload().describe() + " on 1 … n " + unit + "s");
        out.println("Machine    " + r.machine().oneLine());
        out.printf(Locale.ROOT, "%-6s %-10s %9s %8s %6s  %s%n", unit + "s", "CPUs", "wall", "speedup", "ideal", "added");
        for (SweepPoint p : r.points()) {
            out.printf(Locale.ROOT, "%-6d %-10s %9s %7.2f× %5d×  %s%n", p.n(), p.cpus().isEmpty() ? "-" : p.cpus(),
                    FigureText.seconds(p.wallSeconds()), p.speedup(), p.idealSpeedup(), p.added());
        }
        out.println("Fit        " + r.fitSentence());
        if (!r.note().isEmpty()) {
            out.println("Stopped    " + r.note());
        }
    }
}

package dev.corelanes.bench;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.python.PythonChoice;
import dev.corelanes.engine.python.PythonInterpreter;
import dev.corelanes.engine.python.PythonInterpreters;
import dev.corelanes.engine.python.PythonScript;
import dev.corelanes.engine.python.PythonUnavailable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python runtime, measured side by side in one run for each interpreter given (default: python3 on the
 * PATH): sleep fidelity, compute speedups (threads, processes per start method, pool), spawn → first span
 * per start method, the probe's cost on the compute loop, and the Java GIL emulation beside real CPython.
 *
 * <pre>java -cp target/classes:target/lib/* dev.corelanes.bench.PythonBench [REPS] [PYTHON...]</pre>
 */
public final class PythonBench {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    private PythonBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> paths = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("");
        System.out.printf(Locale.ROOT, "CoreLanes PythonBench · %s · Java %s · median of %d reps (min–max)%n%n",
                MACHINE.oneLine(), Runtime.version(), reps);
        for (String path : paths) {
            PythonInterpreter py;
            try {
                py = PythonInterpreters.find(path.isEmpty() ? null : path);
            } catch (PythonUnavailable e) {
                System.out.println("- " + (path.isEmpty() ? "python3" : path) + ": not measured — " + e.getMessage());
                continue;
            }
            measure(py, reps);
        }
    }

    private static void measure(PythonInterpreter py, int reps) throws Exception {
        System.out.printf(Locale.ROOT, "### %s (GIL %s)%n%n", py.name(), py.gilEnabled() ? "enabled" : "disabled");
        System.out.println("| figure | measured | note |");
        System.out.println("|---|---|---|");
        // Sleep fidelity: how far past the asked seconds the waits end.
        double[] sleepWall = new double[reps];
        double[] sleepOver = new double[reps];
        for (int i = 0; i < reps; i++) {
            Trace t = run(py, "", ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 4, 1, false));
            sleepWall[i] = t.wallSeconds();
            sleepOver[i] = t.spans().stream().filter(s -> s.state() == SpanState.SLEEPING)
                    .mapToDouble(s -> s.durationNanos() / 1e6 - 1000).max().orElse(Double.NaN);
        }
        row("4 sleep × 1 s, threads: wall", Stats.of(sleepWall).format(3) + " s", "ideal 1.000 s");
        row("… longest sleep span past 1 s", Stats.of(sleepOver).format(1) + " ms", "time.sleep's own overshoot");

        // Compute speedups, interleaved so load elsewhere hits every mode alike.
        Map<String, double[]> walls = new LinkedHashMap<>();
        List<String[]> modes = new ArrayList<>();
        modes.add(new String[]{"sequential", ""});
        modes.add(new String[]{"threads", ""});
        for (String m : py.startMethods()) {
            modes.add(new String[]{"processes", m});
        }
        modes.add(new String[]{"process-pool", py.defaultStartMethod()});
        for (String[] m : modes) {
            walls.put(m[0] + (m[1].isEmpty() ? "" : " (" + m[1] + ")"), new double[reps]);
        }
        Map<String, double[]> spawn = new LinkedHashMap<>();
        for (String m : py.startMethods()) {
            spawn.put(m, new double[reps]);
        }
        for (int i = 0; i < reps; i++) {
            for (String[] m : modes) {
                ExecutionMode mode = ExecutionMode.parse(m[0]);
                ExperimentSpec spec = mode == ExecutionMode.PROCESS_POOL
                        ? new ExperimentSpec(mode, TaskKind.COMPUTE, 2, 1, 2, false)
                        : ExperimentSpec.of(mode, TaskKind.COMPUTE, 2, 1, false);
                Trace t = run(py, m[1], spec);
                walls.get(m[0] + (m[1].isEmpty() ? "" : " (" + m[1] + ")"))[i] = t.wallSeconds();
                if (mode == ExecutionMode.PROCESSES) {
                    spawn.get(m[1])[i] = firstSpanAfterSpawn(t);
                }
            }
        }
        double seq = Stats.of(walls.get("sequential")).median();
        for (var e : walls.entrySet()) {
            Stats s = Stats.of(e.getValue());
            row("2 compute × 1 s, " + e.getKey(), s.format(3) + " s",
                    e.getKey().equals("sequential") ? "baseline" : String.format(Locale.ROOT, "speedup %.2f×", seq / s.median()));
        }
        for (var e : spawn.entrySet()) {
            row("spawn → first span, " + e.getKey(), Stats.of(e.getValue()).format(1) + " ms",
                    "from Process.start() to the task's first span, median of the 2 processes");
        }
        double[] o = probeOverhead(py, reps);
        row("probe overhead on the compute loop (probe ÷ chunk)", String.format(Locale.ROOT, "%.2f %% (%.1f µs a probe)",
                o[0], o[1]), "thread CPU of one probe over one ~1 ms kernel chunk, each timed alone; target ≤ 3 %");
        row("probe overhead, A/B", Stats.of(java.util.Arrays.copyOfRange(o, 2, o.length)).format(2) + " %",
                "compute(0.5 s) with probes vs the bare kernel, alternated; noisy on a loaded machine");

        // The Java GIL emulation beside real CPython: same workload, same run of this benchmark.
        for (String mode : new String[]{"threads", "processes"}) {
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                ms[i] = cancelMillis(py, ExecutionMode.parse(mode));
            }
            row("cancel → run ended, 2 compute × 30 s, " + mode, Stats.of(ms).format(0) + " ms",
                    "from Cancel to the trace, children gone; target ≤ 500 ms");
        }
        Trace java = Runs.run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, true), MACHINE);
        Trace real = run(py, "", ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, false));
        row("GIL emulated in Java: 2 compute × 1 s, threads", gilFigures(java), "lock handed over every 5 ms");
        row("GIL in " + py.name() + ": 2 compute × 1 s, threads", gilFigures(real), "read inside the interpreter");
        System.out.println();
    }

    private static double cancelMillis(PythonInterpreter py, ExecutionMode mode) throws Exception {
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(2);
        dev.corelanes.engine.TraceListener l = new dev.corelanes.engine.TraceListener() {
            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.RUNNING) {
                    running.countDown();
                }
            }
        };
        var h = Runs.start(ExperimentSpec.of(mode, TaskKind.COMPUTE, 2, 30, false), new PythonChoice(py, ""),
                MACHINE, l);
        if (!running.await(120, TimeUnit.SECONDS)) {
            h.cancel();
            throw new IllegalStateException("the tasks did not start");
        }
        long t0 = System.nanoTime();
        h.cancel();
        Trace t = h.await(60, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        long until = System.nanoTime() + 2_000_000_000L;
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        if (t.status() != TaskStatus.CANCELLED || ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)) {
            throw new IllegalStateException("cancel left " + t.status().id() + " or live children");
        }
        return ms;
    }

    private static String gilFigures(Trace t) {
        List<Span> waits = t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT).toList();
        double[] ms = waits.stream().mapToDouble(s -> s.durationNanos() / 1e6).toArray();
        double waitTotal = waits.stream().mapToLong(Span::durationNanos).sum() / 1e9;
        List<Span> preempted = t.spans().stream().filter(s -> s.state() == SpanState.PREEMPTED).toList();
        double preemptedTotal = preempted.stream().mapToLong(Span::durationNanos).sum() / 1e9;
        return String.format(Locale.ROOT, "wall %.3f s · %d GIL waits (median %.1f ms, %.2f s in all) · %d preempted "
                        + "(%.2f s in all)", t.wallSeconds(), waits.size(), ms.length == 0 ? 0 : Stats.of(ms).median(),
                waitTotal, preempted.size(), preemptedTotal);
    }

    /** Median over the processes of: first span of its task − start of its spawning span (ms). */
    private static double firstSpanAfterSpawn(Trace t) {
        List<Double> d = new ArrayList<>();
        for (Span sp : t.spans()) {
            if (sp.state() != SpanState.SPAWNING) {
                continue;
            }
            t.tasks().stream().filter(r -> r.worker().equals(sp.worker())).mapToLong(TaskRecord::startNanos).min()
                    .ifPresent(start -> d.add((start - sp.startNanos()) / 1e6));
        }
        return d.isEmpty() ? Double.NaN : Stats.of(d.stream().mapToDouble(Double::doubleValue).toArray()).median();
    }

    private static final String OVERHEAD = String.join("\n",
            "import importlib.util, os, sys, time",
            "spec = importlib.util.spec_from_file_location('w', sys.argv[1])",
            "w = importlib.util.module_from_spec(spec); spec.loader.exec_module(w)",
            "w.STEPS_PER_SECOND = w.calibrate()[0]",
            "steps = w.STEPS_PER_SECOND // 2",
            "w.PROTOCOL = True",
            "w._open[1] = ['T1', 'running', -1, 0]",
            "out = os.dup(1); os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the spans go nowhere",
            "res = []",
            "for i in range(int(sys.argv[2])):",
            "    c = time.thread_time_ns(); w.kernel(steps); bare = time.thread_time_ns() - c",
            "    c = time.thread_time_ns(); w.compute(1, 0.5); probed = time.thread_time_ns() - c",
            "    res.append(100.0 * (probed - bare) / bare)",
            "import threading",
            "n, N = w.STEPS_PER_SECOND // 1000, 50000",
            "queued, stop_reading = w.run_queue_reader()",
            "c = time.thread_time_ns()",
            "for _ in range(N):",
            "    t, cpu, core = w.clock(), time.thread_time_ns(), w.core()",
            "    all_cpu, waited = time.process_time_ns(), queued()",
            "    w.CANCEL.is_set(); w.set_state(1, 'running', core, t)",
            "probe = (time.thread_time_ns() - c) / N",
            "c = time.thread_time_ns()",
            "for _ in range(100): w.kernel(n)",
            "chunk = (time.thread_time_ns() - c) / 100",
            "os.write(out, ('%.3f %.1f ' % (100.0 * probe / chunk, probe / 1000) + ' '.join('%.3f' % r for r in res) + '\\n').encode())",
            "");

    private static double[] probeOverhead(PythonInterpreter py, int reps) throws IOException, InterruptedException {
        Path worker = PythonScript.write(PythonScript.text(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.COMPUTE,
                1, 1, false), "")).path();
        Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder(py.path(), "-c", OVERHEAD, worker.toString(), String.valueOf(Math.max(5, reps)))
                .redirectErrorStream(true));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(120, TimeUnit.SECONDS);
        try {
            return java.util.Arrays.stream(out.split(" ")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalStateException("probe overhead: " + out);
        }
    }

    private static Trace run(PythonInterpreter py, String startMethod, ExperimentSpec spec) throws Exception {
        Trace t = Runs.start(spec, new PythonChoice(py, startMethod), MACHINE).await(300, TimeUnit.SECONDS);
        if (t.status() != TaskStatus.COMPLETED) {
            throw new IllegalStateException(spec.describe() + " in " + py.name() + ": " + t.status().id() + " — "
                    + t.message());
        }
        return t;
    }

    private static void row(String figure, String measured, String note) {
        System.out.println("| " + figure + " | " + measured + " | " + note + " |");
        System.out.flush();
    }
}

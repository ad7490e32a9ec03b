package dev.corelanes.bench;

import dev.corelanes.runners.Runs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.engine.Calibrator;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.process.ProcessBackend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures what process modes cost and gain on this machine, side by side in one run, and prints a
 * markdown table: child spawn time, child memory, wall times and speedups against sequential, with
 * CPython's multiprocessing (fork, spawn) and threads for comparison when python3 is on the PATH.
 *
 * <p>Run: {@code java -cp target/corelanes.jar:target/lib/* dev.corelanes.bench.ProcessBench [reps]}.
 * Each figure is the median of {@code reps} runs (default 3); the machine may be shared, so look at
 * p95 and repeat before trusting one number.
 */
public final class ProcessBench {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();
    private static final int SPAWNS = 15;

    private final List<String[]> rows = new ArrayList<>();

    private ProcessBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        new ProcessBench().run(reps);
    }

    private void run(int reps) throws Exception {
        System.out.printf(Locale.ROOT, "CoreLanes ProcessBench · %s · Java %s · %d reps%n%n", MACHINE.oneLine(),
                Runtime.version(), reps);
        var cal = Calibrator.calibration();
        System.out.printf(Locale.ROOT, "Kernel calibration (parent): %,d steps/s%n", cal.stepsPerSecond());

        Runs.run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 1, 0.05, false), MACHINE);
        boolean cached = ProcessBackend.prepareStartupCache().get(60, TimeUnit.SECONDS);
        System.out.println("Worker start-up cache: " + (cached ? "in use" : "not available (classes not in jars, or JDK < 19)"));
        spawnFigures();

        double sleepWall = median(reps, () -> wall(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 1, false)));
        row("2 sleep × 1 s, processes", fmtS(sleepWall), "", "target ≤ 1.25 s");

        for (boolean gil : new boolean[]{false, true}) {
            String g = gil ? " --gil" : "";
            double[] seq = new double[reps];
            double[] proc = new double[reps];
            double[] thr = new double[reps];
            // Interleaved, so a burst of load elsewhere on the machine hits all of them alike.
            for (int r = 0; r < reps; r++) {
                seq[r] = wall(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.COMPUTE, 2, 1, gil));
                proc[r] = wall(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2, 1, gil));
                thr[r] = wall(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, gil));
            }
            double s = median(seq);
            row("2 compute × 1 s, sequential" + g, fmtS(s), fmtX(1), "");
            row("2 compute × 1 s, processes" + g, fmtS(median(proc)), fmtX(s / median(proc)), "target ≥ ×1.75 (spawn included)");
            row("2 compute × 1 s, threads" + g, fmtS(median(thr)), fmtX(s / median(thr)),
                    gil ? "one GIL for all threads: no speedup" : "");
        }
        double cancel = cancelSeconds();
        row("cancel 2 sleeping processes → all gone", fmtS(cancel), "", "target ≤ 0.5 s");
        python();
        printTable();
        System.out.println();
        System.out.println("Worker processes still alive: " + ProcessBackend.liveWorkers());
    }

    private void spawnFigures() throws InterruptedException {
        long[] spawn = new long[SPAWNS];
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < SPAWNS; i++) {
            Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 1, 0.05, false), MACHINE);
            ensureCompleted(t);
            spawn[i] = t.spans().stream().filter(s -> s.state() == SpanState.SPAWNING).mapToLong(Span::durationNanos)
                    .findFirst().orElseThrow();
            t.workers().stream().mapToLong(WorkerInfo::peakRssBytes).filter(b -> b > 0).forEach(rss::add);
        }
        Arrays.sort(spawn);
        row("child spawn → first message (1 at a time)", ms(spawn[SPAWNS / 2]) + " median", "",
                ms(spawn[(int) Math.ceil(SPAWNS * 0.95) - 1]) + " p95, " + ms(spawn[0]) + " min");
        if (!rss.isEmpty()) {
            double mib = rss.stream().sorted().toList().get(rss.size() / 2) / 1024.0 / 1024.0;
            row("peak RSS per child (VmHWM)", String.format(Locale.ROOT, "%.1f MiB", mib), "", "median of " + rss.size());
        }
        Trace two = Runs.run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 0.05, false), MACHINE);
        long worst = two.spans().stream().filter(s -> s.state() == SpanState.SPAWNING).mapToLong(Span::durationNanos)
                .max().orElse(0);
        row("2 children spawned at once → both up", ms(worst), "", "slowest of the two");
    }

    private double cancelSeconds() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(2);
        TraceListener l = new TraceListener() {
            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.SLEEPING) {
                    sleeping.countDown();
                }
            }
        };
        RunHandle h = Runs.start(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 20, false), MACHINE, l);
        if (!sleeping.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("children did not start");
        }
        long t0 = System.nanoTime();
        h.cancel();
        h.await(10, TimeUnit.SECONDS);
        while (ProcessBackend.liveWorkers() > 0 && System.nanoTime() - t0 < 5_000_000_000L) {
            Thread.sleep(1);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void python() {
        String script;
        try (InputStream in = ProcessBench.class.getResourceAsStream("python_compare.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            row("CPython", "not measured", "", "script missing from the jar");
            return;
        }
        try {
            Path file = Files.createTempFile("corelanes-bench", ".py");
            try {
                Files.writeString(file, script);
                Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder("python3", file.toString(), "10").redirectError(ProcessBuilder.Redirect.DISCARD));
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    row("CPython", "not measured", "", "python3 failed");
                    return;
                }
                JsonNode j = new ObjectMapper().readTree(out);
                String v = "CPython " + j.path("python").asText();
                for (String m : new String[]{"fork", "spawn"}) {
                    if (j.has(m)) {
                        row(v + " Process.start() → child running, " + m, ms(j.get(m).get("medianMs").asDouble() * 1e6) + " median", "",
                                ms(j.get(m).get("p95Ms").asDouble() * 1e6) + " p95");
                    }
                }
                JsonNode c = j.get("compute");
                row(v + " 2 × 1 s loop, sequential", fmtS(c.get("sequentialS").asDouble()), fmtX(1), "");
                row(v + " 2 × 1 s loop, threads", fmtS(c.get("threadsS").asDouble()), fmtX(c.get("threadsSpeedup").asDouble()), "the real GIL");
                for (String m : new String[]{"fork", "spawn"}) {
                    if (c.has(m + "S")) {
                        row(v + " 2 × 1 s loop, processes (" + m + ")", fmtS(c.get(m + "S").asDouble()),
                                fmtX(c.get(m + "Speedup").asDouble()), "start-up included");
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            row("CPython", "not measured", "", "no python3 on the PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double wall(ExperimentSpec spec) throws InterruptedException {
        Trace t = Runs.run(spec, MACHINE);
        ensureCompleted(t);
        return t.wallSeconds();
    }

    private static void ensureCompleted(Trace t) {
        if (t.status() != TaskStatus.COMPLETED) {
            throw new IllegalStateException(t.spec().describe() + ": " + t.status().id() + " — " + t.message());
        }
    }

    @FunctionalInterface
    private interface Measure {
        double once() throws InterruptedException;
    }

    private static double median(int reps, Measure m) throws InterruptedException {
        double[] v = new double[reps];
        for (int i = 0; i < reps; i++) {
            v[i] = m.once();
        }
        return median(v);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private void row(String what, String value, String speedup, String note) {
        rows.add(new String[]{what, value, speedup, note});
        System.out.printf(Locale.ROOT, "  %-55s %s %s%n", what, value, speedup);
    }

    private void printTable() {
        System.out.println();
        System.out.println("| Measurement | Value | Speedup vs sequential | Note |");
        System.out.println("|---|---:|---:|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static String fmtS(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    private static String fmtX(double x) {
        return dev.corelanes.engine.FigureText.ratio(x); // the one formatter: "×1.75"
    }
}

package dev.corelanes.bench;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.Calibrator;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.Trace;
import dev.corelanes.hardware.Hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * GIL fidelity: the Java GIL emulation's speedup (threads + GIL vs sequential, 2 × 1 s compute) beside real
 * CPython {@code threading} running the same xorshift loop, calibrated the same way, in the same run on the
 * same machine — idle, and with two {@code yes > /dev/null} loops competing for the cores. Conditions and
 * runtimes are interleaved round by round, so a change in the machine's load hits both sides alike.
 *
 * <pre>java -cp target/corelanes.jar dev.corelanes.bench.GilBench [rounds] [python]</pre>
 */
public final class GilBench {

    /**
     * The Python side: the kernel of {@code ComputeKernel} (64-bit xorshift 13/7/17), calibrated by thread CPU
     * time like {@code Calibrator}, then 2 tasks of 1 s either one after the other or on two threads.
     * Prints the wall and CPU seconds of the work only (interpreter start-up is not timed, as the JVM's is not).
     */
    private static final String PYTHON = """
            import sys, threading, time
            M = 0xFFFFFFFFFFFFFFFF
            def spin(x, n):
                for _ in range(n):
                    x ^= (x << 13) & M
                    x ^= x >> 7
                    x ^= (x << 17) & M
                return x
            def calibrate():
                spin(1, 200000)
                best = 0.0
                for _ in range(6):
                    c0 = time.thread_time(); n = 0
                    t0 = time.perf_counter()
                    while time.perf_counter() - t0 < 0.05:
                        spin(1, 10000); n += 10000
                    c = time.thread_time() - c0
                    if c > 0: best = max(best, n / c)
                return int(best)
            mode = sys.argv[1]
            if mode == "calibrate":
                print(calibrate()); sys.exit(0)
            steps = int(float(sys.argv[2]) * int(sys.argv[3]))
            c0 = time.process_time()
            t0 = time.perf_counter()
            if mode == "sequential":
                spin(3, steps); spin(5, steps)
            else:
                ts = [threading.Thread(target=spin, args=(s, steps)) for s in (3, 5)]
                for t in ts: t.start()
                for t in ts: t.join()
            print(time.perf_counter() - t0, time.process_time() - c0)
            """;

    private final MachineInfo machine;
    private final String python;
    private long pythonStepsPerSecond;

    private GilBench(MachineInfo machine, String python) {
        this.machine = machine;
        this.python = python;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String python = args.length > 1 ? args[1] : "python3";
        MachineInfo machine = Hardware.detect().machine();
        new GilBench(machine, python).run(rounds);
    }

    private void run(int rounds) throws Exception {
        Calibration cal = Calibrator.calibration();
        String version = python(List.of("-c", "import platform; print(platform.python_version())")).strip();
        pythonStepsPerSecond = Long.parseLong(python(List.of("-c", PYTHON, "calibrate")).strip());
        System.out.println("## GIL: the emulation beside real CPython\n");
        System.out.printf(Locale.ROOT, "Machine: %s; %s; CPython %s. Calibration: Java %,d steps/s, CPython %,d "
                        + "steps/s (each by thread CPU time, idle). %d rounds; each round runs, interleaved: Java "
                        + "sequential, Java threads + GIL, CPython sequential, CPython `threading`, first with no "
                        + "extra load, then with two `yes > /dev/null` loops. Cells: median (min–max) of the per-round "
                        + "speedup = sequential wall ÷ threads wall, 2 tasks × 1 s of compute.%n%n",
                machine.oneLine(), machine.java(), version, cal.stepsPerSecond(), pythonStepsPerSecond, rounds);
        String loadBefore = BenchHost.loadAverage();
        // Untimed warm-up of the Java side (JIT, class loading), as the other benchmarks do.
        java(ExecutionMode.THREADS, 0.2);
        double[][] speedups = new double[4][rounds]; // [java idle, python idle, java busy, python busy]
        // The GIL's own effect, apart from the CPU's speed: concurrency (CPU ÷ wall) of threads ÷ sequential.
        double[][] concurrencyGains = new double[4][rounds];
        // The other factor of the speedup: CPU seconds of sequential ÷ threads for the same work (per-step speed).
        double[][] cpuRatios = new double[4][rounds];
        List<String> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int busy = 0; busy <= 1; busy++) {
                List<Process> load = busy == 1 ? startLoad(2) : List.of();
                try {
                    boolean javaFirst = r % 2 == 0; // alternate who goes first, so neither always meets a fresher load
                    double[] js = null, jt = null, ps = null, pt = null; // {wall, cpu} seconds
                    for (int k = 0; k < 2; k++) {
                        if ((k == 0) == javaFirst) {
                            js = java(ExecutionMode.SEQUENTIAL, 1);
                            jt = java(ExecutionMode.THREADS, 1);
                        } else {
                            ps = pythonRun("sequential");
                            pt = pythonRun("threads");
                        }
                    }
                    record(speedups, concurrencyGains, cpuRatios, busy * 2, r, js, jt);
                    record(speedups, concurrencyGains, cpuRatios, busy * 2 + 1, r, ps, pt);
                    String line = String.format(Locale.ROOT,
                            "| %d | %s | %.3f / %.3f | %.3f / %.3f | ×%.2f | %.3f / %.3f | %.3f / %.3f | ×%.2f |",
                            r + 1, busy == 1 ? "2 × yes" : "no extra load", js[0], jt[0], js[1], jt[1],
                            js[0] / jt[0], ps[0], pt[0], ps[1], pt[1], ps[0] / pt[0]);
                    perRound.add(line);
                    System.err.println(line);
                } finally {
                    stopLoad(load);
                }
            }
        }
        System.out.println("| condition | Java threads + GIL: speedup | CPython 3 `threading`: speedup | Java ÷ CPython |");
        System.out.println("|---|---|---|---|");
        row("no extra load", speedups[0], speedups[1]);
        row("two extra `yes > /dev/null` loops", speedups[2], speedups[3]);
        System.out.println();
        System.out.println("The speedup is the product of two factors, shown apart: the concurrency gain (CPU ÷ wall of "
                + "threads ÷ the same of sequential: what the GIL decides, 1.00 = never two threads at once) and the "
                + "CPU ratio (CPU seconds of sequential ÷ threads for the same steps: how fast the CPU ran each step).");
        System.out.println();
        System.out.println("| condition | Java concurrency gain | CPython concurrency gain | Java CPU ratio | CPython CPU ratio |");
        System.out.println("|---|---|---|---|---|");
        factors("no extra load", concurrencyGains[0], concurrencyGains[1], cpuRatios[0], cpuRatios[1]);
        factors("two extra `yes > /dev/null` loops", concurrencyGains[2], concurrencyGains[3], cpuRatios[2], cpuRatios[3]);
        System.out.println();
        System.out.println("Goal: Java ÷ CPython within 1.00 ± 0.10 in both conditions. Load average (1, 5, 15 min) "
                + "before: " + loadBefore + "; after: " + BenchHost.loadAverage() + ". Every round (wall seconds, "
                + "sequential / threads):");
        System.out.println();
        System.out.println("| round | extra load | Java wall | Java CPU | Java speedup | CPython wall | CPython CPU | CPython speedup |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        perRound.forEach(System.out::println);
    }

    /** Wall speedup, concurrency gain and CPU ratio of one side in one round, from {wall, cpu} seconds. */
    private static void record(double[][] speedups, double[][] gains, double[][] cpuRatios, int side, int round,
                               double[] sequential, double[] threads) {
        speedups[side][round] = sequential[0] / threads[0];
        gains[side][round] = (threads[1] / threads[0]) / (sequential[1] / sequential[0]);
        cpuRatios[side][round] = sequential[1] / threads[1];
    }

    private static void factors(String condition, double[] javaGain, double[] pythonGain, double[] javaCpu,
                                double[] pythonCpu) {
        System.out.printf(Locale.ROOT, "| %s | ×%s | ×%s | ×%s | ×%s |%n", condition, Stats.of(javaGain).format(2),
                Stats.of(pythonGain).format(2), Stats.of(javaCpu).format(2), Stats.of(pythonCpu).format(2));
    }

    private static void row(String condition, double[] java, double[] python) {
        Stats j = Stats.of(java);
        Stats p = Stats.of(python);
        System.out.printf(Locale.ROOT, "| %s | ×%s | ×%s | %.2f |%n", condition, j.format(2), p.format(2),
                j.median() / p.median());
    }

    /**
     * {Wall, CPU} seconds of 2 × {@code seconds} compute: sequential (holding an uncontended GIL) or threads + GIL;
     * CPU is the tasks' own thread CPU time, as the run measures it.
     */
    private double[] java(ExecutionMode mode, double seconds) throws InterruptedException {
        Trace t = Runs.run(new ExperimentSpec(mode, TaskKind.COMPUTE, 2, seconds, 1, true), machine);
        if (t.status() != TaskStatus.COMPLETED) {
            throw new IllegalStateException(t.spec().describe() + ": " + t.message());
        }
        // The tasks' own, as documented above (the run's CPU time now holds the runtime's work as well).
        RunFigures.CpuSplit cpu = RunFigures.of(t).cpuSplit();
        return new double[] {t.wallSeconds(), cpu.tasksKnown() ? cpu.taskSeconds() : RunFigures.of(t).cpuSeconds()};
    }

    /** {Wall, CPU} seconds of CPython's 2 × 1 s; CPU is the interpreter process's own. */
    private double[] pythonRun(String mode) throws IOException, InterruptedException {
        String[] w = python(List.of("-c", PYTHON, mode, "1", Long.toString(pythonStepsPerSecond))).strip().split("\\s+");
        return new double[] {Double.parseDouble(w[0]), Double.parseDouble(w[1])};
    }

    private String python(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.addAll(args);
        Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(python + " failed: " + String.join(" ", args.subList(0, 1)));
        }
        return out;
    }

    /** The OS's load averages, or "not available": a busy machine explains noisy figures. */

    /** {@code n} busy loops, like {@code yes > /dev/null} in a shell; ended in {@link #stopLoad}. */
    private static List<Process> startLoad(int n) throws IOException, InterruptedException {
        List<Process> load = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            load.add(dev.corelanes.engine.child.Children.start(new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD)));
        }
        Thread.sleep(200); // let the scheduler see them as busy before anything is timed
        return load;
    }

    private static void stopLoad(List<Process> load) throws InterruptedException {
        for (Process p : load) {
            p.destroyForcibly();
        }
        for (Process p : load) {
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

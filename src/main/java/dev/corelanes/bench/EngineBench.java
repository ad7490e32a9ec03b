package dev.corelanes.bench;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.runners.Runs;
import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.Calibrator;
import dev.corelanes.engine.ComputeKernel;
import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.SpanSink;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskBody;
import dev.corelanes.engine.TaskEnvironment;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.hardware.Hardware;

import java.util.Locale;

/**
 * Figures for the engine's claims, measured side by side in one run (ratios, median and spread over
 * repetitions). Prints markdown for src/site/markdown/benchmarks.md.
 *
 * <pre>java -cp target/corelanes.jar dev.corelanes.bench.EngineBench [repetitions]</pre>
 */
public final class EngineBench {

    private final MachineInfo machine;
    private final int reps;

    private EngineBench(MachineInfo machine, int reps) {
        this.machine = machine;
        this.reps = reps;
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        MachineInfo machine = Hardware.detect().machine();
        Calibration cal = Calibrator.calibration();
        System.out.println("## Engine (threads)\n");
        System.out.printf(Locale.ROOT, "Machine: %s, %.0f GiB; %s. Core probe: %s.%n", machine.oneLine(),
                machine.memoryBytes() / (double) (1L << 30), machine.java(), Host.coreProbe().description());
        System.out.printf(Locale.ROOT, "Calibration: %,d xorshift steps/s, measured in %.0f ms. Repetitions: %d, "
                + "interleaved, after one untimed warm-up run of each kind; each cell is median (min–max).%n%n", cal.stepsPerSecond(), cal.measuredMillis(), reps);
        new EngineBench(machine, reps).all();
    }

    private void all() throws InterruptedException {
        // One untimed run of each kind first: the figures are for a warmed-up JVM (JIT, class loading).
        run(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000, 0.2, 1, false);
        run(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.2, 1, true);
        run(ExecutionMode.POOL, TaskKind.SLEEP, 8, 0.1, 8, false);
        System.out.println("| experiment | measured | ratio |");
        System.out.println("|---|---|---|");
        sleepFidelity();
        computeSpeedups();
        oversubscription();
        probeOverhead();
    }

    private Trace run(ExecutionMode mode, TaskKind kind, int tasks, double seconds, int workers, boolean gil)
            throws InterruptedException {
        Trace t = Runs.run(new ExperimentSpec(mode, kind, tasks, seconds, workers, gil), machine);
        if (t.status() != TaskStatus.COMPLETED) {
            throw new IllegalStateException(t.spec().describe() + ": " + t.message());
        }
        return t;
    }

    private void sleepFidelity() throws InterruptedException {
        double[] seq = new double[reps];
        double[] thr = new double[reps];
        double[] virt = new double[reps];
        double[] pool = new double[reps];
        for (int r = 0; r < reps; r++) {
            seq[r] = run(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 2, 1, 1, false).wallSeconds();
            thr[r] = run(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 1, 1, false).wallSeconds();
            virt[r] = run(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000, 1, 1, false).wallSeconds();
            pool[r] = run(ExecutionMode.POOL, TaskKind.SLEEP, 8, 1, 8, false).wallSeconds();
        }
        row("2 sleep × 1 s, sequential (wall s)", Stats.of(seq), "wall ÷ 1 s = " + fmt(Stats.of(seq).median()));
        row("2 sleep × 1 s, threads (wall s)", Stats.of(thr), "wall ÷ 1 s = " + fmt(Stats.of(thr).median()));
        row("10 000 sleep × 1 s, virtual threads (wall s)", Stats.of(virt), "wall ÷ 1 s = " + fmt(Stats.of(virt).median()));
        row("8 sleep × 1 s, pool of 8 (wall s)", Stats.of(pool), "wall ÷ 1 s = " + fmt(Stats.of(pool).median()));
    }

    private void computeSpeedups() throws InterruptedException {
        double[] speedThreads = new double[reps];
        double[] speedPool = new double[reps];
        double[] speedGil = new double[reps];
        double[] seqWall = new double[reps];
        for (int r = 0; r < reps; r++) {
            double seq = run(ExecutionMode.SEQUENTIAL, TaskKind.COMPUTE, 2, 1, 1, false).wallSeconds();
            seqWall[r] = seq;
            speedThreads[r] = seq / run(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, 1, false).wallSeconds();
            speedPool[r] = seq / run(ExecutionMode.POOL, TaskKind.COMPUTE, 2, 1, 2, false).wallSeconds();
            speedGil[r] = seq / run(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, 1, true).wallSeconds();
        }
        row("2 compute × 1 s, sequential (wall s)", Stats.of(seqWall), "—");
        row("2 compute × 1 s, threads: speedup vs sequential", Stats.of(speedThreads), "×" + fmt(Stats.of(speedThreads).median()));
        row("2 compute × 1 s, pool of 2: speedup vs sequential", Stats.of(speedPool), "×" + fmt(Stats.of(speedPool).median()));
        row("2 compute × 1 s, threads + GIL: speedup vs sequential", Stats.of(speedGil), "×" + fmt(Stats.of(speedGil).median()));
    }

    private void oversubscription() throws InterruptedException {
        double[] preempted = new double[reps];
        double[] wall = new double[reps];
        for (int r = 0; r < reps; r++) {
            Trace t = run(ExecutionMode.THREADS, TaskKind.COMPUTE, 4, 1, 1, false);
            preempted[r] = t.spans().stream().filter(s -> s.state() == SpanState.PREEMPTED).count();
            wall[r] = t.wallSeconds();
        }
        row("4 compute × 1 s, threads on " + machine.logicalCores() + " CPUs: preempted spans", Stats.of(preempted),
                "time-slicing visible");
        row("4 compute × 1 s, threads: wall s (ideal " + fmt(4.0 / Math.min(4, machine.usableCores())) + ")",
                Stats.of(wall), "");
    }

    /**
     * The same kernel work twice: bare (one call, no clock, no probe) and as a real compute task
     * ({@link TaskBody}: 1 ms chunks, a clock and core read after each, spans recorded), interleaved.
     */
    private void probeOverhead() {
        Calibration cal = Calibrator.calibration();
        long steps = cal.stepsFor(1.0);
        long origin = System.nanoTime();
        SpanSink discard = span -> { };
        TaskEnvironment env = new TaskEnvironment(cal, Host.coreProbe(), null, discard,
                () -> System.nanoTime() - origin, () -> false);
        double[] ratio = new double[reps * 2];
        long sink = 0;
        for (int r = 0; r < ratio.length; r++) {
            long t0 = System.nanoTime();
            long x = ComputeKernel.seed(r);
            for (long done = 0; done < steps; done += Integer.MAX_VALUE) {
                x = ComputeKernel.spin(x, (int) Math.min(Integer.MAX_VALUE, steps - done));
            }
            long bare = System.nanoTime() - t0;
            sink += x;
            t0 = System.nanoTime();
            TaskBody.run(r + 1, "bench", TaskKind.COMPUTE, 1.0, env);
            long task = System.nanoTime() - t0;
            ratio[r] = (double) task / bare;
        }
        ComputeKernel.publish(sink);
        Stats s = Stats.of(ratio);
        row("probe overhead: compute task (1 ms samples) ÷ bare kernel, 1 s of work", s,
                String.format(Locale.ROOT, "%+.2f %%", (s.median() - 1) * 100));
    }

    private static void row(String what, Stats s, String ratio) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", what, s.format(3), ratio);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}

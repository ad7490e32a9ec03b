package dev.corelanes.engine.sweep;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.CoreClass;
import dev.corelanes.engine.CoreLimit;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.Backends;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one workload on 1, 2, … N cores (each run pinned, one CPU per physical core first, performance
 * cores before efficiency cores, SMT siblings last) or with 1 … N pool workers, one run after the other; the
 * result fits Amdahl's law through the speedups when there are enough of them. The point where SMT siblings
 * or efficiency cores join is named, so the chart can show where the curve bends.
 */
public final class ScalingSweep {

    /** What grows from one run to the next. */
    public enum By {
        CORES("core"), WORKERS("worker");

        private final String unit;

        By(String unit) {
            this.unit = unit;
        }

        public String unit() {
            return unit;
        }

        public static By parse(String s) {
            for (By b : values()) {
                if (b.name().equalsIgnoreCase(s)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("--by must be cores or workers (got '" + s + "')");
        }
    }

    /** The most runs a sweep makes; a 256-CPU machine is swept in steps (see {@link #steps}). */
    public static final int MAX_POINTS = 64;

    private ScalingSweep() {
    }

    /**
     * Checks that the sweep can run here.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static void check(By by, ExperimentSpec workload, int max, MachineInfo machine) {
        checkRange(by, max, machine);
        if (by == By.WORKERS && !workload.mode().pooled()) {
            throw new IllegalArgumentException("a sweep over workers needs mode pool or process-pool (got "
                    + workload.mode().id() + ")");
        }
        if (by == By.WORKERS) {
            // the spec validates the pool size for the largest point
            new ExperimentSpec(workload.mode(), workload.kind(), workload.tasks(), workload.taskSeconds(), max,
                    workload.gil());
        }
    }

    /**
     * Checks the range alone (before a workload is chosen): at least 1, and for cores no more than this
     * process may use, on an OS that can pin.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static void checkRange(By by, int max, MachineInfo machine) {
        if (max < 1) {
            throw new IllegalArgumentException("the sweep needs at least 1 " + by.unit() + " (got " + max + ")");
        }
        if (by == By.CORES) {
            CpuAffinity a = Host.affinity();
            if (!a.supported()) {
                throw new IllegalArgumentException("a sweep over cores pins each run, and " + a.unsupportedReason()
                        + "; sweep over workers instead (--by workers)");
            }
            int usable = Math.min(machine.usableCores(), a.allowedCpus().size());
            if (max > usable) {
                throw new IllegalArgumentException("this process may use " + usable + " CPUs; a sweep over cores "
                        + "goes up to at most that (got " + max + ")");
            }
        }
    }

    /** 1, 2, … max, thinned to at most {@link #MAX_POINTS} runs (always 1 and max). */
    public static List<Integer> steps(int max) {
        List<Integer> out = new ArrayList<>();
        double step = Math.max(1, (max - 1) / (double) (MAX_POINTS - 1));
        for (double n = 1; Math.round(n) < max; n += step) {
            int k = (int) Math.round(n);
            if (out.isEmpty() || out.get(out.size() - 1) != k) {
                out.add(k);
            }
        }
        out.add(max);
        return out;
    }

    /**
     * Runs the sweep. {@code progress} hears each run's description before it starts; {@code cancelled}
     * is checked between runs (a run in progress is cancelled through {@code current}).
     */
    public static SweepResult run(By by, ExperimentSpec workload, int max, MachineInfo machine, Backends backends,
                                  BooleanSupplier cancelled, Consumer<String> progress,
                                  Consumer<RunHandle> current) throws InterruptedException {
        check(by, workload, max, machine);
        List<Integer> order = by == By.CORES
                ? CoreLimit.preferredOrder(machine, Host.affinity().allowedCpus()) : List.of();
        List<SweepPoint> points = new ArrayList<>();
        String note = "";
        double baseWall = Double.NaN;
        for (int n : steps(max)) {
            if (cancelled.getAsBoolean()) {
                note = "cancelled after " + points.size() + (points.size() == 1 ? " run" : " runs");
                break;
            }
            ExperimentSpec spec = by == By.WORKERS ? new ExperimentSpec(workload.mode(), workload.kind(),
                    workload.tasks(), workload.taskSeconds(), n, workload.gil()) : workload;
            MachineInfo runMachine = by == By.CORES
                    ? machine.pinnedTo(order.subList(0, n).stream().sorted().toList()) : machine;
            progress.accept(n + " " + by.unit() + (n == 1 ? "" : "s") + ": " + spec.describe());
            RunHandle h = Experiment.start(spec, runMachine, backends);
            current.accept(h);
            Trace t = h.await();
            if (t.status() == TaskStatus.CANCELLED && cancelled.getAsBoolean()) {
                note = "cancelled during the run on " + n + " " + by.unit() + (n == 1 ? "" : "s") + "; "
                        + (points.size() == 1 ? "the run" : "the " + points.size() + " runs") + " measured before it "
                        + (points.size() == 1 ? "is" : "are") + " kept";
                break;
            }
            if (t.status() != TaskStatus.COMPLETED) {
                note = "stopped at " + n + " " + by.unit() + (n == 1 ? "" : "s") + ": the run "
                        + t.status().id() + (t.message().isEmpty() ? "" : " — " + t.message());
                break;
            }
            if (Double.isNaN(baseWall)) {
                baseWall = t.wallSeconds();
            }
            double speedup = baseWall / Math.max(1e-9, t.wallSeconds());
            points.add(new SweepPoint(n, t, speedup, by == By.CORES ? added(machine, order, n) : ""));
        }
        return new SweepResult(by, workload, machine, points, note);
    }

    /** What the n-th CPU in the order adds: a new core, an SMT sibling of a core already in, an efficiency core. */
    public static String added(MachineInfo machine, List<Integer> order, int n) {
        int cpu = order.get(n - 1);
        for (List<Integer> g : machine.smtGroups()) {
            if (g.contains(cpu) && order.subList(0, n - 1).stream().anyMatch(g::contains)) {
                return SweepPoint.SMT_SIBLING;
            }
        }
        return machine.classOf(cpu) == CoreClass.EFFICIENCY ? SweepPoint.EFFICIENCY_CORE : SweepPoint.CORE;
    }
}

package dev.corelanes.engine;

import java.util.List;
import java.util.Locale;

/**
 * Every figure shown or saved about a run, derived in this one place from its trace (with the baseline chosen
 * for it when it ended, {@link Trace#baseline()}): the header, the caption, the runs table, the slide, the
 * lesson card, the command line and the run file all read these, and print them through {@link FigureText}.
 * So a run shows one speedup everywhere, before and after a restart.
 *
 * <p>Rules, each tested as a property over generated runs:
 * <ul>
 *   <li>A cancelled or failed run has no speedup and no efficiency ({@code NaN}), with the reason.</li>
 *   <li>Speedup compares with the fair sequential run chosen by {@link Baselines}; without one, a compute run
 *       compares with its tasks' measured CPU time (total work), and a sleep run has none.</li>
 *   <li><b>No figure past the physical limit.</b> Speedup can be at most the tasks that could run at once
 *       ({@link #usableCores}: cores for compute, concurrent waits for sleep), efficiency at most 100 %. A
 *       figure up to {@link #LIMIT_NOISE} past it is timer noise and shows as the limit; one further past is
 *       no figure (NaN) and its reason, e.g. "the sequential run was slowed by other programs (74 % busy)".</li>
 * </ul>
 *
 * @param machineCores CPUs this process may use: the input that bounds {@code usableCores}
 * @param concurrency  tasks the execution model lets run at once (1 for sequential, else min(workers, tasks))
 * @param usableCores  what the tasks could use at once: cores for compute (1 under the GIL in one process),
 *                     concurrent waits for sleep — the limit of speedup
 * @param speedup      baseline ÷ wall, or NaN (see {@code noSpeedupReason})
 * @param baseline     what the speedup divides (as chosen when the run ended)
 * @param baselineSeconds the baseline's wall time (or the total work), NaN when there is none
 * @param efficiency   ideal ÷ wall, or NaN (see {@code noEfficiencyReason})
 * @param noSpeedupReason why there is no speedup; empty otherwise
 * @param drift        whether compute tasks did the work asked
 * @param noEfficiencyReason why there is no efficiency; empty otherwise
 * @param baselineWhy  for a run compared with its total work or with nothing: why no sequential run was fair
 *                     ("the sequential run was measured while other programs used 74 % of the CPUs, this run
 *                     3 %"); empty when none of this workload had been made
 * @param baselineRun  the sequential run compared with, as measured; null for the other baselines
 * @param cpuSplit     the run's CPU time split into its tasks' own and the runtime's work around them
 * @param traced       a traced program's figures (corelanes trace, Run my program): nothing was asked of it, so
 *                     nothing is ideal, and its threads are all of its CPU time
 */
public record RunFigures(TaskStatus status, double wallSeconds, double cpuSeconds, double idealSeconds,
                         int machineCores, int concurrency, int usableCores, double speedup, RunBaseline.Kind baseline,
                         double baselineSeconds, double efficiency, String noSpeedupReason, Drift drift,
                         String noEfficiencyReason, String baselineWhy, RunBaseline.Reference baselineRun,
                         CpuSplit cpuSplit, boolean traced) {

    /**
     * A compute task whose CPU time is further than this from what was asked has drifted (widened for short tasks
     * on a coarse clock: {@link #driftTolerance}).
     */
    public static final double DRIFT_TOLERANCE = 0.10;
    /** The kernel's rate after a run further than this from the calibration: the CPU's speed changed. */
    public static final double RATE_CHANGE = 0.05;
    /** Other programs' load above this share of the CPUs: the machine was busy. */
    public static final double BUSY_LOAD = 0.30;
    /**
     * A speedup at most this share past its limit is timer noise (a sequential run's start and end, the
     * scheduler's tick) and shows as the limit; further past, it is not a speedup the machine can give.
     */
    public static final double LIMIT_NOISE = 0.03;

    /**
     * Whether compute tasks did the CPU work they were asked for: a calibration that no longer matches the
     * machine makes every task shorter or longer than asked, and every figure with it.
     *
     * @param tasksChecked completed compute tasks whose CPU time was measured
     * @param tasksOff     of those, how many are further than {@link #driftTolerance} from what was asked
     * @param worstRatio   measured ÷ asked CPU time of the task furthest off (1 when none is off)
     * @param wallUnderIdeal true when the run finished more than 10 % before its ideal time
     * @param why          the likely cause, as far as known; empty when nothing drifted
     * @param processWarmUp true when only first tasks of new worker processes were off, all taking more CPU
     *                     than asked: the worker JVM ran the kernel before its JIT had compiled it. That is a
     *                     cost of starting a process, not a wrong calibration, so nothing is recalibrated.
     */
    public record Drift(int tasksChecked, int tasksOff, double worstRatio, boolean wallUnderIdeal, String why,
                        boolean processWarmUp) {
        public static final Drift NONE = new Drift(0, 0, 1, false, "", false);

        public boolean detected() {
            return tasksOff > 0 || wallUnderIdeal;
        }

        /** True when the calibration no longer matches the machine: the next compute run measures again. */
        public boolean recalibrate() {
            return detected() && !processWarmUp;
        }
    }

    /** The figures of a run, against the baseline chosen for it when it ended. */
    public static RunFigures of(Trace t) {
        return of(t, machineCores(t));
    }

    /**
     * The CPUs the run could use: the machine's, narrowed by the process's affinity, its container's CPU
     * quota and a run's core limit (see {@link MachineInfo#usableCores()}).
     */
    public static int machineCores(Trace t) {
        return Math.max(1, t.machine().usableCores());
    }

    /** Why a traced program has no ideal time, speedup or efficiency. */
    public static final String TRACED_NO_IDEAL = "a traced program: its work was not set by CoreLanes, so there is no "
            + "ideal time to compare with";

    /** Why a traced program's CPU time has no runtime part: its threads are all of it. */
    public static final String TRACED_ALL_THREADS = "a traced program: its threads are all there is, with no runtime "
            + "of CoreLanes' around them";

    /**
     * How much of the run's time its tasks computed at the same moment ({@link Overlap}): derived from the spans on
     * demand, not with every figure (a long run holds millions of spans), and written by {@link FigureText#overlap}.
     */
    public static Overlap overlap(Trace t) {
        return Overlap.of(t);
    }

    static RunFigures of(Trace t, int machineCores) {
        ExperimentSpec s = t.spec();
        if (s.mode() == ExecutionMode.TRACED) {
            // Only what was measured: wall, CPU, the threads on the lanes. Nothing was asked, so nothing is ideal.
            int usable = Math.max(1, Math.min(machineCores, s.tasks()));
            String why = t.status() != TaskStatus.COMPLETED ? "run " + t.status().id() : TRACED_NO_IDEAL;
            return new RunFigures(t.status(), t.wallSeconds(), t.cpuSeconds(), Double.NaN, machineCores, s.tasks(),
                    usable, Double.NaN, RunBaseline.Kind.NONE, Double.NaN, Double.NaN, why, Drift.NONE, why,
                    t.baseline().why(), null, cpuSplit(t), true);
        }
        int concurrency = concurrency(s);
        int usable = usableCores(s, t.runtime().realGil(), machineCores);
        double ideal = idealSeconds(s, usable);
        double wall = t.wallSeconds();
        Drift drift = drift(t, ideal);
        RunBaseline chosen = t.baseline();
        double speedup = Double.NaN;
        double efficiency = Double.NaN;
        double base = Double.NaN;
        RunBaseline.Kind kind = RunBaseline.Kind.NONE;
        String reason = "";
        String efficiencyReason = "";
        if (t.status() != TaskStatus.COMPLETED) {
            reason = "run " + t.status().id();
            efficiencyReason = reason;
        } else if (t.wallNanos() <= 0) {
            reason = "no wall time measured";
            efficiencyReason = reason;
        } else {
            efficiency = ideal / wall;
            if (efficiency > 1) {
                if (drift.recalibrate()) {
                    efficiency = Double.NaN; // faster than the machine allows: the tasks did less work than asked
                    efficiencyReason = "calibration drift: the tasks did less work than asked";
                } else {
                    efficiency = 1; // under 10 % below ideal: timer resolution and rounding, not faster than possible
                }
            }
            kind = chosen.kind();
            if (kind == RunBaseline.Kind.SEQUENTIAL_RUN) {
                base = chosen.run().wallSeconds();
            } else if (kind == RunBaseline.Kind.TOTAL_WORK) {
                base = totalWorkSeconds(t);
            } else if (chosen.why().isEmpty()) {
                reason = "no sequential run of this workload to compare with";
            } else {
                reason = "no fair sequential run to compare with: " + chosen.why();
            }
            if (kind != RunBaseline.Kind.NONE) {
                speedup = base / wall;
                if (speedup > usable * (1 + LIMIT_NOISE)) {
                    reason = pastLimit(t, chosen, usable, base, drift);
                    speedup = Double.NaN;
                } else if (speedup > usable) {
                    speedup = usable; // timer noise at the limit (see LIMIT_NOISE)
                }
            }
        }
        return new RunFigures(t.status(), wall, t.cpuSeconds(), ideal, machineCores, concurrency, usable, speedup,
                kind, base, efficiency, reason, drift, efficiencyReason, chosen.why(),
                kind == RunBaseline.Kind.SEQUENTIAL_RUN ? chosen.run() : null, cpuSplit(t), false);
    }

    /**
     * The total work of a compute run: its tasks' measured CPU time when every task's is known, else what was
     * asked (tasks × seconds).
     */
    static double totalWorkSeconds(Trace t) {
        long sum = 0;
        int known = 0;
        for (TaskRecord r : t.tasks()) {
            if (r.status() == TaskStatus.COMPLETED && r.cpuKnown()) {
                sum += r.cpuNanos();
                known++;
            }
        }
        return known == t.spec().tasks() && sum > 0 ? sum / 1e9 : t.spec().totalWorkSeconds();
    }

    /** Why a speedup past the limit is not one, from what was measured around the run and its baseline. */
    private static String pastLimit(Trace t, RunBaseline chosen, int usable, double base, Drift drift) {
        String limit = "past the limit of " + (t.spec().kind() == TaskKind.SLEEP
                ? usable + " waits at a time" : MachineInfo.count(usable, "core"));
        if (drift.recalibrate()) {
            return limit + ": calibration drift, the tasks did less work than asked";
        }
        if (chosen.kind() == RunBaseline.Kind.SEQUENTIAL_RUN) {
            RunBaseline.Reference b = chosen.run();
            if (!Double.isNaN(b.otherLoad()) && b.otherLoad() > BUSY_LOAD) {
                return limit + ": the sequential run was slowed by other programs (" + FigureText.percent(b.otherLoad())
                        + " busy)";
            }
            double work = t.spec().kind() == TaskKind.SLEEP ? t.spec().tasks() * t.spec().taskSeconds()
                    : t.spec().totalWorkSeconds();
            return limit + ": the sequential run (" + FigureText.seconds(base) + ") took longer than its "
                    + FigureText.seconds(work) + " of work";
        }
        return limit + ": the tasks' measured CPU time (" + FigureText.seconds(base) + ") is more than "
                + MachineInfo.count(usable, "core") + " can give in " + FigureText.seconds(t.wallSeconds());
    }

    /** Tasks the execution model lets run at once. */
    public static int concurrency(ExperimentSpec s) {
        return s.mode() == ExecutionMode.SEQUENTIAL ? 1 : Math.max(1, Math.min(s.workers(), s.tasks()));
    }

    private static int usableCores(ExperimentSpec s, boolean realGil, int machineCores) {
        int concurrent = concurrency(s);
        if (s.kind() == TaskKind.SLEEP) {
            return concurrent; // sleeping occupies no core: the limit is how many tasks wait at once
        }
        if ((s.gil() || realGil) && !s.mode().processBased()) {
            return 1; // one lock in one interpreter (emulated, or CPython's own): one task computes at a time
        }
        return Math.max(1, Math.min(machineCores, concurrent));
    }

    /**
     * The best wall time the machine allows: total work ÷ usable cores. Sleep tasks need no core, so for
     * them it is the number of waves of waiting tasks × seconds per task.
     */
    private static double idealSeconds(ExperimentSpec s, int usable) {
        if (s.kind() == TaskKind.SLEEP) {
            int waves = (s.tasks() + usable - 1) / usable;
            return waves * s.taskSeconds();
        }
        return s.totalWorkSeconds() / usable;
    }

    /**
     * How far a task's measured CPU time may be from {@code askedNanos} before it has drifted: 10 %, plus one tick
     * of the thread CPU clock that measured it. A task's CPU time is the difference of two readings, each rounded
     * down to the clock's tick, so it can be up to one tick off however exact the work was: on Windows' 15.625 ms
     * clock a 0.2 s task reads ±8 %. The one place this widening is decided.
     */
    public static double driftTolerance(long askedNanos, ThreadCpuClock.Tick tick) {
        return DRIFT_TOLERANCE + (askedNanos > 0 && tick.known() ? (double) tick.nanos() / askedNanos : 0);
    }

    private static Drift drift(Trace t, double ideal) {
        if (t.spec().kind() != TaskKind.COMPUTE) {
            return Drift.NONE;
        }
        long asked = Math.round(t.spec().taskSeconds() * 1e9);
        double tolerance = driftTolerance(asked, t.calibration().cpuTick());
        int checked = 0;
        int off = 0;
        double worst = 1;
        boolean onlyFirstTasksSlower = t.spec().mode().processBased();
        java.util.Set<String> workersSeen = new java.util.HashSet<>();
        List<TaskRecord> byStart = t.tasks().stream()
                .sorted(java.util.Comparator.comparingLong(TaskRecord::startNanos)).toList();
        for (TaskRecord r : byStart) {
            boolean firstOfWorker = workersSeen.add(r.worker());
            if (r.status() != TaskStatus.COMPLETED || !r.cpuKnown()) {
                continue;
            }
            checked++;
            double ratio = (double) r.cpuNanos() / asked;
            if (Math.abs(ratio - 1) > tolerance) {
                off++;
                onlyFirstTasksSlower &= firstOfWorker && ratio > 1;
                if (Math.abs(ratio - 1) > Math.abs(worst - 1)) {
                    worst = ratio;
                }
            }
        }
        boolean underIdeal = t.status() == TaskStatus.COMPLETED && t.wallNanos() > 0
                && t.wallSeconds() < ideal * (1 - DRIFT_TOLERANCE);
        if (off == 0 && !underIdeal) {
            return new Drift(checked, 0, 1, false, "", false);
        }
        if (onlyFirstTasksSlower && !underIdeal) {
            return new Drift(checked, off, worst, false, "each new worker JVM ran the kernel of its first task "
                    + "before its JIT compiler had compiled it", true);
        }
        return new Drift(checked, off, worst, underIdeal, why(t, off > 0 ? worst : 0.5), false);
    }

    /** The likely cause of a drift, from what the engine measured around the run. */
    private static String why(Trace t, double ratio) {
        RunConditions c = t.conditions();
        long cal = t.calibration().stepsPerSecond();
        if (c.rateChecked() && cal > 1 && Math.abs((double) c.stepsPerSecondAfter() / cal - 1) > RATE_CHANGE) {
            double change = (double) c.stepsPerSecondAfter() / cal - 1;
            return String.format(Locale.ROOT, "the CPU ran the kernel %.0f %% %s after the run than when calibrated "
                    + "(CPU clock changed)", Math.abs(change) * 100, change < 0 ? "slower" : "faster");
        }
        if (c.loadKnown() && c.otherLoad() > BUSY_LOAD) {
            return String.format(Locale.ROOT, "machine busy: other programs used %.0f %% of the CPUs",
                    c.otherLoad() * 100);
        }
        return ratio < 1 ? "the calibration overestimated this CPU's speed (cause unknown)"
                : "the kernel ran slower than calibrated (cause unknown)";
    }

    /** True when the run is its own baseline (a sequential run: ×1.00, not worth printing beside it). */
    public boolean comparedWithItself() {
        return baselineRun != null && baselineRun.self();
    }

    /** True when a speedup was measured. */
    public boolean hasSpeedup() {
        return !Double.isNaN(speedup);
    }

    public boolean hasEfficiency() {
        return !Double.isNaN(efficiency);
    }

    /**
     * The run's CPU time ({@link #cpuSeconds}) split in two: what its tasks' own code used, and the rest — the
     * runtime's work around them: creating threads and processes, scheduling virtual threads, JIT compiling,
     * collecting garbage, a worker JVM's or interpreter's start-up. 10 000 sleeping virtual threads use ~0 s of
     * task CPU time and a second of the runtime's.
     *
     * @param taskSeconds     the sum of the tasks' measured CPU times; NaN when a task that ran was not measured
     * @param runtimeSeconds  the run's CPU time less the tasks'; NaN when it cannot be told apart
     * @param unmeasuredTasks tasks that ran without a measured CPU time
     * @param unknownReason   why a part is unknown; empty when both are known
     */
    public record CpuSplit(double taskSeconds, double runtimeSeconds, int unmeasuredTasks, String unknownReason) {

        public boolean tasksKnown() {
            return !Double.isNaN(taskSeconds);
        }

        public boolean runtimeKnown() {
            return !Double.isNaN(runtimeSeconds);
        }
    }

    /** {@link CpuSplit}: the tasks' records against the run's CPU time, saying so where a part is unknown. */
    private static CpuSplit cpuSplit(Trace t) {
        long tasks = 0;
        int unmeasured = 0;
        int ran = 0;
        for (TaskRecord r : t.tasks()) {
            if (r.cpuKnown()) {
                tasks += r.cpuNanos();
                ran++;
            } else if (!r.worker().isEmpty() && r.endNanos() > r.startNanos()) {
                unmeasured++; // it ran, for a while, and nothing says what CPU time it used
                ran++;
            }
        }
        if (unmeasured > 0) {
            String why = t.spec().mode() == ExecutionMode.VIRTUAL && !t.runtime().python() && unmeasured == ran
                    ? "virtual threads' own CPU time was not measured (CoreLanes reads it on Linux only)"
                    : unmeasured + " of " + ran + (ran == 1 ? " task" : " tasks") + " ran without a measured CPU time";
            return new CpuSplit(Double.NaN, Double.NaN, unmeasured, why);
        }
        if (t.spec().mode() == ExecutionMode.TRACED) {
            return new CpuSplit(tasks / 1e9, Double.NaN, 0, TRACED_ALL_THREADS);
        }
        if (!t.conditions().runtimeCpuMeasured()) {
            return new CpuSplit(tasks / 1e9, Double.NaN, 0, "the runtime's share was not measured (a run file from an "
                    + "older CoreLanes, or a worker that ended without reporting it)");
        }
        long rest = t.cpuNanos() - tasks;
        if (rest < 0) {
            return new CpuSplit(tasks / 1e9, Double.NaN, 0, "the run's CPU time is less than its tasks' (a run file "
                    + "that does not add up)");
        }
        return new CpuSplit(tasks / 1e9, rest / 1e9, 0, "");
    }
}

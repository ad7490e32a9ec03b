package dev.corelanes.teach;

import dev.corelanes.engine.platform.CpuList;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The automatic caption of a run: its figures (from {@link RunFigures}, the one source) and the patterns a
 * teacher would point at (serialized by the GIL, oversubscribed, spawn cost dominates, machine busy,
 * calibration drift, process start-up). Nothing is guessed beyond what the spans and the figures show.
 *
 * @param figures  wall, ideal, speedup (and its baseline), efficiency, drift
 * @param patterns named patterns, each a short sentence
 */
public record RunExplanation(RunFigures figures, List<String> patterns) {

    public static final String GIL = "Serialized by the GIL";
    public static final String OVERSUBSCRIBED = "Oversubscribed";
    public static final String WAITING = "Waiting for a CPU";
    /** A traced program's wait for a CPU is named when its threads' waits add up to this share of the wall time. */
    static final double WAITING_SHARE = 0.05;
    public static final String SPAWN = "Spawn cost dominates";
    public static final String BUSY = "Machine busy";
    public static final String DRIFT = "Calibration drift";
    public static final String PROCESS_START = "Process start-up";
    public static final String PINNED = "Pinned";
    public static final String EFFICIENCY_CORES = "Efficiency cores";
    public static final String LIMITED = "Fewer usable CPUs";
    public static final String NOT_COMPARED = "Not compared with sequential";

    /** The explanation of a run from what it measured (its figures against its baseline, its load). */
    public static RunExplanation of(Trace t) {
        return of(t, Double.NaN);
    }

    /**
     * @param otherLoad   the machine's average CPU load from other programs during the run, 0..1, or NaN to use
     *                    what the engine measured
     */
    public static RunExplanation of(Trace t, double otherLoad) {
        RunFigures f = RunFigures.of(t);
        double wall = Math.max(1e-9, f.wallSeconds());
        double load = Double.isNaN(otherLoad) ? t.conditions().otherLoad() : otherLoad;
        List<String> patterns = new ArrayList<>();
        var m = t.machine();
        if (!m.pinnedCpus().isEmpty()) {
            patterns.add(PINNED + ": the run could use only CPU " + dev.corelanes.engine.platform.CpuList.format(m.pinnedCpus())
                    + " (" + m.usableCores() + " of the machine's " + m.logicalCores() + "), so its ideal is for "
                    + FigureText.atATime(f) + ".");
        } else if (m.limited()) {
            patterns.add(LIMITED + ": this process could use " + m.usableCores() + " of the machine's "
                    + m.logicalCores() + " CPUs (its affinity mask or container CPU quota).");
        }
        if (f.hasSpeedup() && f.baseline() == dev.corelanes.engine.RunBaseline.Kind.TOTAL_WORK
                && !f.baselineWhy().isEmpty()) {
            patterns.add(NOT_COMPARED + ": the speedup is against the tasks' own work, not the sequential run: "
                    + f.baselineWhy() + ".");
        }
        String drift = FigureText.drift(f);
        if (!drift.isEmpty()) {
            patterns.add(drift);
        }
        boolean compute = t.spec().kind() == TaskKind.COMPUTE;
        long gilWaits = count(t, SpanState.GIL_WAIT);
        if (compute && t.spec().gil() && !t.spec().mode().processBased() && gilWaits > 0) {
            patterns.add(GIL + ": one thread computed at a time, taking turns every 5 ms (" + gilWaits + " waits).");
        } else if (compute && t.runtime().realGil() && !t.spec().mode().processBased() && gilWaits > 0) {
            patterns.add(GIL + " of " + t.runtime().label() + ": one thread computed at a time (" + gilWaits
                    + (gilWaits == 1 ? " wait" : " waits") + ", measured inside the interpreter).");
        }
        long preempted = count(t, SpanState.PREEMPTED);
        int cpus = f.machineCores();
        if (t.spec().mode() == dev.corelanes.engine.ExecutionMode.TRACED) {
            // A traced program asked for no tasks: its threads are what it made, and a thread blocked in join() or
            // waiting for the GIL is asleep, not oversubscribing. Only the measured wait for a CPU is said.
            double waiting = dev.corelanes.engine.StateTotals.nanos(t, SpanState.PREEMPTED) / 1e9;
            if (waiting >= WAITING_SHARE * wall) {
                patterns.add(WAITING + ": the program's threads were ready to run but had no CPU for "
                        + FigureText.seconds(waiting) + " in all, " + FigureText.seconds(wall) + " of wall time ("
                        + "more threads ready than the " + cpus + (cpus == 1 ? " CPU" : " CPUs")
                        + ", or other programs on them).");
            }
        } else if (compute && f.concurrency() > cpus && preempted > 0) {
            patterns.add(OVERSUBSCRIBED + ": " + f.concurrency() + " tasks for " + cpus
                    + (t.machine().limited() ? " usable" : "") + (cpus == 1 ? " CPU" : " CPUs")
                    + ", so the OS time-sliced them (" + preempted + " preemptions).");
        }
        if (compute) {
            HybridCores.explain(t).ifPresent(patterns::add);
        }
        double spawnSeconds = t.spans().stream().filter(s -> s.state() == SpanState.SPAWNING)
                .mapToLong(Span::durationNanos).max().orElse(0) / 1e9;
        if (spawnSeconds > 0 && spawnSeconds > 0.2 * wall) {
            patterns.add(SPAWN + ": starting a process took " + FigureText.seconds(spawnSeconds) + " of the "
                    + FigureText.seconds(wall) + ".");
        }
        if (!Double.isNaN(load) && load > RunFigures.BUSY_LOAD) {
            patterns.add(String.format(Locale.ROOT, "%s: other programs used %.0f %% of the CPUs during the run.",
                    BUSY, load * 100));
        } else if (compute && t.status() == TaskStatus.COMPLETED && wall > 1.25 * f.idealSeconds() + spawnSeconds
                && patterns.stream().allMatch(p -> p.startsWith(PINNED) || p.startsWith(LIMITED))) {
            patterns.add(String.format(Locale.ROOT, "%s? The run took %.0f %% longer than ideal.", BUSY,
                    (wall / f.idealSeconds() - 1) * 100));
        }
        if (!t.conditions().placedBy().isEmpty()) { // a traced program: exact (the kernel's records) or sampled
            patterns.add("Lanes placed by " + t.conditions().placedBy() + ".");
        }
        // The window's own drawing is CPU the tasks may have waited for: said wherever the run's caption is shown.
        String window = FigureText.windowCpu(t);
        if (!window.isEmpty()) {
            patterns.add(window);
        }
        return new RunExplanation(f, List.copyOf(patterns));
    }

    private static long count(Trace t, SpanState state) {
        return t.spans().stream().filter(s -> s.state() == state).count();
    }

    /** One or two lines for under the timeline. */
    public String caption() {
        RunFigures f = figures;
        String head = "Wall " + FigureText.seconds(f.wallSeconds()) + " · ideal " + FigureText.seconds(f.idealSeconds())
                + (f.hasEfficiency()
                ? " · speedup " + FigureText.speedup(f) + " · efficiency " + FigureText.efficiency(f)
                : f.noEfficiencyReason().equals(f.noSpeedupReason()) ? " · no speedup or efficiency: " + f.noSpeedupReason()
                : " · speedup " + FigureText.speedup(f) + " · efficiency " + FigureText.efficiency(f));
        return patterns.isEmpty() ? head : head + "\n" + String.join(" ", patterns);
    }
}

package dev.corelanes.teach;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The automatic caption of a run: ideal time, speedup, efficiency, and the patterns a teacher would point
 * at (serialized by the GIL, oversubscribed, spawn cost dominates, machine busy). Everything is computed
 * from the trace; nothing is guessed beyond what the spans show.
 *
 * @param speedup    vs the sequential run of the same workload if there is one, else total work ÷ wall
 * @param efficiency speedup ÷ usable cores (1 = perfect use of what the machine allows)
 * @param patterns   named patterns, each a short sentence
 */
public record RunExplanation(double wallSeconds, double idealSeconds, double speedup, boolean speedupVsSequential,
                             double efficiency, List<String> patterns) {

    public static final String GIL = "Serialized by the GIL";
    public static final String OVERSUBSCRIBED = "Oversubscribed";
    public static final String SPAWN = "Spawn cost dominates";
    public static final String BUSY = "Machine busy";

    /**
     * @param sequential  a completed sequential run of the same workload, if any
     * @param otherLoad   the machine's average CPU load from other programs during the run, 0..1, or NaN
     */
    public static RunExplanation of(Trace t, Optional<Trace> sequential, double otherLoad) {
        double wall = Math.max(1e-9, t.wallSeconds());
        boolean vsSeq = sequential.isPresent() && sequential.get().status() == TaskStatus.COMPLETED;
        double base = vsSeq ? sequential.get().wallSeconds() : t.spec().totalWorkSeconds();
        double speedup = base / wall;
        double efficiency = speedup / t.usableCores();
        List<String> patterns = new ArrayList<>();
        boolean compute = t.spec().kind() == TaskKind.COMPUTE;
        long gilWaits = count(t, SpanState.GIL_WAIT);
        if (compute && t.spec().gil() && !t.spec().mode().processBased() && gilWaits > 0) {
            patterns.add(GIL + ": one thread computed at a time, taking turns every 5 ms (" + gilWaits + " waits).");
        } else if (compute && t.runtime().realGil() && !t.spec().mode().processBased() && gilWaits > 0) {
            patterns.add(GIL + " of " + t.runtime().label() + ": one thread computed at a time (" + gilWaits
                    + (gilWaits == 1 ? " wait" : " waits") + ", measured inside the interpreter).");
        }
        int concurrent = t.spec().mode() == ExecutionMode.SEQUENTIAL ? 1 : Math.min(t.spec().workers(), t.spec().tasks());
        long preempted = count(t, SpanState.PREEMPTED);
        if (compute && concurrent > t.machine().logicalCores() && preempted > 0) {
            patterns.add(OVERSUBSCRIBED + ": " + concurrent + " tasks for " + t.machine().logicalCores()
                    + " CPUs, so the OS time-sliced them (" + preempted + " preemptions).");
        }
        double spawnSeconds = t.spans().stream().filter(s -> s.state() == SpanState.SPAWNING)
                .mapToLong(Span::durationNanos).max().orElse(0) / 1e9;
        if (spawnSeconds > 0 && spawnSeconds > 0.2 * wall) {
            patterns.add(String.format(Locale.ROOT, "%s: starting a process took %.0f ms of the %.2f s.", SPAWN,
                    spawnSeconds * 1000, wall));
        }
        if (!Double.isNaN(otherLoad) && otherLoad > 0.3) {
            patterns.add(String.format(Locale.ROOT, "%s: other programs used %.0f %% of the CPUs during the run.",
                    BUSY, otherLoad * 100));
        } else if (compute && t.status() == TaskStatus.COMPLETED && wall > 1.25 * t.idealSeconds() + spawnSeconds
                && patterns.isEmpty()) {
            patterns.add(String.format(Locale.ROOT, "%s? The run took %.0f %% longer than ideal.", BUSY,
                    (wall / t.idealSeconds() - 1) * 100));
        }
        return new RunExplanation(wall, t.idealSeconds(), speedup, vsSeq, efficiency, List.copyOf(patterns));
    }

    private static long count(Trace t, SpanState state) {
        return t.spans().stream().filter(s -> s.state() == state).count();
    }

    /** One or two lines for under the timeline. */
    public String caption() {
        String head = String.format(Locale.ROOT, "Wall %.2f s · ideal %.2f s · speedup ×%.2f %s · efficiency %.0f %%",
                wallSeconds, idealSeconds, speedup, speedupVsSequential ? "vs sequential" : "(work ÷ wall)",
                efficiency * 100);
        return patterns.isEmpty() ? head : head + "\n" + String.join(" ", patterns);
    }
}

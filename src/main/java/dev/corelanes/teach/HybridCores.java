package dev.corelanes.teach;

import dev.corelanes.engine.CoreClass;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * On a hybrid processor, which class of core each compute task mostly ran on, and how much longer the
 * tasks on efficiency cores took than those on performance cores. The calibration is measured once, on
 * whichever core it ran, not per class (no OS lets a thread ask for a class and be sure to get it), so
 * "1 s of work" is 1 s on that core: the caption says so rather than hide it.
 */
final class HybridCores {

    private HybridCores() {
    }

    static Optional<String> explain(Trace t) {
        if (t.machine().cpuClasses().isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, long[]> byTask = new HashMap<>(); // task → running nanos on [performance, efficiency]
        for (Span s : t.spans()) {
            CoreClass k = s.state() == SpanState.RUNNING && s.hasCore() ? t.machine().classOf(s.core()) : null;
            if (k != null) {
                byTask.computeIfAbsent(s.task(), x -> new long[2])[k == CoreClass.PERFORMANCE ? 0 : 1]
                        += s.durationNanos();
            }
        }
        List<TaskRecord> onP = new ArrayList<>();
        List<TaskRecord> onE = new ArrayList<>();
        for (TaskRecord r : t.tasks()) {
            long[] ns = byTask.get(r.id());
            if (r.status() == TaskStatus.COMPLETED && ns != null) {
                (ns[1] > ns[0] ? onE : onP).add(r);
            }
        }
        if (onE.isEmpty()) {
            return Optional.empty();
        }
        String tasks = onE.size() == 1 ? "task " + onE.get(0).id() : onE.size() + " tasks";
        if (onP.isEmpty()) {
            return Optional.of(RunExplanation.EFFICIENCY_CORES + ": every task ran mostly on efficiency cores; the "
                    + "calibration was measured once, not per class, so they may have taken longer than on a "
                    + "performance core.");
        }
        double slower = mean(onE) / mean(onP);
        return Optional.of(String.format(Locale.ROOT, "%s: %s ran mostly on efficiency cores and took %.2f× as "
                        + "long as the tasks on performance cores (the calibration is measured once, not per class).",
                RunExplanation.EFFICIENCY_CORES, tasks, slower));
    }

    private static double mean(List<TaskRecord> tasks) {
        return tasks.stream().mapToLong(r -> r.endNanos() - r.startNanos()).average().orElse(1);
    }
}

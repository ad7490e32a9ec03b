package dev.corelanes.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The names the Java backends give a run's workers, known from its settings alone: {@code T1}, {@code T2} … for
 * threads. The backends name their workers here, and a window draws their lanes, named, before the run's clock
 * starts: lanes that appeared with the first tasks made the window lay out and repaint every lane just after the
 * clock started (measured: 40 ms of CPU at 1920×1080 in software, taken from the tasks).
 */
public final class WorkerNames {

    private WorkerNames() {
    }

    /** The name of worker {@code i} (from 1) of a run of {@code spec} on the Java runtime. */
    public static String of(ExperimentSpec spec, int i) {
        return switch (spec.mode()) {
            case SEQUENTIAL -> "main";
            case POOL -> "W" + i;
            case VIRTUAL -> "V" + i;
            case PROCESSES, PROCESS_POOL -> "P" + i;
            default -> "T" + i;
        };
    }

    /** Every worker of a run of {@code spec} on the Java runtime, in order; none for a traced program. */
    public static List<String> all(ExperimentSpec spec) {
        int n = switch (spec.mode()) {
            case SEQUENTIAL -> 1;
            case POOL, PROCESS_POOL -> spec.workers();
            case THREADS, VIRTUAL, PROCESSES -> spec.tasks();
            case TRACED -> 0;
        };
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(of(spec, i));
        }
        return names;
    }
}

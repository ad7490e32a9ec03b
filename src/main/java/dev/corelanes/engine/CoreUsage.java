package dev.corelanes.engine;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** How one logical CPU was used by a run: running time and which tasks ran there. */
public record CoreUsage(int core, long runningNanos, Set<Integer> tasks) {

    /** Per core, in core order; spans without a known core are left out. */
    public static Map<Integer, CoreUsage> of(Trace trace) {
        Map<Integer, long[]> time = new TreeMap<>();
        Map<Integer, Set<Integer>> tasks = new TreeMap<>();
        for (Span s : trace.spans()) {
            if (s.state() == SpanState.RUNNING && s.hasCore()) {
                time.computeIfAbsent(s.core(), c -> new long[1])[0] += s.durationNanos();
                tasks.computeIfAbsent(s.core(), c -> new TreeSet<>()).add(s.task());
            }
        }
        Map<Integer, CoreUsage> out = new TreeMap<>();
        time.forEach((core, t) -> out.put(core, new CoreUsage(core, t[0], Set.copyOf(tasks.get(core)))));
        return out;
    }
}

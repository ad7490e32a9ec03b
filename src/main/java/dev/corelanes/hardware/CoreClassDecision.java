package dev.corelanes.hardware;

import dev.corelanes.engine.CoreClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The class of each logical CPU, decided from OSHI's per-core efficiency values and the OS's own word.
 *
 * @param perCpu the class of each logical CPU; empty when all cores are of one kind or it is unknown
 * @param how    how it was decided, one line for {@code corelanes info}
 */
record CoreClassDecision(List<CoreClass> perCpu, String how) {

    CoreClassDecision {
        perCpu = List.copyOf(perCpu);
    }

    /**
     * @param efficiency OSHI's efficiency value of each logical CPU's physical core (higher = faster core), or
     *                   empty when OSHI could not tell
     * @param os         what the OS says, if anything
     */
    static CoreClassDecision decide(List<Integer> efficiency, Optional<CoreClassSource.OsClasses> os) {
        List<CoreClass> oshi = fromEfficiency(efficiency);
        if (os.isEmpty()) {
            return oshi.isEmpty() ? new CoreClassDecision(List.of(), "one kind of core")
                    : new CoreClassDecision(oshi, "OSHI's core efficiency (nothing from the OS to cross-check)");
        }
        CoreClassSource.OsClasses o = os.get();
        if (!o.perCpu().isEmpty()) {
            if (oshi.equals(o.perCpu())) {
                return new CoreClassDecision(oshi, "OSHI's core efficiency, confirmed by " + o.source());
            }
            // The kernel's list is what its scheduler uses: trust it over a library's reading.
            return new CoreClassDecision(o.perCpu(), o.source() + (oshi.isEmpty() ? " (OSHI saw one kind of core)"
                    : " (OSHI's efficiency values disagreed)"));
        }
        long p = oshi.stream().filter(c -> c == CoreClass.PERFORMANCE).count();
        if (!oshi.isEmpty() && p == o.performance() && oshi.size() - p == o.efficiency()) {
            return new CoreClassDecision(oshi, "OSHI's core efficiency, counts confirmed by " + o.source());
        }
        return new CoreClassDecision(List.of(), o.source() + " says " + o.performance() + " performance + "
                + o.efficiency() + " efficiency CPUs, but which CPU is which is unknown"
                + (oshi.isEmpty() ? "" : " (OSHI's counts differ)"));
    }

    /** The lowest efficiency value marks the efficiency cores; all equal means one kind of core. */
    static List<CoreClass> fromEfficiency(List<Integer> efficiency) {
        if (efficiency.isEmpty()) {
            return List.of();
        }
        int min = efficiency.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = efficiency.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (min == max) {
            return List.of();
        }
        List<CoreClass> out = new ArrayList<>(efficiency.size());
        efficiency.forEach(e -> out.add(e == min ? CoreClass.EFFICIENCY : CoreClass.PERFORMANCE));
        return out;
    }
}

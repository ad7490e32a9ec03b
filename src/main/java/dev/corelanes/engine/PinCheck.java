package dev.corelanes.engine;

import dev.corelanes.engine.platform.CpuList;
import java.util.List;
import java.util.TreeSet;

/**
 * Whether a pinned run's tasks stayed on the CPUs they were pinned to, by the cores they were seen on (spans
 * and core samples). A pin that did not hold — an interpreter started before the run was pinned, an OS that
 * ignored the mask — must fail the run: its figures divide by the pinned cores, and its run file would claim a
 * pin that was not true.
 */
final class PinCheck {

    private PinCheck() {
    }

    /** One line saying where the tasks ran outside {@code pinned}, or null when the pin held (or nothing was pinned). */
    static String broken(List<Integer> pinned, List<Span> spans, List<SampleBatch> batches) {
        if (pinned.isEmpty()) {
            return null;
        }
        TreeSet<Integer> outside = new TreeSet<>();
        for (Span s : spans) {
            if (s.hasCore() && !pinned.contains(s.core())) {
                outside.add(s.core());
            }
        }
        for (SampleBatch b : batches) {
            for (CoreSample c : b.samples()) {
                if (c.core() >= 0 && !pinned.contains(c.core())) {
                    outside.add(c.core());
                }
            }
        }
        if (outside.isEmpty()) {
            return null;
        }
        return "the run was pinned to CPU " + CpuList.format(pinned) + " but its tasks also ran on CPU "
                + CpuList.format(List.copyOf(outside)) + ": the pin did not hold, so its figures would be wrong";
    }
}

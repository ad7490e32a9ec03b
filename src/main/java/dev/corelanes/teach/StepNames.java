package dev.corelanes.teach;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Trace;

import java.util.Locale;

/** How a run is named when runs are compared in words: "threads + GIL", "sequential in CPython 3.11.7". */
final class StepNames {

    private StepNames() {
    }

    /** The run's model, with what sets it apart: the GIL, real Python, a core limit. */
    static String model(Trace t) {
        StringBuilder b = new StringBuilder(t.spec().mode().label().toLowerCase(Locale.ROOT));
        if (t.spec().gil()) {
            b.append(" + GIL");
        }
        if (t.runtime().python()) {
            b.append(" in CPython").append(t.runtime().version().isEmpty() ? "" : " " + t.runtime().version());
        }
        if (!t.machine().pinnedCpus().isEmpty()) {
            b.append(" on ").append(MachineInfo.count(t.machine().usableCores(), "core"));
        }
        return b.toString();
    }

    /** "step 2 (threads)". */
    static String step(int index, Trace t) {
        return "step " + (index + 1) + " (" + model(t) + ")";
    }
}

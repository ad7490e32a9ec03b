package dev.corelanes.teach;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What a class should know before comparing runs stacked on one time axis: which of them ran on a busy
 * machine (a run measured while other programs used the CPUs waited for them too), so the comparison carries
 * the warning of every run, not only the single run on screen.
 *
 * @param runs  how many runs are compared
 * @param notes one sentence per warning, in the runs' order
 */
public record ComparisonNotes(int runs, List<String> notes) {

    public ComparisonNotes {
        notes = List.copyOf(notes);
    }

    /** The notes for {@code traces}, named by their position and model ("run 2 (threads)"). */
    public static ComparisonNotes of(List<Trace> traces) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            names.add("run " + (i + 1) + " (" + StepNames.model(traces.get(i)) + ")");
        }
        return of(traces, names);
    }

    /**
     * The notes for {@code traces}, each named as {@code names} says ("step 1 (sequential)"): one sentence
     * naming every run measured on a busy machine, with the load during each.
     */
    public static ComparisonNotes of(List<Trace> traces, List<String> names) {
        List<String> busy = new ArrayList<>();
        boolean compute = false;
        for (int i = 0; i < traces.size(); i++) {
            Trace t = traces.get(i);
            if (t != null && t.conditions().loadKnown() && t.conditions().otherLoad() > RunFigures.BUSY_LOAD) {
                busy.add(FigureText.percent(t.conditions().otherLoad()) + " during " + names.get(i));
                compute |= t.spec().kind() == dev.corelanes.engine.TaskKind.COMPUTE;
            }
        }
        if (busy.isEmpty()) {
            return new ComparisonNotes(traces.size(), List.of());
        }
        String during = busy.size() == 1 ? busy.get(0) : String.join(", ", busy.subList(0, busy.size() - 1))
                + " and " + busy.get(busy.size() - 1);
        List<String> notes = List.of(RunExplanation.BUSY + ": other programs used "
                + during.replaceFirst(" during", " of the CPUs during")
                // A wait needs no CPU: only compute tasks are slowed by other programs.
                + (compute ? "; compute tasks that waited for them took longer." : "."));
        return new ComparisonNotes(traces.size(), notes);
    }

    /** The caption under runs compared in the window. */
    public String caption() {
        String head = runs + " runs on one time axis: compare their lengths, then export them as one slide (Ctrl+E).";
        return notes.isEmpty() ? head : head + "\n" + String.join(" ", notes);
    }
}

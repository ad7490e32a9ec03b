package dev.corelanes.teach;

import dev.corelanes.engine.ExperimentSpec;

import java.util.List;

/**
 * A preset for class: one or more experiments to run in turn (e.g. sequential, then threads), the question
 * to ask before, and what to notice after.
 *
 * @param steps       the experiments, in the order to run and compare them
 * @param explanation a few sentences shown beside the timeline
 */
public record Lesson(String id, String title, String question, List<ExperimentSpec> steps, String explanation,
                     List<Boolean> pythonSteps) {
    public Lesson {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one experiment");
        }
        steps = List.copyOf(steps);
        pythonSteps = pythonSteps == null ? List.of() : List.copyOf(pythonSteps);
        if (!pythonSteps.isEmpty() && pythonSteps.size() != steps.size()) {
            throw new IllegalArgumentException("say for every step whether it runs in Python");
        }
    }

    /** A lesson whose steps all run in Java. */
    public Lesson(String id, String title, String question, List<ExperimentSpec> steps, String explanation) {
        this(id, title, question, steps, explanation, List.of());
    }

    /** True when step {@code spec} runs in a real Python interpreter rather than Java. */
    public boolean python(ExperimentSpec spec) {
        int i = steps.indexOf(spec);
        return i >= 0 && !pythonSteps.isEmpty() && pythonSteps.get(i);
    }

    /** The experiment the controls are set to when the lesson is chosen. */
    public ExperimentSpec first() {
        return steps.get(0);
    }
}

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
public record Lesson(String id, String title, String question, List<ExperimentSpec> steps, String explanation) {
    public Lesson {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one experiment");
        }
        steps = List.copyOf(steps);
    }

    /** The experiment the controls are set to when the lesson is chosen. */
    public ExperimentSpec first() {
        return steps.get(0);
    }
}

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
                     List<Integer> cores) {
    /** @param cores per step, the cores the run is limited to ("use only N cores"); 0 = every usable core */
    public Lesson {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one experiment");
        }
        steps = List.copyOf(steps);
        cores = cores == null || cores.isEmpty() ? java.util.Collections.nCopies(steps.size(), 0) : List.copyOf(cores);
        if (cores.size() != steps.size()) {
            throw new IllegalArgumentException("a lesson needs one core limit per step");
        }
    }

    /** A lesson whose every step runs on all usable cores. */
    public Lesson(String id, String title, String question, List<ExperimentSpec> steps, String explanation) {
        this(id, title, question, steps, explanation, List.of());
    }

    /** The cores step {@code step} is limited to; 0 = every usable core. */
    public int coresOf(int step) {
        return cores.get(step);
    }

    /** The experiment the controls are set to when the lesson is chosen. */
    public ExperimentSpec first() {
        return steps.get(0);
    }
}

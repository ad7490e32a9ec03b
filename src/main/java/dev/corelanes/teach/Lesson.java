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
                     List<Integer> cores, List<Boolean> pythonSteps, boolean freeThreaded) {
    /**
     * @param cores        per step, the cores the run is limited to ("use only N cores"); 0 = every usable core
     * @param pythonSteps  per step, whether it runs in a real Python interpreter (empty: all in Java)
     * @param freeThreaded its Python steps need a free-threaded interpreter (python3.13t): the lesson is offered
     *                     only where one was found
     */
    public Lesson {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one experiment");
        }
        steps = List.copyOf(steps);
        cores = cores == null || cores.isEmpty() ? java.util.Collections.nCopies(steps.size(), 0) : List.copyOf(cores);
        if (cores.size() != steps.size()) {
            throw new IllegalArgumentException("a lesson needs one core limit per step");
        }
        pythonSteps = pythonSteps == null ? List.of() : List.copyOf(pythonSteps);
        if (!pythonSteps.isEmpty() && pythonSteps.size() != steps.size()) {
            throw new IllegalArgumentException("say for every step whether it runs in Python");
        }
        if (freeThreaded && !pythonSteps.contains(true)) {
            throw new IllegalArgumentException("a lesson for a free-threaded Python needs a step that runs in Python");
        }
    }

    /** A lesson whose steps run in Java with core limits. */
    public Lesson(String id, String title, String question, List<ExperimentSpec> steps, String explanation,
                  List<Integer> cores) {
        this(id, title, question, steps, explanation, cores, List.of(), false);
    }

    /** A lesson whose steps {@code pythonSteps} says run in a real Python interpreter, on every usable core. */
    public static Lesson inPython(String id, String title, String question, List<ExperimentSpec> steps,
                                  String explanation, List<Boolean> pythonSteps) {
        return new Lesson(id, title, question, steps, explanation, List.of(), pythonSteps, false);
    }

    /** A lesson whose every step runs in a free-threaded Python (its GIL off), on every usable core. */
    public static Lesson inFreeThreadedPython(String id, String title, String question, List<ExperimentSpec> steps,
                                              String explanation) {
        return new Lesson(id, title, question, steps, explanation, List.of(),
                java.util.Collections.nCopies(steps.size(), true), true);
    }

    /** Whether this machine can give the lesson: a free-threaded lesson needs such an interpreter. */
    public boolean availableWith(boolean freeThreadedFound) {
        return !freeThreaded || freeThreadedFound;
    }

    /** A lesson whose every step runs in Java on all usable cores. */
    public Lesson(String id, String title, String question, List<ExperimentSpec> steps, String explanation) {
        this(id, title, question, steps, explanation, List.of());
    }

    /** The cores step {@code step} is limited to; 0 = every usable core. */
    public int coresOf(int step) {
        return cores.get(step);
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

package dev.corelanes.teach;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;

import java.util.List;

/**
 * A preset for class: one or more experiments to run in turn (e.g. sequential, then threads), the question
 * to ask before, and what to notice after.
 *
 * @param steps       the experiments, in the order to run and compare them
 * @param claim       what the lesson expects to show and why, a few sentences: shown as the claim the class
 *                    tests, never as a result ({@link LessonReport} writes what the steps measured)
 * @param claims      the same claim in a form the steps' figures are checked against; empty: the last step
 *                    is faster than the first (several steps), or near its ideal (one step)
 */
public record Lesson(String id, String title, String question, List<ExperimentSpec> steps, String claim,
                     List<Integer> cores, List<Boolean> pythonSteps, boolean freeThreaded, List<LessonClaim> claims) {
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
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).mode() == ExecutionMode.TRACED && (pythonSteps.isEmpty() || !pythonSteps.get(i))) {
                // The student's file runs in the Python chosen in the window: the step must ask for one.
                throw new IllegalArgumentException("step " + (i + 1) + " runs your own code, in Python: say so");
            }
        }
        if (freeThreaded && !pythonSteps.contains(true)) {
            throw new IllegalArgumentException("a lesson for a free-threaded Python needs a step that runs in Python");
        }
        claims = claims == null || claims.isEmpty() ? defaultClaims(steps) : List.copyOf(claims);
        for (LessonClaim c : claims) {
            for (int i : c.steps()) {
                if (i < 0 || i >= steps.size()) {
                    throw new IllegalArgumentException("a claim names step " + (i + 1) + " of " + steps.size());
                }
                if (c.checks() && steps.get(i).mode() == ExecutionMode.TRACED) {
                    throw new IllegalArgumentException("step " + (i + 1) + " is the student's own code: nothing "
                            + "can be claimed of it, only reported (LessonClaim.OwnProgram)");
                }
            }
        }
    }

    /**
     * The claims of a lesson that names none: its last experiment is faster than its first (several), or near its
     * ideal (one); a step of the student's own code is reported, never checked.
     */
    private static List<LessonClaim> defaultClaims(List<ExperimentSpec> steps) {
        List<Integer> made = new java.util.ArrayList<>();
        List<LessonClaim> out = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).mode() == ExecutionMode.TRACED) {
                out.add(new LessonClaim.OwnProgram(i));
            } else {
                made.add(i);
            }
        }
        if (made.size() > 1) {
            out.add(0, new LessonClaim.Faster(made.get(0), made.get(made.size() - 1)));
        } else if (made.size() == 1) {
            out.add(0, new LessonClaim.NearIdeal(made.get(0)));
        }
        return List.copyOf(out);
    }

    /** The lesson in the canonical form, its claims derived from its steps. */
    public Lesson(String id, String title, String question, List<ExperimentSpec> steps, String claim,
                  List<Integer> cores, List<Boolean> pythonSteps, boolean freeThreaded) {
        this(id, title, question, steps, claim, cores, pythonSteps, freeThreaded, List.of());
    }

    /** This lesson, checked against {@code checks} instead of the default claim. */
    public Lesson checking(LessonClaim... checks) {
        return new Lesson(id, title, question, steps, claim, cores, pythonSteps, freeThreaded, List.of(checks));
    }

    /** A lesson whose steps run in Java with core limits. */
    public Lesson(String id, String title, String question, List<ExperimentSpec> steps, String claim,
                  List<Integer> cores) {
        this(id, title, question, steps, claim, cores, List.of(), false);
    }

    /** A lesson whose steps {@code pythonSteps} says run in a real Python interpreter, on every usable core. */
    public static Lesson inPython(String id, String title, String question, List<ExperimentSpec> steps,
                                  String claim, List<Boolean> pythonSteps) {
        return new Lesson(id, title, question, steps, claim, List.of(), pythonSteps, false);
    }

    /** A lesson whose every step runs in a free-threaded Python (its GIL off), on every usable core. */
    public static Lesson inFreeThreadedPython(String id, String title, String question, List<ExperimentSpec> steps,
                                              String claim) {
        return new Lesson(id, title, question, steps, claim, List.of(),
                java.util.Collections.nCopies(steps.size(), true), true);
    }

    /** Whether this machine can give the lesson: a free-threaded lesson needs such an interpreter. */
    public boolean availableWith(boolean freeThreadedFound) {
        return !freeThreaded || freeThreadedFound;
    }

    /** A lesson whose every step runs in Java on all usable cores. */
    public Lesson(String id, String title, String question, List<ExperimentSpec> steps, String claim) {
        this(id, title, question, steps, claim, List.of());
    }

    /**
     * The cores step {@code step} runs on, here: its limit, or 0 (every usable core) where the machine has no
     * more usable CPUs than that or the OS cannot pin a run. The window and {@code corelanes lesson} both ask.
     */
    public int coresFor(int step, int usableCores, boolean canPin) {
        int limit = coresOf(step);
        return limit > 0 && limit <= usableCores && canPin ? limit : 0;
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

    /**
     * The step that runs the student's own code ({@link OwnCode}: their {@code my_threads.py}, traced on the lanes in
     * the Python chosen), rather than an experiment CoreLanes makes: its spec says only that it is a traced program.
     */
    public static final ExperimentSpec OWN_CODE = ExperimentSpec.of(ExecutionMode.TRACED, TaskKind.COMPUTE, 1,
            ExperimentSpec.MIN_SECONDS, false);

    /** True when step {@code step} runs the student's own code ({@link #OWN_CODE}). */
    public boolean ownCode(int step) {
        return steps.get(step).mode() == ExecutionMode.TRACED;
    }

    /** True when any step runs the student's own code. */
    public boolean hasOwnCode() {
        return steps.stream().anyMatch(s -> s.mode() == ExecutionMode.TRACED);
    }

    /** The experiment the controls are set to when the lesson is chosen. */
    public ExperimentSpec first() {
        return steps.get(0);
    }
}

package dev.corelanes.app;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.teach.Lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A lesson from question to comparison: sets the inputs to each step, chooses Java or Python as the step
 * asks, runs it, shows the measured answer, and once the last step has run selects the lesson's runs so they
 * are compared on one time axis.
 */
final class LessonFlow {

    private final LessonCard card;
    private final ExperimentForm form;
    private final RuntimeChooser runtimes;
    private final Messages messages;
    /** Starts a run of the inputs as set (the window's Run). */
    private final Runnable run;
    private final Consumer<List<RunRow>> compare;
    /** True between a lesson's "Run step" and the start of that run. */
    private boolean stepPending;
    /** The runs of the lesson on screen, to compare once its last step has run. */
    private final List<RunRow> runs = new ArrayList<>();
    /** The student's own code, for a lesson with that step. */
    private final OwnCodeStep ownCode;
    /** True from an own-code step's Run until its program started or could not: only a traced run joins then. */
    private boolean ownCodePending;
    /** What waits for the search for interpreters to end: the lesson and step (one click is enough), or null. */
    private Object waitingForPython;

    LessonFlow(LessonCard card, ExperimentForm form, RuntimeChooser runtimes, Messages messages, Runnable run,
               Consumer<List<RunRow>> compare, OwnCodeStep ownCode) {
        this.ownCode = ownCode;
        this.card = card;
        this.form = form;
        this.runtimes = runtimes;
        this.messages = messages;
        this.run = run;
        this.compare = compare;
        card.setOnRun(this::runStep);
    }

    /** Sets the controls to a lesson's first step and shows its question. */
    void start(Lesson l) {
        runs.clear();
        ownCodePending = false;
        card.show(l, l != null && l.hasOwnCode() ? ownCode.unavailableReason() : "");
        if (l != null && l.hasOwnCode()) {
            ownCode.prepare();
        }
        // The controls show the first experiment (a step of the student's own code is no experiment of theirs).
        ExperimentSpec first = l.steps().stream().filter(s -> s.mode().runnable()).findFirst().orElse(null);
        if (first != null) {
            form.apply(first);
        }
        form.coresProperty().set(card.nextCores());
        messages.clear();
        if (l.python(l.first()) && !runtimes.discovered()) {
            // Opened before the search for interpreters ended: its Python is chosen when the search ends, rather than
            // "none can be used" said of a search still going.
            runtimes.whenDiscovered(() -> {
                if (card.lessonProperty().get() == l && runs.isEmpty() && !stepPending && !ownCodePending) {
                    chooseRuntime(l.first());
                }
            });
        } else {
            chooseRuntime(l.first());
        }
    }

    /**
     * Runs a step's {@code then} now, or — when step {@code spec} runs in Python and the search for interpreters has
     * not ended (`window --lesson … --run`, a quick click) — once it has, if the same lesson is still on screen at the
     * same step: no "none can be used, try again" is said of a search still going.
     */
    private void afterPythonSearch(ExperimentSpec spec, Runnable then) {
        Lesson l = card.lessonProperty().get();
        if (l == null || !l.python(spec) || runtimes.discovered()) {
            then.run();
            return;
        }
        int step = card.nextIndex();
        java.util.List<Object> waiting = java.util.List.of(l, step);
        if (waiting.equals(waitingForPython)) {
            return; // this step already waits: one click is enough
        }
        waitingForPython = waiting;
        messages.info("Still looking for Python interpreters: this step runs as soon as the search ends.");
        runtimes.whenDiscovered(() -> {
            if (waiting.equals(waitingForPython)) {
                waitingForPython = null;
            }
            if (card.lessonProperty().get() == l && card.nextIndex() == step) {
                then.run();
            }
        });
    }

    /** True once the card knows the usable CPUs and whether the OS can pin (a step run before would not pin). */
    javafx.beans.property.ReadOnlyBooleanProperty coresKnownProperty() {
        return card.coresKnownProperty();
    }

    /** True while a lesson is on screen. */
    boolean active() {
        return card.lessonProperty().get() != null;
    }

    /** Runs the lesson's next step, as its button does. */
    void runNextStep() {
        card.runStepButton().fire();
    }

    private void runStep(ExperimentSpec spec) {
        Lesson l = card.lessonProperty().get();
        if (l != null && l.ownCode(card.nextIndex())) {
            runOwnCode(spec);
            return;
        }
        form.apply(spec);
        form.coresProperty().set(card.nextCores());
        afterPythonSearch(spec, () -> {
            if (!chooseRuntime(spec)) {
                return;
            }
            messages.clear(); // a message about this step (no Python found yet) is answered by its run
            stepPending = true;
            run.run();
            stepPending = false; // started (see started) or not (cancelled prediction, machine not ready)
        });
    }

    /**
     * The student's own code: their file run and traced as Run my program runs it, in the Python chosen (the step asks
     * for one); its run joins the lesson when it starts. The inputs are left as they are: the program is not an
     * experiment of theirs.
     */
    private void runOwnCode(ExperimentSpec spec) {
        afterPythonSearch(spec, () -> {
            if (ownCodePending || !chooseRuntime(spec)) {
                return;
            }
            messages.clear();
            ownCode.run(() -> ownCodePending = true, why -> {
                ownCodePending = false;
                card.showOwnCodeStatus(why, true);
                messages.error(why);
            });
        });
    }

    /** Java or Python, as the lesson's step asks; false (with a message) when it needs a Python there is not. */
    private boolean chooseRuntime(ExperimentSpec spec) {
        Lesson l = card.lessonProperty().get();
        boolean python = l != null && l.python(spec);
        if (l != null && l.steps().stream().anyMatch(l::python)) {
            runtimes.discoverOnce(); // a later step will need one: start looking now
        }
        if (python && l.freeThreaded()) {
            if (!runtimes.selectFreeThreaded()) {
                messages.error("This step runs in a free-threaded Python (python3.13t or newer), but none was found: "
                        + runtimes.problem() + ".");
                return false;
            }
        } else if (!runtimes.select(python)) {
            messages.error("This step runs in real Python, but none can be used: " + runtimes.problem() + ".");
            return false;
        }
        return true;
    }

    /** A run started: a lesson step's run joins the lesson. */
    void started(RunRow row) {
        if (ownCodePending && row.spec().mode() == dev.corelanes.engine.ExecutionMode.TRACED) {
            ownCodePending = false;
            runs.add(row);
            card.stepStarted();
            return;
        }
        if (stepPending) {
            stepPending = false;
            runs.add(row);
            card.stepStarted();
        }
    }

    /**
     * A run ended: a lesson run shows its measured answer, and after the last step the lesson's runs are
     * compared. True when the comparison was selected (the window then shows nothing else).
     */
    boolean ended(RunRow row) {
        if (!runs.contains(row)) {
            return false;
        }
        Lesson l = card.lessonProperty().get();
        if (l != null && row.trace() != null && row.spec().mode() == dev.corelanes.engine.ExecutionMode.TRACED
                && row.trace().status() != dev.corelanes.engine.TaskStatus.COMPLETED) {
            // A failed program says why beside its exit code: its last words on stderr.
            String said = ownCode.lastError();
            card.showOwnCodeStatus("Your program " + row.trace().status().id() + (row.trace().message().isEmpty() ? ""
                    : " (" + row.trace().message() + ")") + (said.isEmpty() ? "" : ": " + said), true);
        }
        card.showMeasured(runs);
        if (active() && card.nextStep() == null && runs.size() > 1 && runs.stream().allMatch(r -> r.trace() != null)) {
            compare.accept(List.copyOf(runs)); // the lesson's last step ran: compare its runs
            return true;
        }
        return false;
    }

    /** The own-code step (tests). */
    OwnCodeStep ownCode() {
        return ownCode;
    }

    /** The runs were cleared from the table. */
    void forgetRuns() {
        runs.clear();
    }
}

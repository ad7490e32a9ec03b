package dev.corelanes.app;

import atlantafx.base.theme.Styles;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.Trace;
import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.LessonReport;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lesson beside the timeline: its question first, a button that runs its steps in turn (so they line
 * up in the runs table for comparison), and the explanation once the class has seen the result.
 */
final class LessonCard extends VBox {

    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final Label title = new Label();
    private final Label question = new Label();
    private final Label step = new Label();
    private final Label explanation = new Label();
    private final Label measured = new Label();
    private final Button runStep = new Button();
    private final Button explain = new Button("Explain", new FontIcon("mdi2l-lightbulb-on-outline"));
    private int next;
    private Consumer<ExperimentSpec> onRun = s -> { };
    /** The student's own code, for a lesson with that step: where the file is, Open in editor, what went wrong. */
    private final Label ownFile = new Label();
    private final Label ownStatus = new Label();
    private final Button ownOpen = new Button("Open in editor", new FontIcon("mdi2f-file-document-edit-outline"));
    private final VBox ownBox;
    private Runnable onOpenOwnCode = () -> { };
    /** Why this system cannot run the own-code step, "" when it can. */
    private String ownCodeUnavailable = "";
    /** Steps skipped here, and why (the own-code step where no program can be traced). */
    private final java.util.Map<Integer, String> skipped = new java.util.TreeMap<>();

    LessonCard() {
        setId("lessonCard");
        getStyleClass().addAll("card", "lesson-card");
        setSpacing(6);
        title.setId("lessonTitle");
        title.getStyleClass().add("card-title");
        question.setId("lessonQuestion");
        question.getStyleClass().add("lesson-question");
        question.setWrapText(true);
        question.setMinHeight(Region.USE_PREF_SIZE); // wrapped text keeps all its lines, never "…"
        step.setWrapText(true);
        step.setMinHeight(Region.USE_PREF_SIZE);
        step.setId("lessonStep");
        step.getStyleClass().add("hint");
        explanation.setId("lessonExplanation");
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.getStyleClass().add("lesson-explanation");
        explanation.managedProperty().bind(explanation.visibleProperty());
        measured.setId("lessonMeasured");
        measured.setWrapText(true);
        measured.getStyleClass().add("hint");
        measured.managedProperty().bind(measured.textProperty().isNotEmpty());
        measured.visibleProperty().bind(measured.managedProperty());
        runStep.setId("lessonRunStep");
        runStep.getStyleClass().add(Styles.ACCENT);
        runStep.setGraphic(new FontIcon("mdi2p-play"));
        runStep.setOnAction(e -> runNext());
        explain.setId("lessonExplain");
        explain.setOnAction(e -> explanation.setVisible(!explanation.isVisible()));
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.setId("lessonClose");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip("Close the lesson"));
        close.setOnAction(e -> show(null));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, new FontIcon("mdi2s-school-outline"), title, spacer, close);
        head.setAlignment(Pos.CENTER_LEFT);
        runStep.setMinWidth(Region.USE_PREF_SIZE);
        explain.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(step, Priority.ALWAYS);
        HBox buttons = new HBox(8, runStep, explain, step);
        buttons.setAlignment(Pos.CENTER_LEFT);
        ownFile.setId("lessonOwnCodeFile");
        ownFile.setWrapText(true);
        ownFile.setMinHeight(Region.USE_PREF_SIZE);
        ownFile.getStyleClass().add("hint");
        HBox.setHgrow(ownFile, Priority.ALWAYS);
        ownOpen.setId("lessonOwnCodeOpen");
        ownOpen.setMinWidth(Region.USE_PREF_SIZE);
        ownOpen.setOnAction(e -> onOpenOwnCode.run());
        ownStatus.setId("lessonOwnCodeStatus");
        ownStatus.setWrapText(true);
        ownStatus.setMinHeight(Region.USE_PREF_SIZE);
        ownStatus.managedProperty().bind(ownStatus.textProperty().isNotEmpty());
        ownStatus.visibleProperty().bind(ownStatus.managedProperty());
        HBox ownRow = new HBox(8, ownOpen, ownFile);
        ownRow.setAlignment(Pos.CENTER_LEFT);
        ownBox = new VBox(4, ownRow, ownStatus);
        ownBox.setId("lessonOwnCode");
        ownBox.managedProperty().bind(ownBox.visibleProperty());
        ownBox.setVisible(false);
        getChildren().addAll(head, question, buttons, ownBox, measured, explanation);
        managedProperty().bind(visibleProperty());
        show(null);
    }

    /** Called with the spec of the step to run (the window sets the controls and runs it). */
    void setOnRun(Consumer<ExperimentSpec> c) {
        onRun = c;
    }

    ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    /** Called when Open in editor is clicked (the own-code step opens the student's file). */
    void setOnOpenOwnCode(Runnable r) {
        onOpenOwnCode = r;
    }

    /** Where the student's file is and what it holds now (the starter, their edits, or missing). */
    void showOwnCodeFile(String text) {
        ownFile.setText(text);
    }

    /** What happened to the own-code step's run (starting, could not start, failed and why); "" clears it. */
    void showOwnCodeStatus(String text, boolean problem) {
        ownStatus.setText(text);
        ownStatus.getStyleClass().remove("program-error");
        if (problem) {
            ownStatus.getStyleClass().add("program-error");
        }
    }

    /** Shows a lesson from its first step (null hides the card); its own-code step runs here. */
    void show(Lesson l) {
        show(l, "");
    }

    /**
     * Shows a lesson from its first step (null hides the card). {@code ownCodeUnavailable}: why its own-code step
     * cannot run on this system ("" when it can); such a step is skipped, with that reason, and the rest runs.
     */
    void show(Lesson l, String ownCodeUnavailable) {
        lesson.set(l);
        setVisible(l != null);
        next = 0;
        skipped.clear();
        this.ownCodeUnavailable = ownCodeUnavailable == null ? "" : ownCodeUnavailable;
        ownBox.setVisible(l != null && l.hasOwnCode());
        ownFile.setText("");
        ownOpen.setDisable(false);
        showOwnCodeStatus(l != null && l.hasOwnCode() && !this.ownCodeUnavailable.isEmpty()
                ? "Your own code cannot run as a step here: " + this.ownCodeUnavailable + " The other steps run as "
                + "usual." : "", !this.ownCodeUnavailable.isEmpty());
        skipUnavailable();
        explanation.setVisible(false);
        measured.setText("");
        if (l != null) {
            title.setText(l.title());
            question.setText(l.question());
            explanation.setText("The claim: " + l.claim());
        }
        updateStep();
    }

    /**
     * What the lesson's runs measured so far, written from their figures (the same as the header and the
     * table) by {@link LessonReport}: each step's line, and once every step has run, what the comparison
     * showed — or that it did not, and the likely cause — under the lesson's claim.
     */
    void showMeasured(List<RunRow> runs) {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        // In the lesson's order: a skipped step is a gap with its reason, the runs fill the others in turn.
        List<Trace> traces = new ArrayList<>();
        java.util.Iterator<RunRow> ran = runs.iterator();
        for (int i = 0; i < l.steps().size() && (ran.hasNext() || skipped.containsKey(i)); i++) {
            traces.add(skipped.containsKey(i) ? null : ran.next().trace());
        }
        LessonReport report = LessonReport.of(l, traces, skipped);
        measured.setText(report.steps().isEmpty() ? "" : "Measured:\n" + String.join("\n", report.steps()));
        String found = report.explanation();
        explanation.setText("The claim: " + l.claim() + (found.isEmpty() ? "" : "\nOn this machine: " + found));
        lastReport = report;
    }

    private LessonReport lastReport;

    /** The report last shown (tests, export). */
    LessonReport report() {
        return lastReport;
    }

    private void runNext() {
        Lesson l = lesson.get();
        if (l == null || next >= l.steps().size()) {
            return;
        }
        onRun.accept(l.steps().get(next));
    }

    /** The step the window was asked to run has started: move on to the next. */
    void stepStarted() {
        next++;
        skipUnavailable();
        updateStep();
        Lesson l = lesson.get();
        if (l != null && next >= l.steps().size()) {
            explanation.setVisible(true);
        }
    }

    /** Moves past own-code steps that cannot run here, each kept with its reason for the card. */
    private void skipUnavailable() {
        Lesson l = lesson.get();
        while (l != null && !ownCodeUnavailable.isEmpty() && next < l.steps().size() && l.ownCode(next)) {
            skipped.put(next, ownCodeUnavailable);
            next++;
        }
    }

    /** The steps skipped here and why (tests). */
    java.util.Map<Integer, String> skipped() {
        return java.util.Collections.unmodifiableMap(skipped);
    }

    /** The index of the step to run next (the lesson's step count when all have run). */
    int nextIndex() {
        return next;
    }

    /** The spec of the step to run next, or null when all have run. */
    ExperimentSpec nextStep() {
        Lesson l = lesson.get();
        return l == null || next >= l.steps().size() ? null : l.steps().get(next);
    }

    /** Cores the next step is limited to (0 = all usable); a machine with fewer usable CPUs uses them all. */
    int nextCores() {
        Lesson l = lesson.get();
        if (l == null || next >= l.steps().size()) {
            return 0;
        }
        return l.coresFor(next, usableCores, pinning);
    }

    private int usableCores = Integer.MAX_VALUE;
    private boolean pinning;
    /** False until the machine's usable CPUs and the OS's affinity call are known: a step run before would not pin. */
    private final javafx.beans.property.ReadOnlyBooleanWrapper coresKnown =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "coresKnown");

    javafx.beans.property.ReadOnlyBooleanProperty coresKnownProperty() {
        return coresKnown.getReadOnlyProperty();
    }

    /**
     * The CPUs the machine lets a run use, and whether the OS can pin: a step asking for more cores, or on
     * an OS that cannot pin, runs on all of them.
     */
    void setUsableCores(int cores, boolean canPin) {
        usableCores = cores;
        pinning = canPin;
        coresKnown.set(true);
        updateStep();
    }

    private void updateStep() {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        int n = l.steps().size();
        if (next < n) {
            runStep.setText(n == 1 ? "Run" : "Run step " + (next + 1) + " of " + n);
            runStep.setDisable(false);
            int cores = nextCores();
            step.setText(l.ownCode(next) ? "your own code: my_threads.py, traced on the lanes · in real Python"
                    : l.steps().get(next).describe() + (cores > 0 ? " · on " + cores
                    + (cores == 1 ? " core" : " cores") : "")
                    + (l.python(l.steps().get(next)) ? " · in real Python" : ""));
        } else {
            int ran = n - skipped.size();
            runStep.setText(n == 1 ? "Ran" : skipped.isEmpty() ? "All " + n + " steps ran" : ran + " of " + n
                    + " steps ran");
            runStep.setDisable(true);
            step.setText(ran <= 1 ? "" : "the runs are compared " + (comparisonBelow ? "below" : "above")
                    + ", on one time axis");
        }
    }

    /** Where the timeline with the comparison is, seen from the card: the window's layout says. */
    private boolean comparisonBelow = true;

    void setComparisonBelow(boolean below) {
        comparisonBelow = below;
        updateStep();
    }

    Button runStepButton() {
        return runStep;
    }
}

package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.teach.CodeSamples;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing a real Python as the runtime, running in it, and seeing the program that ran — as a user clicks. */
@ExtendWith(ApplicationExtension.class)
class PythonRuntimeWindowTest {

    private RunSession session;
    private java.nio.file.Path prefsFile;
    /** What the "file chooser" answers (a native dialog cannot be clicked headless). */
    private final java.util.Deque<java.nio.file.Path> answers = new java.util.ArrayDeque<>();
    private final FileAsker stub = new FileAsker() {
        @Override
        public java.util.Optional<java.nio.file.Path> open(javafx.stage.Window owner, String title, String description,
                                                           String... patterns) {
            return java.util.Optional.ofNullable(answers.poll());
        }

        @Override
        public java.util.Optional<java.nio.file.Path> save(javafx.stage.Window owner, String title, String suggestedName,
                                                           String description, String... patterns) {
            return java.util.Optional.empty();
        }
    };

    @Start
    void start(Stage stage) {
        session = new RunSession(Hardware.detect());
        prefsFile = TestPrefs.file();
        TestWindow.show(stage, session, new MainWindow(session, new AppPrefs(prefsFile), stub), 1280, 760);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    @SuppressWarnings("unchecked")
    private static ChoiceBox<RuntimeChooser.Option> runtimeBox(FxRobot robot) {
        return robot.lookup("#runtimeChoice").queryAs(ChoiceBox.class);
    }

    private static void openAndClose(FxRobot robot) {
        robot.clickOn("#runtimeChoice");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void otherPythonTakesAFileTheUserPicksAndSaysWhyOneIsRefused(FxRobot robot, @org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        ChoiceBox<RuntimeChooser.Option> runtime = runtimeBox(robot);
        assertTrue(runtime.getItems().stream().anyMatch(o -> o.other()), "Other Python… is there from the start");
        openAndClose(robot);
        // Let the search the opening started finish, so the list does not change under the next click.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> runtime.getTooltip().getText().contains(" found")
                || runtime.getTooltip().getText().contains("no Python"));
        WaitForAsyncUtils.waitForFxEvents();
        java.nio.file.Path notPython = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "hello");
        answers.add(notPython);
        UserActions.pick(robot, "#runtimeChoice", "Other Python");
        // The message names the file and why (the probe runs off the FX thread).
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup((Label l) -> l.getText() != null
                && l.getText().startsWith("Cannot start " + notPython)).tryQuery().isPresent());
        assertEquals("Java", runtime.getValue().label(), "nothing changed");

        String real = dev.corelanes.engine.python.PythonInterpreters.discover().stream().findFirst()
                .map(p -> p.executable()).orElse(null);
        Assumptions.assumeTrue(real != null, "needs a Python 3.8+ to pick");
        answers.add(java.nio.file.Path.of(real));
        UserActions.pick(robot, "#runtimeChoice", "Other Python");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runtime.getValue().python() != null);
        WaitForAsyncUtils.waitForFxEvents(); // the value is seen from this thread before its listeners have run
        assertEquals(real, runtime.getValue().python().path());
        assertEquals(real, new AppPrefs(prefsFile).pythonPath(), "remembered for the next launch");
    }

    /** The README promises no "CPython 3.11.7 (GIL…": the chosen interpreter and its path are shown whole. */
    @Test
    void aChosenPythonIsShownWholeNameAndPath(FxRobot robot) throws Exception {
        ChoiceBox<RuntimeChooser.Option> runtime = runtimeBox(robot);
        openAndClose(robot); // opening the list is what starts looking for interpreters
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> runtime.getItems().stream()
                    .anyMatch(o -> o.python() != null));
        } catch (java.util.concurrent.TimeoutException e) {
            Assumptions.abort("no Python 3.8+ found for the window to offer");
        }
        UserActions.pick(robot, "#runtimeChoice", "CPython");
        WaitForAsyncUtils.waitForFxEvents();
        RuntimeChooser.Option chosen = runtime.getValue();
        assertTrue(chosen.python() != null, chosen.label());
        robot.interact(() -> robot.lookup("#runtimeChoice").query().getScene().getRoot().layout());
        var root = robot.lookup("#runtimeChoice").query().getScene().getRoot();
        assertEquals(java.util.List.of(), Truncations.in(root), "nothing cut with a Python chosen");
        String whole = chosen.python().name() + (chosen.python().gilEnabled() ? " (GIL)" : " (no GIL)") + " — "
                + chosen.python().path();
        assertTrue(robot.lookup((Label l) -> l.isVisible() && whole.equals(l.getText())).tryQuery().isPresent(),
                "the interpreter and its path are written whole: " + whole);
    }

    @Test
    void theFreeThreadedLessonIsOfferedOnlyWhenSuchAPythonWasFound(FxRobot robot) throws Exception {
        ChoiceBox<RuntimeChooser.Option> runtime = runtimeBox(robot);
        javafx.scene.control.MenuItem lesson = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class)
                .getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "lesson-free-threaded".equals(i.getId())).findFirst().orElseThrow();
        assertFalse(lesson.isVisible(), "not offered before the interpreters have been looked for");
        robot.clickOn("Lessons"); // opening the menu starts looking for them
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> runtime.getTooltip().getText().contains(" found")
                || runtime.getTooltip().getText().contains("no Python"));
        WaitForAsyncUtils.waitForFxEvents();
        boolean freeThreaded = runtime.getItems().stream().anyMatch(o -> o.python() != null && o.python().freeThreaded());
        assertEquals(freeThreaded, lesson.isVisible(), "offered exactly where a free-threaded Python was found: "
                + runtime.getItems().stream().map(RuntimeChooser.Option::label).toList());
        assertTrue(robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).anyMatch(i -> "lesson-gil-real".equals(i.getId()) && i.isVisible()),
                "the other lessons stay");
    }

    @Test
    void aPythonRunIsChosenRunDrawnAndShownAsTheProgramThatRan(FxRobot robot) throws Exception {
        ChoiceBox<RuntimeChooser.Option> runtime = runtimeBox(robot);
        assertEquals("Java", runtime.getValue().label(), "Java until the user picks a Python");
        openAndClose(robot); // opening the list is what starts looking for interpreters
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> runtime.getItems().stream()
                    .anyMatch(o -> o.python() != null));
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("SKIPPED: no Python 3.8+ found for the window to offer");
            Assumptions.abort("no Python 3.8+ found for the window to offer");
        }
        UserActions.pick(robot, "#runtimeChoice", "CPython");
        RuntimeChooser.Option chosen = runtime.getValue();
        assertTrue(chosen.python() != null, chosen.label());
        Label python = robot.lookup("#machinePython").queryAs(Label.class);
        assertTrue(python.getText().startsWith("CPython 3.") && python.getText().contains("· GIL "), python.getText());
        assertTrue(robot.lookup("#gilSwitch").queryAs(ToggleSwitch.class).isDisabled(),
                "the GIL emulation does not apply to a real interpreter");
        assertTrue(robot.lookup("#startMethodChoice").queryAs(ChoiceBox.class).isDisabled(), "threads: no start method");
        assertEquals(chosen.python().path(), new AppPrefs(prefsFile).pythonPath(), "the choice is remembered");

        UserActions.pick(robot, "#modeChoice", "Processes");
        ChoiceBox<?> method = robot.lookup("#startMethodChoice").queryAs(ChoiceBox.class);
        assertFalse(method.isDisabled());
        assertTrue(method.getItems().contains("spawn"), method.getItems().toString());
        UserActions.pick(robot, "#startMethodChoice", "spawn");
        UserActions.pick(robot, "#kindChoice", "Sleep");
        UserActions.type(robot, "#tasksSpinner", "2");
        UserActions.type(robot, "#secondsSpinner", "0.2");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !session.runs().isEmpty()
                && session.runs().get(0).trace() != null);
        Trace t = session.runs().get(0).trace();
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(t.runtime().python());
        assertEquals("spawn", t.runtime().startMethod());
        assertEquals(ExecutionMode.PROCESSES, t.spec().mode());
        assertEquals(TaskKind.SLEEP, t.spec().kind());

        robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String code = robot.lookup("#codePython").queryAs(TextArea.class).getText();
        assertEquals(CodeSamples.pythonProgram(t.spec(), "spawn"), code, "the code view shows the program that ran");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }
}

package dev.corelanes.app;

import dev.corelanes.engine.SpanState;
import dev.corelanes.view.Palette;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Help a teacher can find: F1 opens the guide, the Help menu the glossary, the shortcut sheet and About;
 * every term the window shows is in the glossary; the Help window and Show code fit a 1280×720 projector,
 * and Close or Esc closes them.
 */
@ExtendWith(ApplicationExtension.class)
class HelpTest {

    private TestWindow ui;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        // A 1280×720 projector: every window of ours must fit it.
        ScreenFit.assume(new Rectangle2D(0, 0, 1280, 720));
        stage.setX(0);
        stage.setY(0);
        ui = TestWindow.show(stage);
        window = ui.window;
    }

    @AfterEach
    void close() {
        ScreenFit.assume(null);
        ui.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    private static Set<String> texts(Node root) {
        return root.lookupAll(".label").stream().map(n -> ((Label) n).getText()).filter(t -> t != null)
                .collect(Collectors.toSet());
    }

    private static void assertOnScreen(Window w, String what) {
        assertTrue(w.getY() >= 0 && w.getY() + w.getHeight() <= 720 && w.getX() >= 0 && w.getX() + w.getWidth() <= 1280,
                what + " fits 1280×720: " + w.getX() + "," + w.getY() + " " + w.getWidth() + "×" + w.getHeight());
    }

    @Test
    void f1OpensTheGuideAndEscClosesIt(FxRobot robot) {
        robot.clickOn("#runsTable"); // focus in the window, as a teacher's click would leave it
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        HelpWindow help = window.help();
        assertNotNull(help, "F1 opened help");
        assertTrue(help.stage().isShowing());
        TabPane tabs = (TabPane) help.stage().getScene().lookup(".tab-pane");
        assertEquals("helpGuide", tabs.getSelectionModel().getSelectedItem().getId(), "F1 shows the guide");
        assertTrue(texts(help.stage().getScene().getRoot()).contains("The lanes"));
        assertOnScreen(help.stage(), "the Help window");
        assertTrue(help.stage().isResizable());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(help.stage().isShowing(), "Esc closes help");
    }

    @Test
    void theHelpMenuHasAGlossaryOfEveryTermShownTheShortcutsAndAbout(FxRobot robot) {
        robot.clickOn("Help");
        robot.clickOn("#glossaryItem");
        WaitForAsyncUtils.waitForFxEvents();
        HelpWindow help = window.help();
        Set<String> shown = texts(help.stage().getScene().getRoot());
        List<String> terms = new java.util.ArrayList<>(List.of("efficiency", "ideal", "speedup", "vs sequential",
                "vs total work", "past the limit", "preempted", "uncertain", "GIL wait", "spawning", "sleeping",
                "task CPU", "runtime CPU", "tasks at a time", "cores", "workload", "wall"));
        for (SpanState s : SpanState.values()) {
            terms.add(Palette.stateLabel(s)); // every state the key under the timeline names
        }
        for (String t : terms) {
            assertTrue(shown.contains(t.toLowerCase(java.util.Locale.ROOT)), "the glossary explains " + t + ": " + shown);
        }

        robot.clickOn("Help");
        robot.clickOn("#shortcutsItem");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(texts(help.stage().getScene().getRoot()).containsAll(List.of("F1", "F11", "Ctrl+Z", "Ctrl+E")));

        robot.clickOn("Help");
        robot.clickOn("#aboutItem");
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> about = texts(help.stage().getScene().getRoot());
        assertTrue(about.stream().anyMatch(t -> t.startsWith(System.getProperty("java.version"))), "Java: " + about);
        assertTrue(about.contains(System.getProperty("javafx.runtime.version")), "JavaFX: " + about);
        assertTrue(about.stream().anyMatch(t -> t.contains("MIT License")), "licences: " + about);
        robot.clickOn("#helpClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(help.stage().isShowing(), "Close closes help");
    }

    @Test
    void termsExplainThemselvesWhereTheyAppear(FxRobot robot) {
        javafx.scene.control.TableView<?> table = robot.lookup("#runsTable").queryAs(javafx.scene.control.TableView.class);
        WaitForAsyncUtils.waitForFxEvents();
        Node header = table.lookup("#column-speedup");
        assertNotNull(header, "the Speedup header");
        Object tip = header.getProperties().get("javafx.scene.control.Tooltip");
        assertTrue(tip instanceof javafx.scene.control.Tooltip t && t.getText().contains(Glossary.meaning("speedup")),
                "the Speedup header explains the term: " + tip);
        assertTrue(robot.lookup("#wallIdeal").queryAs(Label.class).getTooltip().getText()
                .contains(Glossary.meaning("tasks at a time")));
        assertEquals("sleeping", TimelinePane.legendTerm(List.of(new dev.corelanes.view.Shape.Text("sleeping", 40, 80, 13,
                        false, null, dev.corelanes.view.Shape.Align.LEFT)), 50, 76),
                "hovering a key entry names its term");
    }

    @Test
    void showCodeFitsA1280By720ScreenAndEscClosesIt(FxRobot robot) {
        robot.clickOn("Teach");
        robot.clickOn("#codeItem");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea code = robot.lookup("#codeJava").queryAs(TextArea.class);
        Window dialog = code.getScene().getWindow();
        assertOnScreen(dialog, "Show code");
        Node close = robot.lookup("#codeClose").query();
        javafx.geometry.Bounds b = close.localToScreen(close.getBoundsInLocal());
        assertTrue(b.getMaxY() <= 720, "its Close button is on screen: " + b);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(dialog.isShowing(), "Esc closes Show code");
    }
}

package dev.corelanes.app;

import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What UI tests do the way a user does it: type into a spinner, pick from a drop-down. */
public final class UserActions {

    private UserActions() {
    }

    /** Replaces a spinner's text by typing, then leaves the field (which commits it). */
    public static void type(FxRobot robot, String spinnerId, String text) {
        Spinner<?> spinner = robot.lookup(spinnerId).queryAs(Spinner.class);
        robot.doubleClickOn(spinner.getEditor());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text);
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens a ChoiceBox and clicks the item whose text starts with {@code startsWith}. */
    public static void pick(FxRobot robot, String choiceId, String startsWith) {
        robot.clickOn(choiceId);
        // The item in the open menu, not the ChoiceBox's own label (which may show the same text).
        robot.clickOn(robot.lookup(".context-menu .label")
                .match((Label l) -> l.getText().startsWith(startsWith)).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
    }
}

package dev.corelanes.app.labs;

import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the lab tests do the way a user does: type into spinners, read labels, wait for runs. */
final class LabRobot {

    private LabRobot() {
    }

    /** Replaces a spinner's text by typing, then leaves the field (which commits it). */
    static void type(FxRobot robot, String spinnerId, String text) {
        dev.corelanes.app.UserActions.type(robot, spinnerId, text);
    }

    static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Children of this JVM still alive (workers a lab started), after giving them a moment to go. */
    static long childrenLeft() throws InterruptedException {
        long n = 0;
        for (int i = 0; i < 50; i++) {
            n = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
            if (n == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return n;
    }
}

package dev.corelanes.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * "Clear 19 runs?": File ▸ Clear runs asks first, naming how many runs go and how to get them back, so one
 * click in the wrong menu loses no lesson's work. Cancel (and Esc) is the default.
 */
final class ClearRunsDialog extends Alert {

    static final ButtonType CLEAR = new ButtonType("Clear runs", ButtonBar.ButtonData.OK_DONE);

    ClearRunsDialog(Window owner, int runs) {
        super(AlertType.CONFIRMATION, "", CLEAR, ButtonType.CANCEL);
        initOwner(owner);
        setTitle("Clear runs");
        setHeaderText(runs == 1 ? "Clear 1 run from the table?" : "Clear " + runs + " runs from the table?");
        setContentText("A run going on stays. Undo (Ctrl+Z, or the Undo button in the message bar) brings "
                + "the runs back until this window closes; then their kept files are deleted.");
        getDialogPane().setId("clearRunsDialog");
        getDialogPane().lookupButton(CLEAR).setId("clearRunsOk");
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("clearRunsCancel");
        // Enter must not clear by accident: Cancel is the default button, Clear runs only by a click.
        ((javafx.scene.control.Button) getDialogPane().lookupButton(CLEAR)).setDefaultButton(false);
        ((javafx.scene.control.Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        getDialogPane().getStylesheets().add(ClearRunsDialog.class.getResource("corelanes.css").toExternalForm());
        setResizable(true);
        ScreenFit.fit(this, owner);
    }

    /** True when the user clicked Clear runs. */
    boolean confirmed() {
        return showAndWait().filter(b -> b == CLEAR).isPresent();
    }
}

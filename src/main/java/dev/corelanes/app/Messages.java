package dev.corelanes.app;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A one-line notification above the timeline: what an action did, or why it could not (a file that is not
 * a run, a folder that cannot be written). It never blocks the class with a modal dialog.
 */
final class Messages extends HBox {

    private final Label text = new Label();
    /** A button that undoes what the message reports (Clear runs); shown only with such a message. */
    private final Button action = new Button();

    Messages() {
        setId("messageBar");
        getStyleClass().add("message-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        text.setId("messageText");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setOnAction(e -> clear());
        action.setId("messageAction");
        action.setMnemonicParsing(false);
        action.managedProperty().bind(action.visibleProperty());
        action.setVisible(false);
        getChildren().addAll(text, action, close);
        visibleProperty().bind(text.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    /**
     * Work going on in the background (reading a run file, writing an export): a spinning indicator and
     * what is being done, until an {@link #info} or {@link #error} says how it ended. The indicator leaves
     * the scene with the message, so it stops animating.
     */
    void progress(String message) {
        getStyleClass().removeAll("message-error", "message-info");
        getStyleClass().add("message-info");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("messageProgress");
        spinner.setMaxSize(16, 16);
        spinner.setPrefSize(16, 16);
        text.setGraphic(spinner);
        text.setText(message);
        action.setVisible(false);
    }

    /** True while a {@link #progress} message is shown. */
    boolean inProgress() {
        return text.getGraphic() instanceof ProgressIndicator && !text.getText().isEmpty();
    }

    void error(String message) {
        show(message, true);
    }

    void info(String message) {
        show(message, false);
    }

    /** An info message with a button that acts on it ("Undo"), until the next message replaces it. */
    void info(String message, String actionText, Runnable onAction) {
        show(message, false);
        action.setText(actionText);
        action.setOnAction(e -> {
            clear();
            onAction.run();
        });
        action.setVisible(true);
    }

    private void show(String message, boolean error) {
        action.setVisible(false);
        action.setOnAction(null);
        getStyleClass().removeAll("message-error", "message-info");
        getStyleClass().add(error ? "message-error" : "message-info");
        text.setGraphic(new FontIcon(error ? "mdi2a-alert-circle-outline" : "mdi2c-check-circle-outline"));
        text.setText(message);
    }

    void clear() {
        action.setVisible(false);
        action.setOnAction(null);
        text.setText("");
        text.setGraphic(null);
    }

    String text() {
        return text.getText();
    }

    boolean isError() {
        return getStyleClass().contains("message-error") && !text.getText().isEmpty();
    }
}

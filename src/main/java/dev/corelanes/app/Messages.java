package dev.corelanes.app;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A one-line notification above the timeline: what an action did, or why it could not (a file that is not
 * a run, a folder that cannot be written). It never blocks the class with a modal dialog.
 */
final class Messages extends HBox {

    private final Label text = new Label();

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
        getChildren().addAll(text, close);
        visibleProperty().bind(text.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    void error(String message) {
        show(message, true);
    }

    void info(String message) {
        show(message, false);
    }

    private void show(String message, boolean error) {
        getStyleClass().removeAll("message-error", "message-info");
        getStyleClass().add(error ? "message-error" : "message-info");
        text.setGraphic(new FontIcon(error ? "mdi2a-alert-circle-outline" : "mdi2c-check-circle-outline"));
        text.setText(message);
    }

    void clear() {
        text.setText("");
    }

    String text() {
        return text.getText();
    }

    boolean isError() {
        return getStyleClass().contains("message-error") && !text.getText().isEmpty();
    }
}

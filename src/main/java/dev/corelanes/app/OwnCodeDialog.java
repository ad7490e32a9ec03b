package dev.corelanes.app;

import dev.corelanes.teach.OwnCode;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Lessons ▸ Your own code: the student's {@code my_threads.py} (written once with the notebook's
 * {@code do_something()}, never over their edits), with Open in editor and Run it — which runs it as File ▸ Run my
 * program does.
 */
final class OwnCodeDialog {

    private final Stage stage = new Stage();
    private final Label status = new Label();

    OwnCodeDialog(Window owner, OwnCode.Starter starter, Consumer<Path> runIt) {
        stage.initOwner(owner);
        stage.setTitle(OwnCode.TITLE);
        Label text = new Label(OwnCode.explanation());
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        Label where = new Label((starter.created() ? "Written for you: " : "Your file (kept as you left it): ")
                + starter.file());
        where.setId("ownCodeFile");
        where.setWrapText(true);
        where.setMinHeight(Region.USE_PREF_SIZE);
        status.setId("ownCodeStatus");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        Button open = new Button("Open in editor");
        open.setId("ownCodeOpen");
        open.setOnAction(e -> {
            status.setText("Asking your desktop to open " + starter.file().getFileName() + " …");
            FileOpener.open(starter.file(), status::setText);
        });
        Button run = new Button("Run it");
        run.setId("ownCodeRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> {
            stage.close();
            runIt.accept(starter.file());
        });
        Button close = new Button("Close");
        close.setId("ownCodeClose");
        close.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        VBox root = new VBox(12, text, where, status, new HBox(8, open, run, gap, close));
        root.setPadding(new Insets(14));
        root.setId("ownCodeDialog");
        if (owner != null && owner.getScene() != null) {
            root.setStyle(owner.getScene().getRoot().getStyle());
        }
        Scene scene = new Scene(root, 560, 300);
        scene.getStylesheets().add(OwnCodeDialog.class.getResource("corelanes.css").toExternalForm());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.setResizable(true);
        ScreenFit.fit(stage, owner, 560, 300);
    }

    void show() {
        stage.show();
        stage.toFront();
    }
}

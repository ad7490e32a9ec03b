package dev.corelanes.app;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.teach.CodeSamples;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Java and Python code of the configured experiment, to read in class and copy. */
final class CodeDialog extends Dialog<Void> {

    CodeDialog(Window owner, ExperimentSpec spec) {
        this(owner, spec, null);
    }

    /**
     * With a Python runtime, the Python tab holds the very program CoreLanes runs for this experiment (copy it,
     * save it as a .py file and run it with that interpreter: the same experiment, no CoreLanes needed).
     */
    CodeDialog(Window owner, ExperimentSpec spec, dev.corelanes.engine.python.PythonChoice python) {
        initOwner(owner);
        setTitle("Code: " + spec.describe());
        setHeaderText("The same experiment as code you can run: " + spec.describe());
        setResizable(true);
        TabPane tabs = new TabPane(tab("Java", CodeSamples.java(spec), "codeJava"),
                python == null ? tab("Python", CodeSamples.python(spec), "codePython")
                        : tab("Python (the program that runs)", CodeSamples.pythonProgram(spec, python.startMethod()),
                        "codePython"));
        if (python != null) {
            tabs.getSelectionModel().select(1);
            setHeaderText("The program " + python.interpreter().name() + " runs for: " + spec.describe()
                    + "\nSave it as a .py file and run it with python3: the same experiment, without CoreLanes.");
        }
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Button copy = new Button("Copy", new FontIcon("mdi2c-content-copy"));
        copy.setId("codeCopy");
        copy.setOnAction(e -> {
            TextArea a = (TextArea) tabs.getSelectionModel().getSelectedItem().getContent();
            ClipboardContent c = new ClipboardContent();
            c.putString(a.getText());
            Clipboard.getSystemClipboard().setContent(c);
            copy.setText("Copied");
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> copy.setText("Copy"));
        BorderPane pane = new BorderPane(tabs);
        pane.setBottom(copy);
        BorderPane.setMargin(copy, new javafx.geometry.Insets(8, 0, 0, 0));
        // As large as reads well, never taller than the screen: at 1280×720 the title and Close stay on it.
        javafx.geometry.Rectangle2D screen = ScreenFit.area(owner);
        pane.setPrefSize(Math.min(1000, screen.getWidth() - 120), Math.min(640, screen.getHeight() - 300));
        // A window of its own size: resizable, big monospaced type, long lines scroll sideways (never wrap).
        getDialogPane().getStylesheets().add(CodeDialog.class.getResource("corelanes.css").toExternalForm());
        getDialogPane().getStyleClass().add("code-dialog");
        getDialogPane().setMinSize(480, 320);
        getDialogPane().setContent(pane);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE); // Close and Esc
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("codeClose");
        ScreenFit.fit(this, owner);
    }

    private static Tab tab(String name, String code, String id) {
        TextArea area = new TextArea(code);
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("code");
        area.setWrapText(false);
        return new Tab(name, area);
    }
}

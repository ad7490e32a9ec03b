package dev.corelanes.app;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.trace.ProgramOutput;
import dev.corelanes.engine.trace.ProgramRun;
import dev.corelanes.engine.trace.ProgramTrace;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * File ▸ Run my program…: choose a {@code .py} or {@code .jar} file or type a command; Run starts it on the lanes
 * (the window draws its threads as they run), Cancel stops it with everything it started, and its output shows
 * here as it comes. Not modal: the lanes behind stay in view. Esc or Close closes it; the program runs on (the
 * window's Cancel stops it too).
 */
final class ProgramDialog {

    private static final Duration OUTPUT_REFRESH = Duration.millis(250);
    private static final double WIDTH = 620;
    private static final double HEIGHT = 360;

    private final Window owner;
    private boolean placed;

    private final Stage stage = new Stage();
    private final TextField command = new TextField();
    private final Button choose = new Button("Choose file…");
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Label status = new Label();
    private final TextArea output = new TextArea();
    private final ProgramLauncher launcher;
    private final Supplier<Optional<Path>> chooser;
    private final Timeline refresh;
    private ProgramRun current;
    private long shownVersion = -1;

    ProgramDialog(Window owner, ProgramLauncher launcher, Supplier<Optional<Path>> chooser, String lastProgram) {
        this.launcher = launcher;
        this.chooser = chooser;
        stage.initOwner(owner);
        stage.setTitle("Run my program");
        Label intro = new Label("A .py file runs with the Python of the Runtime chooser, a .jar with this Java, in "
                + "its folder; or type any command (quoted as in a shell, but no shell runs it unless you write "
                + "sh -c '…'). Its threads, and its processes', appear on the lanes as it runs.");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        command.setId("programCommand");
        command.setPromptText("python3 my_threads.py");
        command.setText(lastProgram);
        HBox.setHgrow(command, Priority.ALWAYS);
        choose.setId("programChoose");
        choose.setOnAction(e -> chooser.get().ifPresent(p -> command.setText(quoted(p.toString()))));
        HBox line = new HBox(8, command, choose);
        line.setAlignment(Pos.CENTER_LEFT);
        status.setId("programStatus");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        output.setId("programOutput");
        output.setEditable(false);
        output.setWrapText(false);
        output.getStyleClass().add("code");
        TitledPane outputPane = new TitledPane("Output (stdout and stderr, the last "
                + ProgramOutput.MAX_CHARS / 1024 + " KiB)", output);
        outputPane.setId("programOutputPane");
        outputPane.setExpanded(true);
        VBox.setVgrow(outputPane, Priority.ALWAYS);

        run.setId("programRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> start());
        cancel.setId("programCancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (current != null) {
                current.handle().cancel();
            }
        });
        Button close = new Button("Close");
        close.setId("programClose");
        close.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, run, cancel, gap, close);

        VBox top = new VBox(10, intro, line, status);
        BorderPane root = new BorderPane(outputPane, top, null, buttons, null);
        BorderPane.setMargin(outputPane, new Insets(10, 0, 10, 0));
        root.setPadding(new Insets(12));
        root.setId("programDialog");
        if (owner != null && owner.getScene() != null) {
            root.setStyle(owner.getScene().getRoot().getStyle()); // the window's type size
        }
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(ProgramDialog.class.getResource("corelanes.css").toExternalForm());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.setResizable(true);
        stage.setMinWidth(420);
        stage.setMinHeight(280);
        ScreenFit.fit(stage, owner, WIDTH, HEIGHT);
        this.owner = owner;
        String why = ProgramTrace.unavailableReason();
        if (!why.isEmpty()) {
            status.setText(why);
            run.setDisable(true);
            choose.setDisable(true);
            command.setDisable(true);
        }
        refresh = new Timeline(new KeyFrame(OUTPUT_REFRESH, e -> showOutput()));
        refresh.setCycleCount(Animation.INDEFINITE);
        stage.setOnHidden(e -> {
            if (current == null || current.handle().isDone()) {
                refresh.stop();
            }
        });
    }

    void show() {
        if (!placed && owner != null && owner.getWidth() > 0) {
            // First shown in the window's lower right corner, over the runs table: the CPU lanes stay in view.
            stage.setX(owner.getX() + Math.max(0, owner.getWidth() - WIDTH - 12));
            stage.setY(owner.getY() + Math.max(0, owner.getHeight() - HEIGHT - 12));
            placed = true;
        }
        stage.show();
        stage.toFront();
        command.requestFocus();
    }

    Stage stage() {
        return stage;
    }

    /** The program going on or last run from here (tests). */
    ProgramRun current() {
        return current;
    }

    /** Runs {@code line} as if typed and Run clicked (Your own code's Run it). */
    void run(String line) {
        command.setText(line);
        if (!run.isDisabled()) {
            start();
        }
    }

    /** A path as a command line word, quoted when it must be. */
    static String quoted(String path) {
        return path.chars().anyMatch(c -> Character.isWhitespace(c) || "'\"\\$`".indexOf(c) >= 0)
                ? "'" + path.replace("'", "'\\''") + "'" : path;
    }

    /** Runs the command typed (or the file chosen). */
    void start() {
        String line = command.getText() == null ? "" : command.getText().strip();
        if (line.isEmpty()) {
            error("Choose a .py or .jar file, or type a command to run.");
            return;
        }
        run.setDisable(true);
        status.getStyleClass().remove("program-error");
        status.setText("Starting " + line + " …");
        launcher.launch(line, this::started, why -> {
            error(why);
            run.setDisable(false);
        });
    }

    private void started(ProgramRun p, RunRow row) {
        current = p;
        shownVersion = -1;
        output.clear();
        cancel.setDisable(false);
        status.setText("Running " + p.program().line() + " (pid " + p.pid() + ") in " + p.program().directory()
                + " — run #" + row.number() + " on the lanes.");
        refresh.play();
        row.traceProperty().addListener((o, a, t) -> {
            if (t != null) {
                ended(p, row, t);
            }
        });
    }

    private void ended(ProgramRun p, RunRow row, Trace t) {
        showOutput();
        if (!stage.isShowing()) {
            refresh.stop();
        }
        cancel.setDisable(true);
        run.setDisable(false);
        String end = "Run #" + row.number() + " ";
        if (t.status() == TaskStatus.CANCELLED) {
            status.setText(end + "cancelled after " + FigureText.seconds(t.wallSeconds())
                    + ": the program and everything it started were stopped.");
        } else if (t.status() == TaskStatus.FAILED) {
            error(end + "failed: " + t.message() + " (after " + FigureText.seconds(t.wallSeconds()) + ").");
        } else {
            long processes = t.workers().stream().map(w -> w.pid()).distinct().count();
            status.setText(end + "finished in " + FigureText.seconds(t.wallSeconds()) + ": " + t.tasks().size()
                    + (t.tasks().size() == 1 ? " thread" : " threads") + " in " + processes
                    + (processes == 1 ? " process" : " processes") + ", on the lanes and in the runs table.");
        }
        refresh.stop();
    }

    private void showOutput() {
        ProgramRun p = current;
        if (p == null || p.output().version() == shownVersion) {
            return;
        }
        shownVersion = p.output().version();
        output.setText(p.output().text());
        output.positionCaret(output.getLength()); // follow the newest line
    }

    private void error(String message) {
        status.setText(message);
        if (!status.getStyleClass().contains("program-error")) {
            status.getStyleClass().add("program-error");
        }
    }
}

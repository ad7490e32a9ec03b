package dev.corelanes.app.labs;

import dev.corelanes.app.MainWindow;
import javafx.css.PseudoClass;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextFormatter;
import javafx.stage.Screen;

/** Small pieces both labs share: bounded spinners and the app's look. */
final class LabControls {

    private LabControls() {
    }

    /**
     * An editable spinner that cannot leave [min, max]: only digits can be typed, and a typed value is
     * clamped when committed (the factory clamps; a non-number reverts to the last value).
     */
    static Spinner<Integer> spinner(String id, int min, int max, int initial) {
        Spinner<Integer> s = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, initial));
        s.setEditable(true);
        s.setId(id);
        // Wide enough for the largest value (the memory lab's 100000000) at any type size: sized in columns.
        s.getEditor().setPrefColumnCount(Integer.toString(max).length() + 1);
        s.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        s.getEditor().setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("\\d{0,9}") ? c : null));
        s.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit(s);
            }
        });
        return s;
    }

    /** Applies what was typed (clamped), so Run never uses a stale value. */
    static void commit(Spinner<Integer> s) {
        String text = s.getEditor().getText();
        SpinnerValueFactory.IntegerSpinnerValueFactory f = (SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
        try {
            long v = Long.parseLong(text.trim());
            f.setValue((int) Math.max(f.getMin(), Math.min(f.getMax(), v)));
        } catch (NumberFormatException e) {
            // keep the last value
        }
        s.getEditor().setText(Integer.toString(f.getValue()));
    }

    /**
     * A lab's scene at the size it was designed for, or smaller where the screen is (a 1280×720 projector):
     * a window taller than the screen has its buttons cut off, and there is no window manager to fix that.
     */
    static Scene scene(Parent root, double width, double height) {
        double[] size = fit(width, height, Screen.getScreens().isEmpty() ? null : Screen.getPrimary().getVisualBounds());
        Scene scene = new Scene(root, size[0], size[1]);
        style(scene);
        return scene;
    }

    /**
     * Room a lab's scene leaves on the screen: its window's frame and title bar (about 40 px) and the desktop's
     * panels. With 40 the scaling lab's 680-px scene plus its title bar was taller than a 720-px screen with a
     * panel, its Export row cut.
     */
    static final double MARGIN = 80;

    /** {@code width × height}, shrunk to leave a margin on {@code screen} (null: unknown), never below 480 × 360. */
    static double[] fit(double width, double height, Rectangle2D screen) {
        double w = screen == null ? width : Math.min(width, screen.getWidth() - MARGIN);
        double h = screen == null ? height : Math.min(height, screen.getHeight() - MARGIN);
        return new double[] {Math.max(480, w), Math.max(360, h)};
    }

    /**
     * The row at a lab's foot: what it exports on the left, Close on the right. Close is the window's cancel
     * button, so Esc closes the lab too; closing cancels what it measures (each lab's onHidden).
     */
    static HBox footer(Node... left) {
        Button close = new Button("Close");
        close.setId("closeLabButton");
        close.setCancelButton(true);
        close.setOnAction(e -> close.getScene().getWindow().hide());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8);
        row.getChildren().addAll(left);
        row.getChildren().addAll(spacer, close);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(10, 12, 12, 12));
        return row;
    }

    /**
     * Shows a lab in {@code stage}: titled, resizable, on the screen with its title bar in reach (a 1280×720
     * projector included); {@code onHidden} runs when it closes (Close, Esc, the title bar, the main window).
     */
    static void show(Stage stage, Scene scene, String title, Runnable onHidden) {
        stage.setTitle(title);
        stage.setScene(scene);
        stage.setResizable(true);
        stage.setMinWidth(480);
        stage.setMinHeight(360);
        stage.setOnHidden(e -> onHidden.run());
        followType(stage, scene);
        stage.setOnShown(e -> {
            Rectangle2D a = Screen.getScreens().isEmpty() ? null : Screen.getPrimary().getVisualBounds();
            if (a != null) {
                stage.setHeight(Math.min(stage.getHeight(), a.getHeight()));
                stage.setWidth(Math.min(stage.getWidth(), a.getWidth()));
                stage.setX(Math.max(a.getMinX(), Math.min(stage.getX(), a.getMaxX() - stage.getWidth())));
                stage.setY(Math.max(a.getMinY(), Math.min(stage.getY(), a.getMaxY() - stage.getHeight())));
            }
        });
        stage.show();
    }

    /**
     * A lab's type is as large as its main window's, and follows it while open (Ctrl+plus, presenter mode): a
     * lab shown on a projector reads from the back row like the window that opened it. The main window sets its
     * size as its root's style, and the icons' size in a small stylesheet of its root's own; both are copied.
     */
    static void followType(Stage stage, Scene scene) {
        javafx.stage.Window owner = stage.getOwner();
        if (owner == null || owner.getScene() == null) {
            return;
        }
        Parent main = owner.getScene().getRoot();
        String own = scene.getRoot().getStyle() == null ? "" : scene.getRoot().getStyle();
        java.util.List<String> copied = new java.util.ArrayList<>();
        Runnable apply = () -> {
            String style = main.getStyle() == null ? "" : main.getStyle();
            scene.getRoot().setStyle(style.contains("-fx-font-size") ? own + style : own);
            scene.getRoot().getStylesheets().removeAll(copied);
            copied.clear();
            main.getStylesheets().stream().filter(u -> u.startsWith("data:text/css")).forEach(copied::add);
            scene.getRoot().getStylesheets().addAll(copied);
        };
        apply.run();
        javafx.beans.InvalidationListener follow = o -> apply.run();
        main.styleProperty().addListener(follow);
        main.getStylesheets().addListener(follow);
        // The main window outlives its labs: its listeners must not keep a closed lab alive.
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
            main.styleProperty().removeListener(follow);
            main.getStylesheets().removeListener(follow);
        });
    }

    static void style(Scene scene) {
        scene.getStylesheets().add(LabControls.class.getResource("/dev/corelanes/app/corelanes.css").toExternalForm());
        scene.getRoot().getStyleClass().add("corelanes-root");
    }

    static void theme(Scene scene, boolean dark) {
        scene.getRoot().pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
    }
}

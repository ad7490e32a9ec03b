package dev.corelanes.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The floor of a JavaFX window's start on this machine, measured beside the app (LaunchBench): the least a window
 * with the app's kinds of controls costs — a menu bar, a button, a spinner — with nothing of CoreLanes in it.
 * It prints {@link dev.corelanes.launch.LaunchProperties#SHOWN_LINE} once shown, as the app does; with
 * {@code -Dfloor.exit=true} it then closes (a training run for its own AOT cache). A plain main, not an
 * {@code Application} subclass, so the java launcher does not refuse JavaFX on the class path.
 */
public final class FloorWindow {

    private FloorWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The window itself. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            MenuBar menus = new MenuBar(new Menu("File", null, new MenuItem("Open…"), new MenuItem("Quit")),
                    new Menu("Help", null, new MenuItem("About")));
            Spinner<Integer> tasks = new Spinner<>(1, 64, 2);
            VBox root = new VBox(menus, new HBox(8, new Button("Run"), tasks));
            stage.setScene(new Scene(root, 1000, 640));
            stage.setTitle("Floor");
            stage.setOnShown(e -> Platform.runLater(() -> {
                System.out.println(dev.corelanes.launch.LaunchProperties.SHOWN_LINE);
                if (Boolean.getBoolean("floor.exit")) {
                    Platform.exit();
                }
            }));
            stage.show();
        }
    }
}

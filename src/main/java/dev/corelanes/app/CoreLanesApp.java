package dev.corelanes.app;

import dev.corelanes.hardware.Hardware;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one window. Started by {@link Launcher}, never as the jar's main class. */
public final class CoreLanesApp extends Application {

    private RunSession session;

    @Override
    public void start(Stage stage) {
        session = new RunSession(Hardware.detect());
        MainWindow window = new MainWindow(session);
        window.install(stage);
        stage.show();
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
    }
}

package dev.corelanes.app;

import javafx.application.Application;

/** Opens the window. Kept apart from {@code Main} so the CLI and worker processes never load JavaFX. */
public final class Launcher {
    private Launcher() {
    }

    public static void launch(String[] args) {
        Application.launch(CoreLanesApp.class, args);
    }
}

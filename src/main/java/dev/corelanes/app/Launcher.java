package dev.corelanes.app;

/** Opens the window (issue 4 builds it). Until then it explains what exists. */
public final class Launcher {
    private Launcher() {
    }

    public static void launch(String[] args) {
        System.err.println("corelanes: the window is not built yet; try 'corelanes --help'");
        System.exit(2);
    }
}

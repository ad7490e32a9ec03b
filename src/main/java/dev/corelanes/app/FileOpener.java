package dev.corelanes.app;

import dev.corelanes.engine.platform.Os;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opens a file in the user's own editor, off the FX thread: {@code xdg-open} on Linux (what a file manager does),
 * the desktop's "open" elsewhere. Where neither works, {@code failed} gets one line saying where the file is.
 */
final class FileOpener {

    private FileOpener() {
    }

    static void open(Path file, Consumer<String> failed) {
        Thread.ofPlatform().daemon(true).name("corelanes-open-file").start(() -> {
            String why = tryOpen(file);
            if (why != null) {
                Platform.runLater(() -> failed.accept("Could not open an editor (" + why + "): open " + file
                        + " in yours."));
            }
        });
    }

    /** Null when an editor was asked to open it, else why not. */
    private static String tryOpen(Path file) {
        try {
            if (Os.current().isLinux()) {
                // A helper child (killed if still there when CoreLanes exits); the editor it starts is not ours.
                Process p = dev.corelanes.engine.child.Children.startHelper(new ProcessBuilder("xdg-open",
                        file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD));
                p.getOutputStream().close();
                // xdg-open hands the file over and ends; a non-zero exit means no application took it.
                if (p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() != 0) {
                    return "xdg-open found no application for .py files";
                }
                return null;
            }
            if (java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
                java.awt.Desktop.getDesktop().open(file.toFile());
                return null;
            }
            return "this desktop offers no way to open files";
        } catch (java.io.IOException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}

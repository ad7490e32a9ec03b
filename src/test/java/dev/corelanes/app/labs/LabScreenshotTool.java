package dev.corelanes.app.labs;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: opens each lab under a real display (Xvfb), runs it for real and captures the screen with
 * ImageMagick's {@code import}, for {@code assets/screenshot-memory-lab.png} (threads, then processes: one
 * more of each side by side) and {@code assets/screenshot-overhead-lab.png}.
 *
 * <pre>Xvfb :97 -screen 0 1280x800x24 &amp; DISPLAY=:97 java -cp target/classes:target/test-classes:target/lib/* \
 *   dev.corelanes.app.labs.LabScreenshotTool assets</pre>
 */
public final class LabScreenshotTool {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        Files.createDirectories(out);
        Platform.startup(() -> { });
        Platform.setImplicitExit(false); // closing the first lab must not end the toolkit
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return null;
        });

        MemoryLabWindow memory = fx(MemoryLabWindow::new);
        Stage memoryStage = fx(() -> place(memory.scene(), s -> memory.show(s, false), 1180, 720));
        fx(() -> {
            ((RadioButton) memory.scene().lookup("#guardNone")).fire();
            ((Button) memory.scene().lookup("#runMemoryButton")).fire();
            return null;
        });
        waitWhile(() -> memory.runningProperty().get());
        // then processes: the page sets one more process beside one more thread
        fx(() -> {
            ((RadioButton) memory.scene().lookup("#processesChoice")).fire();
            ((Button) memory.scene().lookup("#runMemoryButton")).fire();
            return null;
        });
        waitWhile(() -> memory.runningProperty().get());
        Thread.sleep(800);
        capture(out.resolve("screenshot-memory-lab.png"), "1180x720+0+0");
        fx(() -> {
            memoryStage.close();
            return null;
        });

        OverheadLabWindow overhead = fx(() -> new OverheadLabWindow(Labs.DEFAULT_REPETITIONS));
        fx(() -> place(overhead.scene(), s -> overhead.show(s, false), 1060, 640));
        fx(() -> {
            ((Button) overhead.scene().lookup("#measureButton")).fire();
            return null;
        });
        waitWhile(() -> overhead.runningProperty().get());
        Thread.sleep(800);
        capture(out.resolve("screenshot-overhead-lab.png"), "1060x640+0+0");
        fx(() -> {
            overhead.measurementsProperty().get().forEach(m -> System.out.printf("%-30s median %,12.0f ns  p10 %,12.0f  p90 %,12.0f  n=%d %s%n",
                    m.name(), m.medianNanos(), m.percentileNanos(10), m.percentileNanos(90), m.samplesNanos().size(), m.note()));
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    private static Stage place(Scene scene, java.util.function.Consumer<Stage> show, double w, double h) {
        Stage stage = new Stage();
        stage.setX(0);
        stage.setY(0);
        show.accept(stage);
        stage.setWidth(w);
        stage.setHeight(h);
        return stage;
    }

    private static void waitWhile(Callable<Boolean> condition) throws Exception {
        Thread.sleep(300);
        while (fx(condition)) {
            Thread.sleep(100);
        }
    }

    private static void capture(Path file, String crop) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", "-crop", crop, file.toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import failed");
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get();
    }
}

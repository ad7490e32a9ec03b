package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.hardware.Hardware;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: the window at a given size under a real display (Xvfb), shot after a compute run, after
 * Ctrl+plus twice, in the GIL lesson's comparison and in presenter mode — to look at by eye.
 *
 * <pre>Xvfb :N -screen 0 1280x720x24 &amp; DISPLAY=:N java -cp target/classes:target/test-classes:target/lib/* \
 *   dev.corelanes.app.WindowLookTool OUT_DIR 1280 720</pre>
 */
public final class WindowLookTool {

    private static MainWindow window;
    private static RunSession session;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int w = Integer.parseInt(args[1]);
        int h = Integer.parseInt(args[2]);
        String geometry = w + "x" + h + "+0+0";
        Files.createDirectories(out);
        Platform.startup(() -> { });
        fx(() -> {
            session = new RunSession(Hardware.detect());
            window = new MainWindow(session, TestPrefs.fresh(), FileAsker.system());
            Stage stage = new Stage();
            window.install(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
            stage.show();
            return null;
        });
        while (fx(() -> session.machineProperty().get()) == null) {
            Thread.sleep(100);
        }
        fx(() -> {
            ExperimentForm f = window.form();
            f.modeProperty().set(ExecutionMode.THREADS);
            f.kindProperty().set(TaskKind.COMPUTE);
            f.tasksProperty().set(4);
            f.secondsProperty().set(0.3);
            return session.start(f.spec());
        });
        waitIdle();
        capture(out.resolve("run.png"), geometry);
        fx(() -> {
            window.changeFontScale(1.1);
            window.changeFontScale(1.1);
            return null;
        });
        Thread.sleep(500);
        capture(out.resolve("run-larger.png"), geometry);
        fx(() -> {
            window.setFontScale(1);
            window.startLesson(dev.corelanes.teach.Lessons.byId("cpu-python").orElseThrow());
            return null;
        });
        for (int step = 0; step < 2; step++) {
            fx(() -> {
                window.lessonCard().runStepButton().fire();
                return null;
            });
            Thread.sleep(300);
            waitIdle();
        }
        Thread.sleep(800);
        capture(out.resolve("lesson.png"), geometry);
        fx(() -> {
            window.setDark(true);
            return null;
        });
        Thread.sleep(500);
        capture(out.resolve("lesson-dark.png"), geometry);
        fx(() -> {
            window.setPresenter(true);
            return null;
        });
        Thread.sleep(1200);
        capture(out.resolve("presenter.png"), geometry);
        fx(() -> {
            session.close();
            Platform.exit();
            return null;
        });
        TestPrefs.removeAll();
        System.exit(0);
    }

    private static void waitIdle() throws Exception {
        Thread.sleep(200);
        while (fx(() -> session.runningProperty().get())) {
            Thread.sleep(50);
        }
        Thread.sleep(400);
    }

    static void capture(Path file, String crop) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", "-crop", crop, "+repage",
                "-colors", "256", "PNG8:" + file).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KiB)");
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }
}

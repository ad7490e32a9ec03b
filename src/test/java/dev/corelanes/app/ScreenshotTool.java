package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.hardware.Hardware;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;

/**
 * Not a test: drives the real window under a real display (Xvfb) through real runs and captures the
 * screen with ImageMagick's {@code import}, for the screenshots in {@code assets/}.
 *
 * <p>Run it as the app runs: from the jar (the workers' fast core probe is a Java 22 class of the multi-release
 * jar) and with the window's own JVM options (C1 only, serial GC), or the app JVM's C2 compiler competes with
 * the runs and the screenshots show slower runs than users get:
 *
 * <pre>OPTS=$(grep -v '^#' target/classes/dev/corelanes/launch/app-jvm.options)
 * Xvfb :N -screen 0 1280x720x24 &amp; DISPLAY=:N java $OPTS -cp "target/corelanes.jar:target/test-classes:target/lib/*" \
 *   dev.corelanes.app.ScreenshotTool assets [--classroom]
 * Xvfb :M -screen 0 1920x1080x24 &amp; DISPLAY=:M java $OPTS … dev.corelanes.app.ScreenshotTool assets --presenter
 * Xvfb :K -screen 0 1280x720x24 &amp; DISPLAY=:K java $OPTS … dev.corelanes.app.ScreenshotTool assets --presenter 1280x720</pre>
 */
public final class ScreenshotTool {

    private static MainWindow window;
    /** The screen presenter mode is shot on (Xvfb's size). */
    private static int[] screen = {1920, 1080};
    private static RunSession session;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        if (args.length > 2) { // --presenter WxH: the projector's size (default 1920x1080)
            String[] wh = args[2].split("x");
            screen = new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
        }
        Files.createDirectories(out);
        Platform.startup(() -> { });
        fx(() -> {
            session = new RunSession(Hardware.detect());
            window = new MainWindow(session, TestPrefs.fresh(), FileAsker.system());
            Stage stage = new Stage();
            window.install(stage);
            stage.setX(0);
            stage.setY(0);
            boolean projector = args.length > 1 && args[1].equals("--presenter");
            stage.setWidth(projector ? screen[0] : 1280);
            stage.setHeight(projector ? screen[1] : 720);
            stage.show();
            return null;
        });
        while (fx(() -> session.machineProperty().get()) == null) {
            Thread.sleep(100);
        }
        if (args.length > 1 && (args[1].equals("--classroom") || args[1].equals("--presenter"))) {
            classroom(out, args[1].equals("--presenter"));
            return;
        }
        if (args.length > 1 && args[1].equals("--extra")) {
            extra(out);
            return;
        }
        run(ExecutionMode.SEQUENTIAL, TaskKind.COMPUTE, 4, 0.5, 1, false);
        run(ExecutionMode.THREADS, TaskKind.SLEEP, 8, 0.5, 1, false);
        run(ExecutionMode.POOL, TaskKind.COMPUTE, 4, 0.5, 2, true);
        run(ExecutionMode.THREADS, TaskKind.COMPUTE, 4, 0.5, 1, false);
        Thread.sleep(600);
        capture(out.resolve("screenshot-light.png"));
        fx(() -> {
            window.setDark(true);
            return null;
        });
        run(ExecutionMode.THREADS, TaskKind.COMPUTE, 3, 0.6, 1, true);
        Thread.sleep(600);
        capture(out.resolve("screenshot-dark.png"));
        fx(() -> {
            window.setDark(false);
            return null;
        });
        start(ExecutionMode.POOL, TaskKind.COMPUTE, 6, 1.5, 3, false);
        Thread.sleep(1300);
        capture(out.resolve("screenshot-running.png"));
        waitIdle();
        fx(() -> {
            session.close();
            Platform.exit();
            return null;
        });
        TestPrefs.removeAll();
        System.exit(0);
    }

    /** Shots to check by eye: 10 000 virtual threads live and done, worker view, a failed run, a tooltip. */
    private static void extra(Path out) throws Exception {
        start(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000, 1.0, 1, false);
        Thread.sleep(500);
        capture(out.resolve("virtual-live.png"));
        waitIdle();
        capture(out.resolve("virtual-cores.png"));
        fx(() -> {
            window.timeline().laneModeProperty().set(dev.corelanes.view.LaneMode.WORKERS);
            return null;
        });
        Thread.sleep(300);
        capture(out.resolve("virtual-workers.png"));
        run(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 0.3, 1, false);
        capture(out.resolve("processes-failed.png"));
        run(ExecutionMode.POOL, TaskKind.COMPUTE, 3, 0.4, 2, false);
        fx(() -> {
            javafx.geometry.Bounds b = window.timeline().localToScreen(window.timeline().getBoundsInLocal());
            new javafx.scene.robot.Robot().mouseMove(b.getMinX() + 300, b.getMinY() + 60);
            return null;
        });
        Thread.sleep(400);
        fx(() -> {
            javafx.geometry.Bounds b = window.timeline().localToScreen(window.timeline().getBoundsInLocal());
            new javafx.scene.robot.Robot().mouseMove(b.getMinX() + 302, b.getMinY() + 62);
            return null;
        });
        Thread.sleep(400);
        capture(out.resolve("hover.png"));
        fx(() -> {
            session.close();
            Platform.exit();
            return null;
        });
        TestPrefs.removeAll();
        System.exit(0);
    }

    /**
     * The GIL lesson's two steps run from its card, then compared on one time axis: at 1280×720, or in
     * presenter mode (dark) on a 1920×1080 screen ({@code --presenter}, run under an Xvfb of that size).
     */
    private static void classroom(Path out, boolean presenter) throws Exception {
        fx(() -> {
            window.startLesson(dev.corelanes.teach.Lessons.byId("cpu-python").orElseThrow());
            if (presenter) {
                window.setDark(true);
                window.setPresenter(true);
            }
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
        Thread.sleep(1500);
        if (presenter) {
            String size = screen[0] + "x" + screen[1];
            capture(out.resolve("presenter-" + size + ".png"), size + "+0+0");
        } else {
            capture(out.resolve("screenshot-compare.png"), "1280x720+0+0");
        }
        fx(() -> {
            session.close();
            Platform.exit();
            return null;
        });
        TestPrefs.removeAll();
        System.exit(0);
    }

    private static void run(ExecutionMode mode, TaskKind kind, int tasks, double seconds, int workers, boolean gil)
            throws Exception {
        start(mode, kind, tasks, seconds, workers, gil);
        waitIdle();
    }

    private static void start(ExecutionMode mode, TaskKind kind, int tasks, double seconds, int workers, boolean gil)
            throws Exception {
        fx(() -> {
            ExperimentForm f = window.form();
            f.modeProperty().set(mode);
            f.kindProperty().set(kind);
            f.tasksProperty().set(tasks);
            f.secondsProperty().set(seconds);
            f.workersProperty().set(workers);
            f.gilProperty().set(gil);
            return session.start(f.spec());
        });
        Thread.sleep(200);
    }

    private static void waitIdle() throws Exception {
        while (fx(() -> session.runningProperty().get())) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
    }

    private static void capture(Path file) throws Exception {
        capture(file, "1280x720+0+0");
    }

    private static void capture(Path file, String crop) throws Exception {
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

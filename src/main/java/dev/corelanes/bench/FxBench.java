package dev.corelanes.bench;

import dev.corelanes.app.MainWindow;
import dev.corelanes.app.RunRow;
import dev.corelanes.app.RunSession;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.hardware.Hardware;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How long the FX thread keeps a post waiting while the main window shows a run that saturates the cores:
 * the figure {@code FxResponsivenessTest} used to assert (it now only checks that the FX thread answers
 * during a run). A watchdog posts to the FX thread every 10 ms and times each post.
 *
 * <pre>xvfb-run -a java -cp target/corelanes.jar dev.corelanes.bench.FxBench [repetitions]</pre>
 */
public final class FxBench {

    private FxBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Platform.startup(() -> { });
        RunSession session = fx(() -> {
            RunSession s = new RunSession(Hardware.detect());
            MainWindow window = new MainWindow(s);
            Stage stage = new Stage();
            window.install(stage);
            stage.setWidth(1280);
            stage.setHeight(720);
            stage.show();
            return s;
        });
        List<ExperimentSpec> specs = List.of(
                ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 4, 1, false),
                ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 3, 1, false));
        run(session, specs.get(0)); // untimed: class loading and JIT of the first run
        double[][] worst = new double[specs.size()][reps];
        double[][] p99 = new double[specs.size()][reps];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < specs.size(); i++) {
                double[] waits = run(session, specs.get(i));
                Stats s = Stats.of(waits);
                worst[i][r] = s.max();
                p99[i][r] = percentile(waits, 0.99);
            }
        }
        System.out.println("## FX thread during runs\n");
        System.out.printf(Locale.ROOT, "The main window at 1280×720 showing each run live; a watchdog posts to the "
                + "FX thread every 10 ms and times each post. %d repetitions, interleaved; cells: median (min–max) "
                + "over repetitions, ms. %d CPUs, prism.order %s.%n%n", reps,
                Runtime.getRuntime().availableProcessors(), System.getProperty("prism.order", "default"));
        System.out.println("| run | worst wait (ms) | 99th percentile wait (ms) |");
        System.out.println("|---|---|---|");
        for (int i = 0; i < specs.size(); i++) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", specs.get(i).describe(), Stats.of(worst[i]).format(1),
                    Stats.of(p99[i]).format(1));
        }
        System.out.println();
        System.out.println("Goal: worst wait ≤ 100 ms on an otherwise idle machine.");
        fx(() -> {
            session.close();
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    /** Starts a run from the FX thread, as the Run button does; returns every post's wait (ms) during it. */
    private static double[] run(RunSession session, ExperimentSpec spec) throws Exception {
        List<Double> waits = new ArrayList<>();
        RunRow row = fx(() -> session.start(spec));
        while (fx(row::trace) == null) {
            long t0 = System.nanoTime();
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(done::countDown);
            done.await(30, TimeUnit.SECONDS);
            waits.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(10);
        }
        return waits.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double percentile(double[] v, double p) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
    }

    private static <T> T fx(Supplier<T> body) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(body.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}

package dev.corelanes.bench;

import dev.corelanes.app.TimelinePane;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.LiveFeed;
import dev.corelanes.view.TimelineModel;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the timeline draws. Not a unit test (timing on a shared machine is not a pass/fail matter):
 * run it under a display (Xvfb is fine) and read the markdown table.
 *
 * <pre>DISPLAY=:99 java -cp "target/corelanes.jar:target/lib/*" dev.corelanes.bench.RenderBench</pre>
 *
 * <p>The spans are synthesised (this measures drawing, not the engine): each CPU lane gets a dense
 * sequence of 0.1–2 ms running spans of changing tasks, with preempted spans in between in the off-CPU
 * lanes, over 10 s of run time. Static: the fitted frame redrawn (median of the FX-thread time to lay out
 * and issue the canvas calls). Live: the spans fed from another thread through a {@link LiveFeed} over
 * 5 s while the pane follows "now", as during a run: FX-thread time per frame and frames drawn per second.
 */
public final class RenderBench {

    private static final long RUN_NANOS = 10_000_000_000L;
    private static final double WIDTH = 1280;
    private static final double HEIGHT = 720;

    private record Result(String scenario, int lanes, int spans, double staticMedianMs, double staticP95Ms,
                          double liveMedianMs, double liveP95Ms, double fps) {
    }

    public static void main(String[] args) throws Exception {
        Platform.startup(() -> { });
        TimelinePane pane = fx(() -> {
            TimelinePane p = new TimelinePane();
            Stage stage = new Stage();
            stage.setScene(new Scene(p, WIDTH, HEIGHT));
            stage.show();
            return p;
        });
        List<Result> results = new ArrayList<>();
        results.add(measure(pane, "64 CPUs, 20 000 spans", 64, 20_000));
        results.add(measure(pane, "64 CPUs, 20 000 spans per lane", 64, 64 * 20_000));
        results.add(measure(pane, "256 CPUs, 20 000 spans", 256, 20_000));
        results.add(measure(pane, "256 CPUs, 100 000 spans", 256, 100_000));
        System.out.println();
        System.out.println("Timeline render benchmark — synthesised spans (this measures drawing, not the engine);");
        System.out.printf(Locale.ROOT, "canvas %.0f×%.0f, per-core view with off-CPU lanes, JavaFX %s, prism.order %s, %d CPUs%n%n",
                WIDTH, HEIGHT, System.getProperty("javafx.runtime.version"),
                System.getProperty("prism.order", "default"),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| scenario | lanes | spans | static frame median (ms) | static p95 (ms) "
                + "| live frame median (ms) | live p95 (ms) | live fps |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.1f |%n", r.scenario(),
                    r.lanes(), r.spans(), r.staticMedianMs(), r.staticP95Ms(), r.liveMedianMs(), r.liveP95Ms(),
                    r.fps());
        }
        System.out.println();
        System.out.println("Goal: ≤ 4 ms per frame, ≥ 58 fps. Frame time = layout + canvas calls on the FX thread.");
        Platform.exit();
        System.exit(0);
    }

    private static Result measure(TimelinePane pane, String name, int cores, int spanCount) throws Exception {
        MachineInfo machine = new MachineInfo("synthetic", cores, cores, List.of(), 1L << 34, "bench", "bench");
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, cores, 10, false);
        List<Span> spans = synthesise(cores, spanCount);

        // Static: the finished run, fitted.
        TimelineModel done = new TimelineModel(spec, machine, null);
        done.addAll(spans);
        fx(() -> {
            pane.laneModeProperty().set(LaneMode.CORES);
            pane.show(done);
            return null;
        });
        double[] statics = new double[200];
        for (int i = 0; i < 50; i++) {
            fx(pane::redraw); // warm-up
        }
        for (int i = 0; i < statics.length; i++) {
            statics[i] = fx(() -> {
                pane.redraw();
                return pane.lastDrawNanos() / 1e6;
            });
        }

        // Live: the same spans arrive over 5 s of wall time, in time order, from another thread.
        LiveFeed feed = new LiveFeed();
        TimelineModel live = new TimelineModel(spec, machine, null);
        long liveWall = 5_000_000_000L;
        AtomicLong origin = new AtomicLong();
        fx(() -> {
            origin.set(System.nanoTime());
            pane.showLive(live, feed, () -> (System.nanoTime() - origin.get()) * (RUN_NANOS / liveWall));
            return null;
        });
        List<Double> frameMs = new ArrayList<>();
        long[] drawnAtStart = new long[1];
        AnimationTimer sampler = new AnimationTimer() {
            private long seen = -1;

            @Override
            public void handle(long now) {
                long f = pane.framesDrawn();
                if (seen >= 0 && f != seen) {
                    frameMs.add(pane.lastDrawNanos() / 1e6);
                }
                seen = f;
            }
        };
        fx(() -> {
            drawnAtStart[0] = pane.framesDrawn();
            sampler.start();
            return null;
        });
        long t0 = System.nanoTime();
        int next = 0;
        while (next < spans.size()) {
            long runNow = (System.nanoTime() - t0) * (RUN_NANOS / liveWall);
            while (next < spans.size() && spans.get(next).endNanos() <= runNow) {
                feed.onSpan(spans.get(next++));
            }
            Thread.sleep(2);
        }
        long elapsed = System.nanoTime() - t0;
        long drawn = fx(() -> {
            sampler.stop();
            pane.stopLive();
            return pane.framesDrawn() - drawnAtStart[0];
        });
        double[] lives = frameMs.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(name, cores, spanCount, percentile(statics, 50), percentile(statics, 95),
                percentile(lives, 50), percentile(lives, 95), drawn / (elapsed / 1e9));
    }

    /** Dense running spans per CPU lane, preempted gaps between them; sorted by end time (arrival order). */
    private static List<Span> synthesise(int cores, int count) {
        Random r = new Random(7);
        List<Span> out = new ArrayList<>(count + count / 4);
        int perLane = Math.max(1, count / cores);
        long step = RUN_NANOS / perLane;
        for (int core = 0; core < cores; core++) {
            long t = r.nextInt((int) Math.max(1, step));
            for (int k = 0; k < perLane && t < RUN_NANOS; k++) {
                int task = 1 + (core + (k / 50) % 3) % cores;
                long len = Math.max(50_000, (long) (step * (0.5 + r.nextDouble() * 0.45)));
                out.add(new Span(task, "T" + task, core, SpanState.RUNNING, t, Math.min(RUN_NANOS, t + len)));
                if (k % 20 == 0) {
                    out.add(new Span(task, "T" + task, Span.NO_CORE, SpanState.PREEMPTED, t + len, t + step));
                }
                t += step;
            }
        }
        out.sort((a, b) -> Long.compare(a.endNanos(), b.endNanos()));
        return out;
    }

    private static double percentile(double[] v, int p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p / 100.0 * s.length))];
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
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

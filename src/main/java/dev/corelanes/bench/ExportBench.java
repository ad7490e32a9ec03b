package dev.corelanes.bench;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideFiles;
import dev.corelanes.view.SlideOptions;
import dev.corelanes.view.TimelineFrame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * How long exporting a slide takes, with no window ({@code java.awt.headless}). Not a unit test: timing on
 * a shared machine is not pass/fail. Goals: a 3840×2160 PNG in ≤ 1 s, the SVG of 20 000 spans in ≤ 0.5 s.
 *
 * <pre>java -cp "target/corelanes.jar:target/lib/*" dev.corelanes.bench.ExportBench</pre>
 *
 * <p>Spans are synthesised (this measures drawing and encoding, not the engine): "every span visible" puts
 * 20 000 spans of about 2 px with gaps of 1.4 px on 64 CPU lanes, so nearly every span is its own SVG
 * rectangle (the layout's level of detail still joins some neighbours of one task in lanes under 4 px);
 * "dense" puts 20 000 spans on 8 CPUs over 10 s, where level of detail merges what shares a pixel.
 * Each figure is the median of {@value #REPS} repetitions after one warm-up; times include layout, drawing
 * and writing the file (atomically, as the app does).
 */
public final class ExportBench {

    private static final int REPS = 5;

    private record Row(String scenario, String output, double medianMs, double goalMs, String detail) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = Files.createTempDirectory("corelanes-exportbench");
        List<Row> rows = new ArrayList<>();
        for (Trace t : List.of(trace(64, 20_000, true), trace(8, 20_000, false))) {
            String name = (t.machine().logicalCores() == 64 ? "every span visible" : "dense") + ", "
                    + t.machine().logicalCores() + " CPUs, " + String.format(Locale.ROOT, "%,d", t.spans().size())
                    + " spans";
            // 1920 × 1080 layout pixels at 2× = 3840 × 2160.
            SlideOptions wide = SlideOptions.defaults().withWidth(1920).withWide(true);
            Path png = dir.resolve("bench.png");
            Path svg = dir.resolve("bench.svg");
            double pngMs = median(() -> time(() -> SlideFiles.writePng(compose(t, wide), 2, png)));
            double svgMs = median(() -> time(() -> SlideFiles.writeSvg(compose(t, SlideOptions.defaults()), svg)));
            long rects = Files.readString(svg).lines().filter(l -> l.startsWith("<rect")).count();
            rows.add(new Row(name, "PNG 3840×2160", pngMs, 1000, String.format(Locale.ROOT, "%,d KB",
                    Files.size(png) / 1024)));
            rows.add(new Row(name, "SVG 1280 wide", svgMs, 500, String.format(Locale.ROOT, "%,d rects, %,d KB", rects,
                    Files.size(svg) / 1024)));
            Files.deleteIfExists(png);
            Files.deleteIfExists(svg);
        }
        Files.deleteIfExists(dir);
        System.out.printf(Locale.ROOT, "Export, median of %d (%d CPUs, Java %s)%n%n", REPS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| scenario | output | median | goal | file |");
        System.out.println("|---|---|---:|---:|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f ms | ≤ %.0f ms %s | %s |%n", r.scenario(), r.output(),
                    r.medianMs(), r.goalMs(), r.medianMs() <= r.goalMs() ? "✓" : "✗", r.detail());
        }
    }

    private static TimelineFrame compose(Trace t, SlideOptions o) {
        return Slide.compose(List.of(Slide.Run.of(t)), o);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work w) {
        long t0 = System.nanoTime();
        try {
            w.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - t0;
    }

    private static double median(LongSupplier sample) {
        sample.getAsLong(); // warm-up
        long[] v = new long[REPS];
        for (int i = 0; i < REPS; i++) {
            v[i] = sample.getAsLong();
        }
        Arrays.sort(v);
        return v[REPS / 2] / 1e6;
    }

    /** {@code count} running spans spread over {@code cpus} lanes; {@code spaced}: each about 4 px with gaps. */
    static Trace trace(int cpus, int count, boolean spaced) {
        MachineInfo machine = new MachineInfo("Bench CPU", cpus, cpus, List.of(), 1L << 34, "BenchOS", "Java");
        int tasks = 64;
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, tasks, 1, false);
        long run = 10_000_000_000L;
        int perLane = count / cpus;
        long slot = run / perLane;
        Random rnd = new Random(42);
        List<Span> spans = new ArrayList<>(count);
        for (int c = 0; c < cpus; c++) {
            for (int i = 0; i < perLane; i++) {
                int task = 1 + rnd.nextInt(tasks);
                long start = i * slot;
                long len = spaced ? slot * 6 / 10 : slot;
                spans.add(new Span(task, "T" + task, c, SpanState.RUNNING, start, start + len));
            }
        }
        List<TaskRecord> records = new ArrayList<>();
        List<WorkerInfo> workers = new ArrayList<>();
        for (int k = 1; k <= tasks; k++) {
            records.add(new TaskRecord(k, "T" + k, 0, run, TaskStatus.COMPLETED, ""));
            workers.add(WorkerInfo.thread("T" + k));
        }
        return new Trace(spec, machine, new Calibration(1_000_000, 1), Instant.now(), run, run * cpus,
                TaskStatus.COMPLETED, "", records, workers, spans, 0);
    }
}

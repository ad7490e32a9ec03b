package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Images;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlideTest {

    @TempDir
    Path dir;

    private static List<Slide.Run> runs(Trace... traces) {
        return Stream.of(traces).map(Slide.Run::of).toList();
    }

    private static String text(TimelineFrame f) {
        StringBuilder b = new StringBuilder();
        f.shapes().stream().filter(s -> s instanceof Shape.Text).forEach(s -> b.append(((Shape.Text) s).text()).append('\n'));
        return b.toString();
    }

    @Test
    void aSlideCarriesTitleWallTimeMachineLegendAndAxis() {
        Trace t = Traces.compute(ExecutionMode.THREADS, 4);
        TimelineFrame f = Slide.compose(runs(t), SlideOptions.defaults());
        String all = text(f);
        assertTrue(all.contains("4 compute tasks × 0.1 s · threads · 2 cores"), all);
        assertTrue(all.contains("wall " + FigureText.nanos(t.wallNanos())), all);
        assertTrue(all.contains("Test CPU · 2 cores / 2 CPUs · TestOS"), all);
        assertTrue(all.contains("running:\nT1\n"), "legend: the colour key starts with task 1: " + all);
        assertTrue(all.contains("0.1 s") || all.contains("0.10 s"), "axis ticks");
        assertTrue(all.contains("ideal " + FigureText.seconds(RunFigures.of(t).idealSeconds())), "ideal mark");
        assertEquals(1280, f.width());
    }

    @Test
    void runsOnDifferentCoresSayEachOnesCores() {
        Trace all = Traces.compute(ExecutionMode.THREADS, 2);
        Trace one = new Trace(all.spec(), all.machine().pinnedTo(java.util.List.of(0)), all.calibration(),
                all.startedAt(), all.wallNanos(), all.cpuNanos(), all.status(), all.message(), all.tasks(),
                all.workers(), all.spans(), 0);
        assertEquals("2 compute tasks × 0.1 s · threads on 1 core (CPU 0) vs threads on 2 cores",
                Slide.title(runs(one, all)));
        assertEquals("2 compute tasks × 0.1 s · threads · 1 core (CPU 0)", Slide.title(runs(one)));
        // Each run's own header says its cores too, so the two panels never look alike.
        String drawn = text(Slide.compose(runs(one, all), SlideOptions.defaults()));
        assertTrue(drawn.contains("threads · 1 core (CPU 0)\n"), drawn);
        assertTrue(drawn.contains("threads · 2 cores\n"), drawn);
        assertFalse(drawn.contains("usable"), drawn);
    }

    @Test
    void wideSlidesAreSixteenByNine() {
        TimelineFrame f = Slide.compose(runs(Traces.compute(ExecutionMode.THREADS, 4)),
                SlideOptions.defaults().withWide(true));
        assertEquals(16.0 / 9, f.width() / f.height(), 0.01);
    }

    @Test
    void compareStacksOneTimelinePerRunOnOneAxisWithOneLegend() {
        Trace seq = Traces.compute(ExecutionMode.SEQUENTIAL, 4);
        // Threads compared with the sequential run, as chosen when it ended (see Baselines).
        Trace thr = Traces.compute(ExecutionMode.THREADS, 4).withBaseline(new dev.corelanes.engine.RunBaseline(
                dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN,
                dev.corelanes.engine.RunBaseline.Reference.of(seq, false), ""));
        Trace vir = Traces.compute(ExecutionMode.VIRTUAL, 4);
        TimelineFrame f = Slide.compose(runs(seq, thr, vir), SlideOptions.defaults());
        String all = text(f);
        assertTrue(all.contains("sequential vs threads vs virtual"), all);
        assertEquals(3, count(all, "CPU 0\n"), "three stacked core timelines");
        assertEquals(1, count(all, "running:\n"), "one legend");
        assertTrue(all.contains(FigureText.speedup(RunFigures.of(thr))), all);
        assertTrue(FigureText.speedup(RunFigures.of(thr)).endsWith(" vs sequential"));
        assertEquals(3, count(all, "wall "), "each run labelled with its wall time");
    }

    @Test
    void aSlideShowsEachRunsOwnSpeedupAsChosenWhenItEndedNeverPastTheLimit() {
        dev.corelanes.fixtures.RandomTraces gen = new dev.corelanes.fixtures.RandomTraces(41);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            var m = dev.corelanes.fixtures.Sessions.machine(gen);
            var spec = dev.corelanes.fixtures.Sessions.spec(gen);
            Trace a = dev.corelanes.fixtures.Sessions.run(gen, gen.random().nextBoolean()
                    ? dev.corelanes.fixtures.RandomTraces.sequentialOf(spec) : spec, m);
            Trace measured = dev.corelanes.fixtures.Sessions.run(gen, spec, m);
            Trace b = measured.withBaseline(dev.corelanes.engine.Baselines.choose(measured, java.util.List.of(a)));
            String all = text(Slide.compose(runs(a, b), SlideOptions.defaults()));
            for (Trace t : java.util.List.of(a, b)) {
                RunFigures f = RunFigures.of(t);
                boolean shown = f.hasSpeedup() && !f.comparedWithItself();
                if (shown) {
                    assertTrue(all.contains(FigureText.speedup(f)), () -> FigureText.speedup(f) + " missing:\n" + all);
                    compared += f.baseline() == dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN ? 1 : 0;
                } else if (FigureText.speedupWithheld(f)) {
                    assertTrue(all.contains("speedup " + FigureText.speedupShort(f)), all);
                }
            }
            for (Trace t : java.util.List.of(a, b)) {
                boolean busy = t.status() == dev.corelanes.engine.TaskStatus.COMPLETED && t.conditions().loadKnown()
                        && t.conditions().otherLoad() > RunFigures.BUSY_LOAD;
                if (busy) {
                    assertTrue(all.contains("busy " + FigureText.percent(t.conditions().otherLoad())), all);
                }
            }
            java.util.regex.Matcher r = java.util.regex.Pattern.compile("×([0-9.]+) vs").matcher(all);
            while (r.find()) {
                assertTrue(Double.parseDouble(r.group(1)) <= m.usableCores() * 1.0 + 1e-9 || b.spec().kind()
                        == dev.corelanes.engine.TaskKind.SLEEP, all);
            }
        }
        assertTrue(compared > 5, "slides with a sequential baseline: " + compared);
    }

    @Test
    void aCancelledRunsAxisEndsWithWhatRanNotWithItsIdeal() {
        Trace done = Traces.compute(ExecutionMode.SEQUENTIAL, 4, 10); // 4 × 1 s, 4.4 s long
        Trace cancelled = new Trace(done.spec(), done.machine(), done.calibration(), done.startedAt(),
                1_000_000_000L, 1_000_000_000L, dev.corelanes.engine.TaskStatus.CANCELLED, "cancelled after 1 s",
                done.tasks().subList(0, 1), done.workers(), done.spans().subList(0, 1), 0);
        TimelineFrame f = Slide.compose(runs(cancelled), SlideOptions.defaults());
        assertTrue(f.viewport().endNanos() < 2_000_000_000L, "axis to " + f.viewport().endNanos()
                + " ns for a run cancelled after 1 s (its ideal was 4 s)");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void pngAtTwiceTheScaleHasTwiceThePixelsAndIsNotBlank() throws Exception {
        TimelineFrame f = Slide.compose(runs(Traces.compute(ExecutionMode.THREADS, 4)), SlideOptions.defaults());
        Path one = dir.resolve("one.png");
        Path two = dir.resolve("two.png");
        SlideFiles.writePng(f, 1, one);
        SlideFiles.writePng(f, 2, two);
        BufferedImage a = ImageIO.read(one.toFile());
        BufferedImage b = ImageIO.read(two.toFile());
        assertEquals(2 * a.getWidth(), b.getWidth());
        assertEquals(2 * a.getHeight(), b.getHeight());
        assertTrue(Images.colours(b) > 8, "drawn, not blank");
    }

    @Test
    void svgParsesAndHoldsOneBarPerSpan() throws Exception {
        // Tasks 4–8: one bar each, plus their swatch in the colour key when the key has room to name them.
        Trace t = Traces.compute(ExecutionMode.THREADS, 8);
        String svg = SlideFiles.svg(Slide.compose(runs(t), SlideOptions.defaults()));
        Document doc = Images.parse(svg);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        for (int task = 4; task <= 8; task++) {
            int rects = Images.rectsFilled(doc, Palette.task(task).toHex());
            assertTrue(rects == 1 || rects == 2, "task " + task + ": " + rects);
        }
    }

    @Test
    void unwritableOrUnknownTargetsGiveOneLineAndLeaveNoFile() throws Exception {
        TimelineFrame f = Slide.compose(runs(Traces.compute(ExecutionMode.THREADS, 2)), SlideOptions.defaults());
        OutputFileException e = assertThrows(OutputFileException.class,
                () -> SlideFiles.writePng(f, 1, dir.resolve("missing/x.png")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> ImageFormat.of(dir.resolve("x.gif")));
        assertTrue(u.getMessage().contains("unknown image format '.gif'"), u.getMessage());
        assertEquals(ImageFormat.SVG, ImageFormat.of(Path.of("A.SVG")));
        assertThrows(IllegalArgumentException.class, () -> SlideFiles.image(f, 5));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "nothing left behind");
        }
    }

    @Test
    void fileNamesSayWhatIsInThem() {
        assertEquals("corelanes-threads-compute-4x0.1s-2026-11-25.png",
                Slide.fileName(List.of(Traces.compute(ExecutionMode.THREADS, 4)), LocalDate.of(2026, 11, 25), "png"));
        assertEquals("corelanes-sequential-vs-threads-compute-4x0.1s-2026-11-25.svg",
                Slide.fileName(List.of(Traces.compute(ExecutionMode.SEQUENTIAL, 4),
                        Traces.compute(ExecutionMode.THREADS, 4)), LocalDate.of(2026, 11, 25), "svg"));
    }

    @Test
    void aComparisonInTheWindowKeepsEveryLaneLegibleAndEveryCpuLabelled() {
        List<Slide.Run> two = runs(Traces.compute(ExecutionMode.THREADS, 2), Traces.compute(ExecutionMode.THREADS, 2));
        double legible = Slide.legibleHeight(two, LaneMode.CORES);
        // A short window (the 1280×720 case gave each run ~6 px CPU lanes) is asked to be this tall.
        assertTrue(legible > 200, "two runs of 2 CPUs and 2 workers need room: " + legible);
        TimelineFrame f = Slide.compose(two, SlideOptions.inWindow(900, legible, LaneMode.CORES, TimelineTheme.LIGHT));
        String all = text(f);
        List<String> lines = List.of(all.split("\n"));
        assertEquals(2, lines.stream().filter("CPU 0"::equals).count(), all);
        assertEquals(2, lines.stream().filter("CPU 1"::equals).count(), "every CPU is labelled in every run: " + all);
        assertFalse(all.contains("+1"), "two workers keep a lane each, never merged into 'T1 +1': " + all);
        assertTrue(f.height() <= legible + 0.5, "the composition fits the height asked for: " + f.height());
    }

    @Test
    void anExportedSlideCarriesTheSameColourKey() {
        TimelineFrame f = Slide.compose(runs(Traces.compute(ExecutionMode.THREADS, 4)), SlideOptions.defaults());
        List<String> lines = List.of(text(f).split("\n"));
        assertTrue(lines.contains("running:"), lines.toString());
        for (String t : List.of("T1", "T2", "T3", "T4")) {
            assertTrue(f.shapes().stream().anyMatch(s -> s instanceof Shape.Box b && b.label() == null
                    && b.fill().equals(Palette.task(Integer.parseInt(t.substring(1))))), t + "'s colour in the key");
        }
    }

    @Test
    void aSlideOfRunsFromTwoMachinesNamesBoth() {
        Trace here = Traces.compute(ExecutionMode.SEQUENTIAL, 2);
        MachineInfo other = new MachineInfo("Other CPU", 8, 8, java.util.List.of(), 1L << 34, "OtherOS", "Java 21");
        Trace there = new Trace(here.spec(), other, here.calibration(), here.startedAt(), here.wallNanos(),
                here.cpuNanos(), here.status(), "", here.tasks(), here.workers(), here.spans(), 0);
        String all = text(Slide.compose(runs(here, there), SlideOptions.defaults()));
        assertTrue(all.contains(here.machine().hardwareLine()), all);
        assertTrue(all.contains(other.hardwareLine()), "the second machine is named too:\n" + all);
    }

    @Test
    void aTracedCommandIsNamedByItsFilesOnASlide() {
        assertEquals("python3 two.py", Slide.shortCommand("/root/.pyenv/versions/3.11.7/bin/python3 /tmp/two.py"));
        assertEquals("sh -c 'yes", Slide.shortCommand("sh -c 'yes"));
        assertEquals("java -jar 'my app.jar'", Slide.shortCommand("java -jar '/home/s/my app.jar'"),
                "a quoted path keeps its quote");
    }
}

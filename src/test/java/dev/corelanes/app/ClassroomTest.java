package dev.corelanes.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Images;
import dev.corelanes.fixtures.Needs;
import dev.corelanes.fixtures.Traces;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.Lessons;
import dev.corelanes.view.Palette;
import dev.corelanes.view.Shape;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classroom features driven as a teacher drives them: menus, shortcuts, dialogs (headless, Monocle).
 * File choosers are native dialogs that cannot be clicked headless: a stub answers them with the paths a
 * user would pick, everything else is clicked.
 */
@ExtendWith(ApplicationExtension.class)
class ClassroomTest {

    @TempDir
    Path dir;

    private RunSession session;
    private MainWindow window;
    private java.nio.file.Path prefsFile;
    /** The "file chooser": answers with the paths a user would pick, in order. */
    private final AnsweringAsker asker = new AnsweringAsker();

    @Start
    void start(Stage stage) {
        session = new RunSession(Hardware.detect());
        prefsFile = TestPrefs.file();
        window = new MainWindow(session, new AppPrefs(prefsFile), asker);
        TestWindow.show(stage, session, window, 1280, 760);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @AfterAll
    static void cleanPrefs() {
        TestPrefs.removeAll();
    }

    private Path saved(Trace t, String name) throws Exception {
        Path p = dir.resolve(name);
        RunFile.write(t, p);
        return p;
    }

    private void shortcut(FxRobot robot, KeyCode... keys) {
        robot.press(KeyCode.CONTROL);
        for (KeyCode k : keys) {
            robot.press(k);
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        robot.release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** File ▸ Open run… answered with {@code file}. */
    private void open(FxRobot robot, Path file) {
        asker.answer(file);
        robot.clickOn("File");
        robot.clickOn("Open run…");
        awaitOpened();
    }

    /** Run files are read off the FX thread: wait until the reading is done and its result shown. */
    private void awaitOpened() {
        try {
            WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> !window.files().opening());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run file was still being read", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void exportVia(FxRobot robot, String format, String scale, Path file) {
        asker.answer(file);
        shortcut(robot, KeyCode.E);
        if (format != null) {
            robot.clickOn("#exportFormat");
            robot.clickOn(format);
        }
        if (scale != null) {
            robot.clickOn("#exportScale");
            robot.clickOn(scale);
        }
        robot.clickOn("#exportOk");
        awaitWritten();
    }

    /** Exports, saved runs and copied images are made off the FX thread: wait until the writing is done. */
    private void awaitWritten() {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.files().writing());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the file was still being written", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.messages().inProgress(), "the progress indicator goes when the writing ends");
        assertNotSame(fxThread(), window.files().lastWriter(), "written off the FX thread");
    }

    static Thread fxThread() {
        try {
            return WaitForAsyncUtils.asyncFx(Thread::currentThread).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pngAtTwoTimesHasTwiceThePixelsOfOneTimesAndIsNotBlank(FxRobot robot) throws Exception {
        open(robot, saved(Traces.compute(ExecutionMode.THREADS, 4), "threads.json"));
        assertEquals(1, session.runs().size());
        Path one = dir.resolve("one.png");
        Path two = dir.resolve("two.png");
        exportVia(robot, "PNG image", "1× (1280 px wide)", one);
        exportVia(robot, "PNG image", "2× (2560 px wide)", two);
        assertTrue(asker.lastSuggested().matches("corelanes-threads-compute-4x0\\.1s-\\d{4}-\\d{2}-\\d{2}\\.png"), asker.lastSuggested());
        BufferedImage a = ImageIO.read(one.toFile());
        BufferedImage b = ImageIO.read(two.toFile());
        assertEquals(1280, a.getWidth());
        assertEquals(2 * a.getWidth(), b.getWidth());
        assertEquals(2 * a.getHeight(), b.getHeight());
        assertTrue(Images.colours(b) > 8, "not blank");
        assertFalse(window.messages().isError(), window.messages().text());
    }

    @Test
    void htmlExportIsOnePageWithTheSlideAndAHoverRecordPerSpan(FxRobot robot) throws Exception {
        Trace t = Traces.compute(ExecutionMode.THREADS, 4);
        open(robot, saved(t, "four.json"));
        Path html = dir.resolve("four.html");
        exportVia(robot, "Interactive HTML page (hover, zoom; works offline)", null, dir.resolve("four"));
        assertFalse(window.messages().isError(), window.messages().text());
        String page = Files.readString(html);
        Document doc = Images.parse(page);
        assertEquals(1, doc.getElementsByTagName("svg").getLength());
        String records = page.substring(page.indexOf("id=\"spans\">") + 12, page.indexOf("</script>"));
        assertEquals(t.spans().size(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(records).size(),
                "one hover record per span");
    }

    @Test
    void svgExportParsesAndHoldsOneShapePerSpan(FxRobot robot) throws Exception {
        Trace t = Traces.compute(ExecutionMode.THREADS, 8);
        open(robot, saved(t, "eight.json"));
        Path svg = dir.resolve("eight.svg");
        exportVia(robot, "SVG (vector, text as text)", null, dir.resolve("eight")); // typed without extension
        Document doc = Images.parse(Files.readString(svg));
        // Tasks 4–8: one bar each (one per span), plus their swatch in the colour key when it names them.
        for (int task = 4; task <= 8; task++) {
            int rects = Images.rectsFilled(doc, Palette.task(task).toHex());
            assertTrue(rects == 1 || rects == 2, "task " + task + ": " + rects);
        }
    }

    @Test
    void traceEventExportHasOneEventPerSpan(FxRobot robot) throws Exception {
        Trace t = Traces.compute(ExecutionMode.THREADS, 6);
        open(robot, saved(t, "six.json"));
        Path json = dir.resolve("six-trace.json");
        exportVia(robot, "Trace-event JSON (Perfetto)", null, json);
        JsonNode events = new ObjectMapper().readTree(json.toFile()).get("traceEvents");
        long complete = 0;
        for (JsonNode e : events) {
            if ("X".equals(e.path("ph").asText())) {
                complete++;
            }
        }
        assertEquals(t.spans().size(), complete);
    }

    @Test
    void exportToAFolderThatDoesNotExistSaysSoAndWritesNothing(FxRobot robot) throws Exception {
        open(robot, saved(Traces.compute(ExecutionMode.THREADS, 2), "two.json"));
        exportVia(robot, "PNG image", null, dir.resolve("missing/x.png"));
        assertTrue(window.messages().isError());
        assertTrue(window.messages().text().contains("does not exist"), window.messages().text());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void aComparisonExportsAsTraceEventJsonOneFilePerRun(FxRobot robot) throws Exception {
        open(robot, saved(Traces.compute(ExecutionMode.SEQUENTIAL, 2), "seq.json"));
        open(robot, saved(Traces.compute(ExecutionMode.THREADS, 2), "thr.json"));
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.press(KeyCode.SHIFT);
        robot.clickOn(robot.lookup(".table-row-cell").nth(1).queryAs(javafx.scene.Node.class));
        robot.release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, window.selectedRows().size());
        exportVia(robot, "Trace-event JSON (Perfetto)", null, dir.resolve("lesson.json"));
        assertFalse(window.messages().isError(), window.messages().text());
        for (RunRow r : session.runs()) {
            Path f = dir.resolve("lesson-run" + r.number() + ".json");
            assertTrue(Files.exists(f), "one file per run: " + f + " (" + window.messages().text() + ")");
            JsonNode events = new ObjectMapper().readTree(f.toFile()).get("traceEvents");
            assertTrue(events != null && events.size() > 0, "a trace-event file: " + f);
        }
    }

    @Test
    void threeSelectedRunsAreStackedOnOneTimeAxis(FxRobot robot) throws Exception {
        open(robot, saved(Traces.compute(ExecutionMode.SEQUENTIAL, 4), "seq.json"));
        open(robot, saved(Traces.compute(ExecutionMode.THREADS, 4), "thr.json"));
        open(robot, saved(Traces.compute(ExecutionMode.VIRTUAL, 4), "vir.json"));
        assertEquals(3, session.runs().size());
        assertTrue(session.runs().stream().allMatch(r -> r.source() != null
                && r.statusProperty().get().endsWith("opened")), "marked as opened from a file");
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.press(KeyCode.SHIFT);
        robot.clickOn(robot.lookup(".table-row-cell").nth(2).queryAs(javafx.scene.Node.class));
        robot.release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.timeline().compared().size() == 3);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.timeline().frame() != null
                && count(window.timeline().frame(), "CPU 0") == 3);
        long walls = window.timeline().frame().shapes().stream()
                .filter(s -> s instanceof Shape.Text x && x.text().startsWith("wall ")).count();
        assertEquals(3, walls, "each run labelled with its wall time");

        Path png = dir.resolve("compare.png");
        exportVia(robot, "PNG image", "1× (1280 px wide)", png);
        assertTrue(asker.lastSuggested().startsWith("corelanes-sequential-vs-threads-vs-virtual-compute-4x0.1s-"), asker.lastSuggested());
        assertTrue(ImageIO.read(png.toFile()).getHeight() > 600, "three timelines in one image");
    }

    private static long count(dev.corelanes.view.TimelineFrame f, String text) {
        return f.shapes().stream().filter(s -> s instanceof Shape.Text x && x.text().equals(text)).count();
    }

    @Test
    void runFilesPassedByAFileManagerOpenAsRunsAndABadOneIsNamed(FxRobot robot) throws Exception {
        Path seq = saved(Traces.compute(ExecutionMode.SEQUENTIAL, 2), "seq.corelanes.json");
        Path thr = saved(Traces.compute(ExecutionMode.THREADS, 2), "thr.corelanes.json");
        Path bad = Files.writeString(dir.resolve("bad.corelanes.json"), "not a run");
        robot.interact(() -> window.openFiles(List.of(seq, bad, thr)));
        awaitOpened();
        assertEquals(2, session.runs().size(), "the two good files open, the bad one adds nothing");
        assertTrue(session.runs().stream().anyMatch(r -> thr.equals(r.source())));
        robot.interact(() -> window.openFiles(List.of(bad)));
        awaitOpened();
        assertEquals(2, session.runs().size());
        assertTrue(window.messages().isError());
        assertTrue(window.messages().text().contains("bad.corelanes.json"), window.messages().text());
    }

    @Test
    void saveSuggestsTheRegisteredRunFileExtension(FxRobot robot) throws Exception {
        open(robot, saved(Traces.compute(ExecutionMode.THREADS, 2), "two.json"));
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        Path chosen = dir.resolve("mine");
        asker.answer(chosen);
        shortcut(robot, KeyCode.S);
        awaitWritten();
        assertTrue(asker.lastSuggested().endsWith(".corelanes.json"), asker.lastSuggested());
        assertTrue(Files.isRegularFile(dir.resolve("mine.corelanes.json")), "a name without extension gets it");
    }

    @Test
    void aFileStillBeingReadLeavesTheWindowFree(FxRobot robot) throws Exception {
        Path fifo = dir.resolve("slow.json");
        Needs.fifo(fifo);
        asker.answer(fifo);
        robot.clickOn("File");
        robot.clickOn("Open run…");
        // Nobody writes the pipe yet: the reader waits, the FX thread must not.
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.files().opening(), "still reading");
        assertTrue(robot.lookup("#messageText").queryAs(Label.class).getText().contains("Opening slow.json"));
        robot.clickOn("View"); // the menus still answer while the file is read
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        Files.writeString(fifo, RunFile.toJsonString(Traces.compute(ExecutionMode.THREADS, 2)));
        awaitOpened();
        assertEquals(1, session.runs().size());
        assertFalse(window.messages().isError());
    }

    @Test
    void badFilesShowAMessageAndChangeNothing(FxRobot robot) throws Exception {
        Path good = saved(Traces.compute(ExecutionMode.THREADS, 2), "good.json");
        open(robot, good);
        var model = window.timeline().model();
        String valid = Files.readString(good);
        Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"format\": corelanes-run, ]");
        Path truncated = Files.writeString(dir.resolve("truncated.json"), valid.substring(0, valid.length() / 2));
        Path foreign = Files.writeString(dir.resolve("foreign.json"), "{\"format\": \"something-else\", \"version\": 1}");
        Path newer = Files.writeString(dir.resolve("newer.json"),
                valid.replaceFirst("\"version\"\\s*:\\s*1", "\"version\":99"));
        Path hugeCore = Files.writeString(dir.resolve("core.json"), valid.replaceFirst("\"core\":\\d+", "\"core\":2147483647"));
        Path manyCpus = Files.writeString(dir.resolve("cpus.json"),
                valid.replaceFirst("\"logicalCores\"\\s*:\\s*\\d+", "\"logicalCores\" : 20000000"));
        String[][] cases = {
                {corrupt.toString(), "not valid JSON"},
                {truncated.toString(), "not valid JSON"},
                {foreign.toString(), "not a CoreLanes run file"},
                {newer.toString(), "newer CoreLanes"},
                {hugeCore.toString(), "spans.core"},
                {manyCpus.toString(), "logicalCores"},
                {"/dev/zero", "not valid JSON"},
        };
        for (String[] c : cases) {
            robot.interact(() -> window.messages().clear());
            open(robot, Path.of(c[0]));
            assertTrue(window.messages().isError(), c[0]);
            String shown = robot.lookup("#messageText").queryAs(Label.class).getText();
            assertTrue(shown.contains(Path.of(c[0]).getFileName().toString()) && shown.contains(c[1]),
                    c[1] + " in: " + shown);
            assertEquals(1, session.runs().size(), "no run added for " + c[0]);
            assertSame(model, window.timeline().model(), "timeline unchanged for " + c[0]);
        }
        assertEquals(List.of(good.toAbsolutePath().normalize()), new AppPrefs(prefsFile).recentFiles(),
                "only the good file is recent");
    }

    @Test
    void aLessonSetsTheControlsItPromisesAndShowsItsQuestion(FxRobot robot) {
        for (Lesson l : List.of(Lessons.all().get(1), Lessons.all().get(Lessons.all().size() - 1))) {
            robot.clickOn("Lessons");
            robot.clickOn(l.title());
            WaitForAsyncUtils.waitForFxEvents();
            var s = l.first();
            ExperimentForm f = window.form();
            assertEquals(s.mode(), f.modeProperty().get(), l.id());
            assertEquals(s.kind(), f.kindProperty().get(), l.id());
            assertEquals(s.tasks(), f.tasksProperty().get(), l.id());
            assertEquals(s.taskSeconds(), f.secondsProperty().get(), 1e-9, l.id());
            assertEquals(s.gil(), f.gilProperty().get(), l.id());
            if (s.mode().pooled()) {
                assertEquals(s.workers(), f.workersProperty().get(), l.id());
            }
            assertEquals(String.valueOf(s.tasks()),
                    robot.lookup("#tasksSpinner").queryAs(Spinner.class).getEditor().getText(), "spinner shows it");
            assertEquals(l.question(), robot.lookup("#lessonQuestion").queryAs(Label.class).getText());
            assertTrue(robot.lookup("#lessonCard").query().isVisible());
        }
    }

    @Test
    void aLessonRunsItsStepsInTurnThenComparesThem(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        Lesson l = Lessons.all().get(0); // do_something() twice: sequential, then two threads (sleep)
        robot.clickOn("Lessons");
        robot.clickOn(l.title());
        for (int step = 0; step < l.steps().size(); step++) {
            robot.clickOn("#lessonRunStep");
            int n = step + 1;
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> session.runs().size() == n && session.runs().get(n - 1).trace() != null);
            assertEquals(l.steps().get(step), session.runs().get(step).spec());
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.timeline().compared().size() == 2);
        assertTrue(robot.lookup("#lessonExplanation").query().isVisible(), "explanation after the last step");
        assertTrue(robot.lookup("#lessonRunStep").queryAs(Button.class).isDisabled());
    }

    @Test
    void predictionIsAskedBeforeTheRunAndComparedAfter(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        robot.clickOn("Teach");
        robot.clickOn("Predict before each run");
        robot.interact(() -> window.apply(dev.corelanes.engine.ExperimentSpec.of(ExecutionMode.THREADS,
                dev.corelanes.engine.TaskKind.SLEEP, 2, 0.2, false)));
        robot.clickOn("#runButton");
        robot.clickOn("#predictionField").write("0.4");
        robot.clickOn("#predictOk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !session.runs().isEmpty() && session.runs().get(0).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.4, session.runs().get(0).prediction(), 1e-9);
        String shown = robot.lookup("#predictionResult").queryAs(Label.class).getText();
        assertTrue(shown.startsWith("Predicted 0.400 s · measured "), shown);
        assertTrue(robot.lookup("#runCaption").queryAs(Label.class).getText().startsWith("Wall "), "explained");
    }

    @Test
    void replayPlaysASavedRunBackWithoutMeasuringAgain(FxRobot robot) throws Exception {
        // Tasks of 10 s, two at a time: the replay (started at 1x) is still going when the pause is clicked on a
        // busy machine (with tasks of 1 s it had ended first at a load average of 18).
        Trace t = Traces.compute(ExecutionMode.THREADS, 4, 100);
        open(robot, saved(t, "replay.json"));
        robot.clickOn("#replayButton");
        assertTrue(robot.lookup("#replayBar").query().isVisible());
        ReplayBar bar = window.replayBar();
        robot.clickOn("#replayPlay"); // pause
        assertFalse(bar.isPlaying());
        // Drag the scrubber to 0.5 s: tasks 1 and 2 have started (0 s), none has ended (10 s).
        robot.interact(() -> robot.lookup("#replayScrubber").queryAs(javafx.scene.control.Slider.class).setValue(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(500_000_000L, bar.position());
        assertEquals(0, window.timeline().model().size(), "no span has ended at 0.5 s");
        assertEquals(2, window.timeline().model().openSpans().size(), "two tasks are running at 0.5 s");
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(500_000_000L, bar.position(), "paused");
        robot.clickOn("#replaySpeed");
        robot.clickOn("0.25×");
        robot.clickOn("#replayPlay");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bar.position() > 520_000_000L);
        assertTrue(bar.isPlaying());
        robot.clickOn("#replaySpeed");
        robot.clickOn("4×");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !bar.isPlaying());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(t.spans().size(), window.timeline().model().size(), "every span replayed");
        assertEquals(1, session.runs().size(), "nothing was run again");
    }

    @Test
    void presenterModeEnlargesTypeAndTheSizeAndThemeAreRemembered(FxRobot robot) {
        robot.clickOn("#themeButton");
        robot.clickOn("#presenterButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.presenterProperty().get());
        // Up to twice its size on a 1280×720 projector, in proportion on a larger one, as large as its lines fit.
        double z = window.timeline().zoomProperty().get();
        double most = 2 * projector(window.scene());
        assertTrue(z > 1 && z <= most + 1e-9, "the timeline is drawn larger, up to " + most + "× its size: " + z);
        shortcut(robot, KeyCode.EQUALS);
        assertEquals(1.1, window.fontScaleProperty().get(), 1e-9);
        shortcut(robot, KeyCode.SUBTRACT);
        shortcut(robot, KeyCode.ADD);
        assertEquals(1.1, window.fontScaleProperty().get(), 1e-9, "keypad minus then plus");
        double larger = window.timeline().zoomProperty().get();
        assertTrue(larger > 1.1 && larger <= 1.1 * most + 1e-9, "with the larger type, up to " + most + "× it: "
                + larger);
        robot.press(KeyCode.F11).release(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.presenterProperty().get());
        AppPrefs again = new AppPrefs(prefsFile);
        assertEquals(1.1, again.fontScale(), 1e-9);
        assertTrue(again.dark());
    }

    @Test
    void codeViewShowsJavaAndPythonOfTheConfiguredExperiment(FxRobot robot) {
        robot.interact(() -> window.apply(dev.corelanes.engine.ExperimentSpec.of(ExecutionMode.THREADS,
                dev.corelanes.engine.TaskKind.COMPUTE, 3, 0.5, false)));
        shortcut(robot, KeyCode.K);
        String java = robot.lookup("#codeJava").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(java.contains("class") && java.contains("Thread"), java);
        robot.clickOn("#codeCopy");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(robot.lookup("Copied").tryQuery().orElse(null));
        robot.clickOn("Python");
        String py = robot.lookup("#codePython").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(py.contains("import"), py);
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void copyImagePutsTheSlideOnTheClipboardAtTwiceItsSize(FxRobot robot) throws Exception {
        open(robot, saved(Traces.compute(ExecutionMode.THREADS, 4), "copy.json"));
        robot.press(KeyCode.SHIFT);
        shortcut(robot, KeyCode.C);
        robot.release(KeyCode.SHIFT);
        awaitWritten();
        var image = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getImage()).get();
        assertNotNull(image, window.messages().text());
        assertEquals(2560, image.getWidth(), 0.5);
        assertTrue(window.messages().text().startsWith("Copied the image (2560×"), window.messages().text());
    }

    @Test
    void savingARunWritesAFileThatOpensAgain(FxRobot robot) throws Exception {
        Trace t = Traces.compute(ExecutionMode.SEQUENTIAL, 3);
        open(robot, saved(t, "in.json"));
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        Path out = dir.resolve("out.json");
        asker.answer(out);
        shortcut(robot, KeyCode.S);
        awaitWritten();
        assertEquals(t.spans(), RunFile.read(out).spans());
        assertEquals(TaskStatus.COMPLETED, RunFile.read(out).status());
        assertEquals(out.toAbsolutePath().normalize(), new AppPrefs(prefsFile).recentFiles().get(0));
    }

    /** The projector's size over presenter mode's design size (1280×720), as presenter mode steps it (5 %). */
    static double projector(javafx.scene.Scene scene) {
        double f = Math.max(1, Math.min(scene.getWidth() / 1280, scene.getHeight() / 720));
        return Math.floor(f * 20) / 20;
    }
}

package dev.corelanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.teach.LessonReport;
import dev.corelanes.teach.Lessons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.corelanes.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code corelanes lesson}: every step run, the card printed with the window's words, the slide written. */
class LessonCliTest {

    @TempDir
    Path dir;

    @Test
    void listNamesEveryLessonByTheIdsOfTheWindowCommand() {
        CliTest.Result r = cli("lesson", "--list");
        assertEquals(Cli.OK, r.code(), r.err());
        Lessons.all().forEach(l -> assertTrue(r.out().contains(l.id()), l.id()));
    }

    @Test
    void anUnknownOrMissingLessonIsOneLineAndExitTwo() {
        CliTest.Result unknown = cli("lesson", "cpu-rust");
        assertEquals(Cli.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().startsWith("corelanes: unknown lesson 'cpu-rust': use one of do-something, "), unknown.err());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        CliTest.Result none = cli("lesson");
        assertEquals(Cli.BAD_INPUT, none.code());
        assertTrue(none.err().contains("corelanes lesson --list"), none.err());
        CliTest.Result badImage = cli("lesson", "thread-pool", "--png", dir.resolve("x.svg").toString());
        assertEquals(Cli.BAD_INPUT, badImage.code(), "an output is checked before any step runs");
    }

    @Test
    void aLessonRunsEveryStepPrintsItsCardAndWritesTheStepsAndTheSlide() throws Exception {
        Path json = dir.resolve("lesson.json");
        Path svg = dir.resolve("lesson.svg");
        CliTest.Result r = cli("lesson", "do-something", "--json", json.toString(), "--svg", svg.toString());
        assertEquals(Cli.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Running step 1 of 2: 2 sleep tasks × 1 s · sequential"), r.out());
        assertTrue(r.out().contains("Question: " + Lessons.byId("do-something").orElseThrow().question()), r.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("corelanes-lesson", root.get("format").asText());
        assertEquals(2, root.get("steps").size());
        List<Trace> steps = new ArrayList<>();
        for (JsonNode step : root.get("steps")) {
            steps.add(RunFile.parse(step.toString(), "step"));
        }
        // The card in the file and on the terminal is the one the window writes from the same runs.
        LessonReport again = LessonReport.of(Lessons.byId("do-something").orElseThrow(), steps);
        assertEquals(again.text(), root.get("card").get("text").asText());
        assertTrue(r.out().contains(again.text()), r.out());
        // Step 2 was compared with step 1 (sleep compares whatever the load), within two waits at a time.
        RunFigures threads = RunFigures.of(steps.get(1));
        assertEquals(dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN, threads.baseline());
        assertEquals(steps.get(0).wallNanos(), threads.baselineRun().wallNanos());
        assertTrue(!threads.hasSpeedup() || threads.speedup() <= 2, threads.toString());
        assertTrue(again.steps().get(1).contains(FigureText.speedup(threads)), again.steps().get(1));

        String slide = Files.readString(svg);
        assertTrue(slide.contains("sequential vs threads"), "the comparison slide of the lesson's steps");
        assertFalse(r.out().contains("Exception"), r.out());
    }
}

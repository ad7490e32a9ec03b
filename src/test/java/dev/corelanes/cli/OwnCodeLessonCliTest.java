package dev.corelanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.fixtures.Needs;
import dev.corelanes.teach.LessonReport;
import dev.corelanes.teach.Lessons;
import org.junit.jupiter.api.BeforeEach;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code corelanes lesson own-code}: the student's file runs as the lesson's last step, traced as
 * {@code corelanes trace} traces a program (in the lesson's Python), and the card reports what it measured; a file
 * that fails is a failed step with its cause; nothing it started outlives the command.
 */
class OwnCodeLessonCliTest {

    @TempDir
    Path dir;

    @BeforeEach
    void traceable() {
        assumeTrue(ProgramTrace.unavailableReason().isEmpty(), ProgramTrace.unavailableReason());
        Needs.tool("python3");
    }

    @Test
    void theStudentsFileRunsTracedAsTheLastStepAndTheCardSaysWhatItMeasured() throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.py"), """
                import multiprocessing, time
                def work():
                    x = 0
                    for i in range(1_500_000):
                        x += i
                if __name__ == "__main__":
                    ps = [multiprocessing.Process(target=work) for _ in range(2)]
                    for p in ps: p.start()
                    for p in ps: p.join()
                    print("both processes done")
                """);
        Path json = dir.resolve("lesson.json");
        CliTest.Result r = cli("lesson", "own-code", "--python", "python3", "--program", mine.toString(),
                "--json", json.toString());
        assertEquals(Cli.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Running step 2 of 2: your own code · "), r.out());
        assertTrue(r.out().contains(mine.toString()), "the file run is named: " + r.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<Trace> steps = new ArrayList<>();
        for (JsonNode step : root.get("steps")) {
            steps.add(RunFile.parse(step.toString(), "step"));
        }
        assertEquals(2, steps.size());
        Trace own = steps.get(1);
        assertEquals(ExecutionMode.TRACED, own.spec().mode());
        assertEquals(TaskStatus.COMPLETED, own.status(), own.message());
        long processes = own.workers().stream().mapToLong(w -> w.pid()).distinct().count();
        assertTrue(processes >= 3, "the program and its two processes: " + own.workers());
        // The card is the window's, from the same runs; its figure is the engine's, from the run's spans.
        LessonReport again = LessonReport.of(Lessons.byId("own-code").orElseThrow(), steps);
        assertEquals(again.text(), root.get("card").get("text").asText());
        assertTrue(r.out().contains(again.text()), r.out());
        String finding = again.findings().get(1);
        assertTrue(finding.startsWith("Step 2 (your program, "), finding);
        assertTrue(finding.contains("mine.py) took "), finding);
        assertTrue(finding.contains(FigureText.overlap(RunFigures.overlap(own), own.wallNanos())), finding);
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains("mine.py")).count(), "nothing outlives it");
    }

    @Test
    void aFileThatFailsIsAFailedStepWithItsCauseAndTheCommandFails() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.py"), "import sys\nsys.exit(3)\n");
        CliTest.Result r = cli("lesson", "own-code", "--python", "python3", "--program", broken.toString());
        assertEquals(Cli.RUN_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Step 2 (your program, "), r.out());
        assertTrue(r.out().contains("broken.py): failed (the program ended with exit code 3)"), r.out());
        assertTrue(r.out().contains("nothing it did is reported as a result"), r.out());
        assertFalse(r.out().contains("CPUs at once"), "no figure of a failed run: " + r.out());
    }

    @Test
    void aProgramThatIsNotThereIsOneLineBeforeAnyStepRuns() {
        CliTest.Result r = cli("lesson", "own-code", "--program", dir.resolve("gone.py").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("gone.py: no such file"), r.err());
        assertFalse(r.out().contains("Running step"), r.out());
    }
}

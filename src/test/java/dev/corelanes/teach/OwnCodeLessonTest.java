package dev.corelanes.teach;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunConditions;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.RunRuntime;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.corelanes.fixtures.TracedPrograms.TWO;
import static dev.corelanes.fixtures.TracedPrograms.program;
import static dev.corelanes.fixtures.TracedPrograms.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lesson step "your own code": the student's program is reported from what its run measured (its time, threads,
 * processes and time on two CPUs at once), never judged against a claim; a failed or skipped step says so and why,
 * and the lesson's other steps are still checked.
 */
class OwnCodeLessonTest {

    private static final Lesson OWN = Lessons.byId("own-code").orElseThrow();

    /** Step 1 as CPython measured it: two threads under the real GIL, {@code wallMillis} long. */
    private static Trace threads(long wallMillis) {
        ExperimentSpec spec = OWN.steps().get(0);
        List<TaskRecord> tasks = new ArrayList<>();
        for (int id = 1; id <= spec.tasks(); id++) {
            tasks.add(new TaskRecord(id, "T" + id, 0, wallMillis * 1_000_000L, TaskStatus.COMPLETED, "", 500_000_000L));
        }
        return new Trace(spec, TWO, new Calibration(500_000_000L, 300), Instant.parse("2026-12-07T05:00:00Z"),
                wallMillis * 1_000_000L, 1_000_000_000L, TaskStatus.COMPLETED, "", tasks, List.of(), List.of(), 0,
                new RunConditions(500_000_000L, 0.02), new RunRuntime(RunRuntime.PYTHON_ID, "/usr/bin/python3", "3.12.3",
                "enabled", ""));
    }

    /** The starter as it runs: main thread, two threads taking turns, then two processes 300 ms side by side. */
    private static Trace starter() {
        return program(2000, thread(7, 0, 0, 20), thread(7, 0, 20, 520), thread(7, 1, 520, 1020),
                thread(8, 0, 1100, 1600), thread(9, 1, 1300, 1800));
    }

    @Test
    void theLessonRunsTwoPythonThreadsThenTheStudentsFileWhichIsReportedNotClaimed() {
        assertEquals(2, OWN.steps().size());
        assertFalse(OWN.ownCode(0));
        assertTrue(OWN.ownCode(1));
        assertTrue(OWN.python(OWN.steps().get(0)) && OWN.python(OWN.steps().get(1)), "both run in the Python chosen");
        assertEquals(List.of(new LessonClaim.NearIdeal(0), new LessonClaim.OwnProgram(1)), OWN.claims());
        assertEquals(ExecutionMode.TRACED, OWN.steps().get(1).mode());
        // Nothing may be claimed of the student's program, and it runs in Python.
        assertThrows(IllegalArgumentException.class, () -> OWN.checking(new LessonClaim.Faster(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Lesson("x", "x", "x?",
                List.of(OWN.steps().get(0), Lesson.OWN_CODE), "x", List.of()));
    }

    @Test
    void theStudentsProgramIsWrittenFromItsOwnFiguresAndTheOtherStepIsStillChecked() {
        Trace own = starter();
        LessonReport r = LessonReport.of(OWN, List.of(threads(1030), own));
        assertTrue(r.complete());
        String line = r.steps().get(1);
        assertTrue(line.startsWith("Step 2 (your program, python3 -u my_threads.py): 2.00 s · CPU 2.02 s · 5 threads "
                + "in 3 processes · on two or more CPUs at once 0.300 s (15 %)"), line);
        assertFalse(line.contains("ideal") || line.contains("×"), "nothing was asked of it: " + line);
        String finding = r.findings().get(1);
        assertTrue(finding.contains(FigureText.overlap(RunFigures.overlap(own), own.wallNanos())), finding);
        assertTrue(finding.contains("threads of one process at the same moment: never"), finding);
        // The verdict is step 1's: the student's program is reported, not judged.
        assertTrue(r.findings().get(0).contains("close to ideal as claimed"), r.findings().get(0));
        assertEquals("This run showed the claim.", r.verdict());
        assertTrue(r.shown());

        // Edited so its threads compute together (no GIL, or processes everywhere): the card follows the run.
        Trace edited = program(1000, thread(7, 0, 0, 800), thread(7, 1, 200, 900));
        String other = LessonReport.of(OWN, List.of(threads(1030), edited)).findings().get(1);
        assertTrue(other.contains("for 0.600 s of its 1.00 s (60 %)"), other);
        assertFalse(other.contains("never"), other);
    }

    @Test
    void aFailedProgramIsFailedWithItsCauseNeverAResult() {
        Trace failed = program(300, TaskStatus.FAILED, "the program ended with exit code 1",
                "/usr/bin/python3 -u /home/s/my_threads.py", thread(7, 0, 0, 100));
        LessonReport r = LessonReport.of(OWN, List.of(threads(1030), failed));
        assertTrue(r.steps().get(1).endsWith("failed (the program ended with exit code 1)"), r.steps().get(1));
        String finding = r.findings().get(1);
        assertTrue(finding.startsWith("Step 2 (your program, python3 -u my_threads.py) failed (the program ended "
                + "with exit code 1): nothing it did is reported as a result."), finding);
        assertFalse(finding.contains("CPUs at the same moment"), finding);
        assertEquals("This run showed the claim.", r.verdict(), "step 1 was still checked");
    }

    @Test
    void aSkippedStepSaysWhyAndTheRestOfTheLessonIsStillReported() {
        String why = "corelanes trace needs Linux for now";
        LessonReport r = LessonReport.of(OWN, java.util.Arrays.asList(threads(2600), null), Map.of(1, why));
        assertTrue(r.complete(), "every step ran or was skipped");
        assertEquals("Step 2 (your program): skipped — " + why, r.steps().get(1));
        assertEquals("Step 2 (your program) was skipped (" + why + ").", r.findings().get(1));
        assertTrue(r.findings().get(0).contains("This run did not show the claim"), "step 1 is checked: "
                + r.findings().get(0));
        assertEquals("This run did not show the whole claim; the reasons are above.", r.verdict());
        assertTrue(r.text().contains(why), r.text());
    }

    @Test
    void aLessonOfOnlyTheStudentsCodeHasNoVerdict() {
        Lesson mine = new Lesson("mine", "Mine", "Mine?", List.of(Lesson.OWN_CODE), "Yours, reported as it ran.",
                List.of(), List.of(true), false);
        LessonReport r = LessonReport.of(mine, List.of(starter()));
        assertEquals(List.of(new LessonClaim.OwnProgram(0)), mine.claims());
        assertEquals(1, r.findings().size());
        assertEquals("", r.verdict(), "nothing was claimed, so nothing was shown or not");
    }
}

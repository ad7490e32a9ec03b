package dev.corelanes.teach;

import dev.corelanes.engine.Baselines;
import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunConditions;
import dev.corelanes.engine.RunRuntime;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.RandomTraces;
import dev.corelanes.fixtures.Sessions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lesson card is written from what its steps measured: the claim is shown as the claim, the findings
 * say which step was faster and by how much, or plainly that this run did not show it and the likely
 * cause — never a figure the machine cannot give.
 */
class LessonReportTest {

    private static final MachineInfo TWO = new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 34, "TestOS", "Java 21");
    private static final long S = 1_000_000_000L;

    /** A completed run of {@code spec}: {@code wallMillis} long, other programs at {@code load}, its tasks' CPU as asked. */
    private static Trace run(ExperimentSpec spec, MachineInfo m, long wallMillis, double load, RunRuntime rt,
                             SpanState extra, int extraSpans) {
        long wall = wallMillis * 1_000_000L;
        List<TaskRecord> tasks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (int id = 1; id <= spec.tasks(); id++) {
            long cpu = spec.kind() == dev.corelanes.engine.TaskKind.COMPUTE ? Math.round(spec.taskSeconds() * S) : 1000;
            tasks.add(new TaskRecord(id, "T" + id, 0, wall, TaskStatus.COMPLETED, "", cpu));
        }
        for (int i = 0; i < extraSpans; i++) {
            spans.add(new Span(1, "T1", Span.NO_CORE, extra, i * 1_000_000L, i * 1_000_000L + 500_000L));
        }
        return new Trace(spec, m, new Calibration(500_000_000L, 300), Instant.parse("2026-12-06T10:00:00Z"), wall,
                tasks.stream().mapToLong(TaskRecord::cpuNanos).sum(), TaskStatus.COMPLETED, "", tasks, List.of(), spans, 0,
                new RunConditions(500_000_000L, load), rt);
    }

    private static Trace run(ExperimentSpec spec, MachineInfo m, long wallMillis, double load) {
        return run(spec, m, wallMillis, load, RunRuntime.JAVA, SpanState.RUNNING, 0);
    }

    /** The steps as the window and `corelanes lesson` give them: each with its baseline chosen from the ones before. */
    private static List<Trace> chained(Trace... measured) {
        List<Trace> done = new ArrayList<>();
        for (Trace t : measured) {
            done.add(t.withBaseline(Baselines.choose(t, done)));
        }
        return done;
    }

    private static Lesson lesson(String id) {
        return Lessons.byId(id).orElseThrow();
    }

    @Test
    void aQuietCpuBoundLessonSaysHowMuchFasterEachStepWasAgainstWhatTheCoresAllow() {
        Lesson l = lesson("cpu-java");
        LessonReport r = LessonReport.of(l, chained(run(l.steps().get(0), TWO, 2010, 0.03),
                run(l.steps().get(1), TWO, 1020, 0.04),
                run(l.steps().get(2), TWO, 1150, 0.05, RunRuntime.JAVA, SpanState.SPAWNING, 1)));
        assertTrue(r.complete());
        assertTrue(r.shown(), r.text());
        assertEquals(3, r.steps().size());
        assertTrue(r.steps().get(1).startsWith("Step 2 (threads): 1.02 s · ideal 1.00 s · speedup ×1.97 vs sequential"),
                r.steps().get(1));
        assertTrue(r.findings().get(0).startsWith("Step 2 (threads) took 1.02 s, step 1 (sequential) 2.01 s: ×1.97 faster, "
                + "close to the ×2.00 that 2 cores allow"), r.findings().get(0));
        assertTrue(r.findings().get(1).contains("starting step 3 (processes)'s processes took"), r.findings().get(1));
        assertTrue(r.notes().isEmpty());
        assertEquals("This run showed the claim.", r.verdict());
        assertTrue(r.text().contains("Claim:    " + l.claim()), "the lesson's text is shown as its claim");
    }

    @Test
    void threadsSlowerThanSequentialOnABusyMachineSayTheClaimWasNotShownAndNameTheLoad() {
        Lesson l = lesson("do-something").checking(new LessonClaim.Faster(0, 1));
        Lesson cpu = new Lesson("t", "t", "t?", List.of(ExperimentSpec.of(dev.corelanes.engine.ExecutionMode.SEQUENTIAL,
                dev.corelanes.engine.TaskKind.COMPUTE, 2, 1, false), ExperimentSpec.of(
                dev.corelanes.engine.ExecutionMode.THREADS, dev.corelanes.engine.TaskKind.COMPUTE, 2, 1, false)),
                l.claim(), List.of(), List.of(), false);
        // The window: threads 3.84 s after a sequential 2.42 s, both with other programs busy.
        LessonReport r = LessonReport.of(cpu, chained(run(cpu.steps().get(0), TWO, 2420, 0.62),
                run(cpu.steps().get(1), TWO, 3840, 0.70)));
        assertFalse(r.shown());
        String f = r.findings().get(0);
        assertTrue(f.startsWith("Step 2 (threads) took 3.84 s, step 1 (sequential) 2.42 s: slower, not faster. This run did "
                + "not show the claim. Likely cause: other programs used 70 % of the CPUs during step 2 (threads)."), f);
        assertEquals(List.of("Machine busy: other programs used 62 % of the CPUs during step 1 (sequential) and 70 % during "
                + "step 2 (threads); compute tasks that waited for them took longer."), r.notes());
    }

    @Test
    void theGilLessonWithProcessesSlowerThanThreadsSaysSoAndWhy() {
        Lesson l = lesson("cpu-python");
        // The window: processes + GIL 2.92 s vs threads + GIL 2.16 s.
        LessonReport r = LessonReport.of(l, chained(
                run(l.steps().get(0), TWO, 2160, 0.05, RunRuntime.JAVA, SpanState.GIL_WAIT, 200),
                run(l.steps().get(1), TWO, 2920, 0.08, RunRuntime.JAVA, SpanState.SPAWNING, 1)));
        assertFalse(r.shown());
        String f = r.findings().get(0);
        assertTrue(f.contains("took 2.92 s, step 1 (threads + GIL) 2.16 s: slower, not faster. This run did not show the "
                + "claim."), f);
        assertFalse(r.explanation().contains("processes compute in parallel"), "no fixed claim stated as a result");
    }

    @Test
    void aStepSlowedByOtherProgramsIsNotComparedAndNoRatioPastTheCoresIsShown() {
        Lesson l = lesson("one-core");
        MachineInfo one = TWO.pinnedTo(List.of(1));
        // Step 1 on one core while two busy loops ran: 3.90 s; step 2 on the quiet machine: 1.02 s (×3.8 apart).
        LessonReport r = LessonReport.of(l, chained(run(l.steps().get(0), one, 3900, 0.74),
                run(l.steps().get(1), TWO.pinnedTo(List.of(0, 1)), 1020, 0.03)));
        assertFalse(r.shown());
        assertTrue(r.findings().get(0).contains("The two cannot be compared fairly: step 1 (threads on 1 core) was measured "
                + "while other programs used 74 % of the CPUs, step 2 (threads on 2 cores) 3 %."), r.findings().get(0));
        assertNoRatioPast(r.text(), 2);
    }

    @Test
    void theGilEmulationAgainstRealCPythonIsCheckedForAboutTheSameTime() {
        Lesson l = lesson("gil-real");
        RunRuntime cpython = new RunRuntime("python", "/usr/bin/python3", "3.11.7", "enabled", "");
        LessonReport same = LessonReport.of(l, chained(run(l.steps().get(0), TWO, 2050, 0.02),
                run(l.steps().get(1), TWO, 2100, 0.05, cpython, SpanState.GIL_WAIT, 3)));
        assertTrue(same.shown(), same.text());
        assertTrue(same.findings().get(0).endsWith("about the same, as claimed."), same.findings().get(0));
        assertTrue(same.steps().get(1).startsWith("Step 2 (threads in CPython 3.11.7): 2.10 s"), same.steps().get(1));
    }

    @Test
    void aSingleStepLessonComparesWithItsIdeal() {
        Lesson l = lesson("thread-pool");
        LessonReport near = LessonReport.of(l, chained(run(l.steps().get(0), TWO, 2030, 0.1)));
        assertTrue(near.shown(), near.text());
        assertTrue(near.findings().get(0).startsWith("Step 1 (thread pool) took 2.03 s against its ideal 2.00 s"),
                near.findings().get(0));
        LessonReport far = LessonReport.of(l, chained(run(l.steps().get(0), TWO, 3100, 0.1)));
        assertFalse(far.shown());
        assertTrue(far.findings().get(0).contains("This run did not show the claim. Likely cause:"), far.findings().get(0));
    }

    @Test
    void aLessonHalfGivenShowsTheStepsSoFarAndNoVerdict() {
        Lesson l = lesson("cpu-java");
        LessonReport r = LessonReport.of(l, chained(run(l.steps().get(0), TWO, 2010, 0.03)));
        assertFalse(r.complete());
        assertEquals(1, r.steps().size());
        assertTrue(r.findings().isEmpty());
        assertEquals("", r.verdict());
    }

    @Test
    void noLessonCardEverShowsASpeedupPastTheCoresOfItsSteps() {
        RandomTraces gen = new RandomTraces(51);
        for (int i = 0; i < 600; i++) {
            Lesson l = Lessons.all().get(gen.random().nextInt(Lessons.all().size()));
            MachineInfo m = Sessions.machine(gen);
            List<Trace> measured = new ArrayList<>();
            for (ExperimentSpec s : l.steps()) {
                measured.add(Sessions.run(gen, s, m));
            }
            List<Trace> steps = chained(measured.toArray(Trace[]::new));
            LessonReport r = LessonReport.of(l, steps);
            int most = steps.stream().mapToInt(t -> dev.corelanes.engine.RunFigures.of(t).usableCores()).max().orElse(1);
            assertNoRatioPast(String.join(" ", r.steps()) + " " + String.join(" ", r.findings()), most);
            for (String f : r.findings()) {
                assertFalse(f.isBlank());
            }
        }
    }

    /** Every "×N" in {@code text} is at most {@code limit} (speedups and step ratios alike). */
    private static void assertNoRatioPast(String text, double limit) {
        Matcher m = Pattern.compile("×([0-9.]+)").matcher(text);
        while (m.find()) {
            assertTrue(Double.parseDouble(m.group(1)) <= limit + 1e-9, "×" + m.group(1) + " past " + limit + ": " + text);
        }
    }
}

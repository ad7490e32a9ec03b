package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.corelanes.engine.CoreSample.Kind.BEGIN;
import static dev.corelanes.engine.CoreSample.Kind.END;
import static dev.corelanes.engine.CoreSample.Kind.OFF;
import static dev.corelanes.engine.CoreSample.Kind.ON;
import static dev.corelanes.engine.CoreSample.Kind.SAMPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The per-core lanes on hand-made cases, each one decision of {@link CpuLanes}. */
class CpuLanesTest {

    private static final long MS = 1_000_000L;

    private static SampleBatch task(int id, Object... kindCoreMs) {
        List<CoreSample> s = new java.util.ArrayList<>();
        for (int i = 0; i < kindCoreMs.length; i += 3) {
            s.add(new CoreSample(Math.round(((Number) kindCoreMs[i + 2]).doubleValue() * MS), (Integer) kindCoreMs[i + 1],
                    (CoreSample.Kind) kindCoreMs[i]));
        }
        return new SampleBatch(id, "T" + id, MS, s);
    }

    private static List<Span> of(List<Span> spans, int task, SpanState state) {
        return spans.stream().filter(s -> s.task() == task && s.state() == state).toList();
    }

    @Test
    void whenACoreChangesHandsTheWorkBeforeTheFirstSampleIsPlacedAfterThePreviousOwnersLastSample() {
        // Task 1 runs on CPU 0 until 3 ms, task 2 takes over: its first sample at 4.6 ms.
        List<Span> spans = CpuLanes.resolve(List.of(), List.of(
                task(1, BEGIN, 0, 0, SAMPLE, 0, 1, SAMPLE, 0, 2, SAMPLE, 0, 3, SAMPLE, 1, 4.2, END, 1, 4.2),
                task(2, SAMPLE, 0, 4.6, SAMPLE, 0, 5.6, END, 0, 5.6)));
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, 3 * MS)),
                of(spans, 1, SpanState.RUNNING).stream().filter(s -> s.core() == 0).toList());
        // Task 2's first period of work: from 3.6 ms, after task 1's last sample (3 ms) there.
        assertEquals(List.of(new Span(2, "T2", 0, SpanState.RUNNING, 36 * MS / 10, 56 * MS / 10)), of(spans, 2, SpanState.RUNNING));
        // Between 3 and 3.6 ms either of them may have had CPU 0: shown as such.
        assertEquals(List.of(CpuLanes.uncertain(0, 3 * MS, 36 * MS / 10)), of(spans, Span.NO_TASK, SpanState.UNCERTAIN));
        // Task 1 moved to CPU 1: its work there comes after its last sample on CPU 0.
        assertEquals(new Span(1, "T1", 1, SpanState.RUNNING, 32 * MS / 10, 42 * MS / 10), of(spans, 1, SpanState.RUNNING).get(1));
    }

    @Test
    void aPreemptionTooShortForTheTasksOwnSamplesIsShownWhereAnotherTasksSampleProvesIt() {
        // Task 1's samples are 2 ms apart around 2 ms (less than 2.5 periods: it would pass for running),
        // but task 2 sampled CPU 0 at 2.5 ms.
        List<Span> spans = CpuLanes.resolve(List.of(), List.of(
                task(1, BEGIN, 0, 0, SAMPLE, 0, 1, SAMPLE, 0, 2, SAMPLE, 0, 4, SAMPLE, 0, 5, END, 0, 5),
                task(2, SAMPLE, 0, 2.5, SAMPLE, 1, 3.5, END, 1, 3.5)));
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, 2 * MS),
                new Span(1, "T1", 0, SpanState.RUNNING, 3 * MS, 5 * MS)), of(spans, 1, SpanState.RUNNING));
        assertEquals(List.of(new Span(1, "T1", Span.NO_CORE, SpanState.PREEMPTED, 2 * MS, 3 * MS)),
                of(spans, 1, SpanState.PREEMPTED));
        assertEquals(new Span(2, "T2", 0, SpanState.RUNNING, 2 * MS, 25 * MS / 10), of(spans, 2, SpanState.RUNNING).get(0));
    }

    @Test
    void aResumeAfterAPauseCarriesNoWorkBeforeIt() {
        List<Span> spans = CpuLanes.resolve(List.of(), List.of(
                task(1, BEGIN, 0, 0, SAMPLE, 0, 1, END, 0, 1.1, BEGIN, 0, 10, SAMPLE, 0, 11, END, 0, 11)));
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, 11 * MS / 10),
                new Span(1, "T1", 0, SpanState.RUNNING, 10 * MS, 11 * MS)), of(spans, 1, SpanState.RUNNING));
        assertEquals(List.of(), of(spans, 1, SpanState.PREEMPTED), "a pause is not a preemption");
    }

    @Test
    void spansOfOtherStatesAndOfTasksWithoutSamplesAreKept() {
        Span sleeping = new Span(3, "T3", Span.NO_CORE, SpanState.SLEEPING, 0, 9 * MS);
        Span unsampled = new Span(4, "T4", 1, SpanState.RUNNING, 0, 9 * MS);
        Span oldRunning = new Span(1, "T1", 0, SpanState.RUNNING, 0, 5 * MS);
        Span gilWait = new Span(1, "T1", Span.NO_CORE, SpanState.GIL_WAIT, 5 * MS, 6 * MS);
        List<Span> spans = CpuLanes.resolve(List.of(sleeping, unsampled, oldRunning, gilWait),
                List.of(task(1, BEGIN, 0, 0, SAMPLE, 0, 1, END, 0, 1)));
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, MS)), of(spans, 1, SpanState.RUNNING));
        assertEquals(true, spans.contains(sleeping) && spans.contains(unsampled) && spans.contains(gilWait));
    }

    @Test
    void overlappingSpansFromAnOldRunFileBecomeUncertainWhereTheyOverlap() {
        // Written before the lanes were resolved: task 1's last period reaches into task 2's span.
        Span a = new Span(1, "T1", 0, SpanState.RUNNING, 0, 10 * MS);
        Span b = new Span(2, "T2", 0, SpanState.RUNNING, 9 * MS, 20 * MS);
        Span other = new Span(3, "T3", 1, SpanState.RUNNING, 0, 20 * MS);
        List<Span> out = CpuLanes.separate(List.of(a, b, other)).stream()
                .sorted(java.util.Comparator.comparingInt(Span::core).thenComparingLong(Span::startNanos)).toList();
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, 9 * MS),
                CpuLanes.uncertain(0, 9 * MS, 10 * MS),
                new Span(2, "T2", 0, SpanState.RUNNING, 10 * MS, 20 * MS), other), out);
    }

    @Test
    void cleanLanesPassThroughUntouched() {
        List<Span> spans = List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, 10 * MS),
                new Span(2, "T2", 0, SpanState.RUNNING, 10 * MS, 20 * MS));
        assertSame(spans, CpuLanes.separate(spans));
    }

    @Test
    void preemptionsTheTasksSawThemselvesArePlacedExactlyAndTheCoreRunsNeitherBetween() {
        // Task 1 loses CPU 0 at 2.43 ms and gets it back at 5.71 ms; task 2, preempted on CPU 1 at 1.5 ms, runs on
        // CPU 0 from 2.45 ms to 4.9 ms and goes back to CPU 1 at 5 ms. Between 4.9 and 5.71 ms CPU 0 ran something
        // else (a yes loop).
        List<Span> spans = CpuLanes.resolve(List.of(), List.of(
                task(1, BEGIN, 0, 0, SAMPLE, 0, 1, SAMPLE, 0, 2, OFF, 0, 2.43, ON, 0, 5.71, SAMPLE, 0, 6.5, END, 0, 6.5),
                task(2, BEGIN, 1, 0, SAMPLE, 1, 1, OFF, 1, 1.5, ON, 0, 2.45, SAMPLE, 0, 3, SAMPLE, 0, 4, OFF, 0, 4.9,
                        ON, 1, 5, SAMPLE, 1, 6, END, 1, 6)));
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, 2_430_000),
                new Span(1, "T1", 0, SpanState.RUNNING, 5_710_000, 6_500_000)), of(spans, 1, SpanState.RUNNING));
        assertEquals(List.of(new Span(1, "T1", Span.NO_CORE, SpanState.PREEMPTED, 2_430_000, 5_710_000)),
                of(spans, 1, SpanState.PREEMPTED));
        assertEquals(List.of(new Span(2, "T2", 1, SpanState.RUNNING, 0, 1_500_000),
                new Span(2, "T2", 0, SpanState.RUNNING, 2_450_000, 4_900_000),
                new Span(2, "T2", 1, SpanState.RUNNING, 5 * MS, 6 * MS)), of(spans, 2, SpanState.RUNNING));
        assertEquals(List.of(new Span(2, "T2", Span.NO_CORE, SpanState.PREEMPTED, 1_500_000, 2_450_000),
                new Span(2, "T2", Span.NO_CORE, SpanState.PREEMPTED, 4_900_000, 5 * MS)), of(spans, 2, SpanState.PREEMPTED));
        assertEquals(List.of(), of(spans, Span.NO_TASK, SpanState.UNCERTAIN), "both hand-overs are readings");
        CpuLanesPropertyTest.assertPhysicallyPossible(spans, List.of(), "told preemptions");
    }

    @Test
    void aSeenPreemptionShorterThanTheSamplingGapIsStillDrawn() {
        // Off CPU 0 for 0.4 ms between two samples 1.4 ms apart: the samples alone would call it running.
        List<Span> spans = CpuLanes.resolve(List.of(), List.of(
                task(1, BEGIN, 0, 0, SAMPLE, 0, 1, OFF, 0, 1.3, ON, 0, 1.7, SAMPLE, 0, 2.4, END, 0, 2.4)));
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, 1_300_000),
                new Span(1, "T1", 0, SpanState.RUNNING, 1_700_000, 2_400_000)), of(spans, 1, SpanState.RUNNING));
        assertEquals(List.of(new Span(1, "T1", Span.NO_CORE, SpanState.PREEMPTED, 1_300_000, 1_700_000)),
                of(spans, 1, SpanState.PREEMPTED));
    }

    @Test
    void aResumePlacedJustBeforeTheOtherTasksLastReadingGivesWayToIt() {
        // Task 1 reads the clock on CPU 0 until 2.45 ms, then loses it to task 2; task 2's resume, an estimate,
        // came out 10 µs early. Without giving way, task 1's run ended at its sample at 2 ms and CPU 0 was drawn
        // uncertain from 2 to 2.44 ms.
        List<Span> spans = CpuLanes.resolve(List.of(), List.of(
                task(1, BEGIN, 0, 0, SAMPLE, 0, 1, SAMPLE, 0, 2, OFF, 0, 2.45, ON, 1, 4, SAMPLE, 1, 5, END, 1, 5),
                task(2, BEGIN, 1, 0, SAMPLE, 1, 1, OFF, 1, 1.5, ON, 0, 2.44, SAMPLE, 0, 3, END, 0, 3)));
        assertEquals(new Span(1, "T1", 0, SpanState.RUNNING, 0, 2_450_000), of(spans, 1, SpanState.RUNNING).get(0));
        assertEquals(new Span(2, "T2", 0, SpanState.RUNNING, 2_450_001, 3 * MS), of(spans, 2, SpanState.RUNNING).get(1));
        assertEquals(List.of(new Span(2, "T2", Span.NO_CORE, SpanState.PREEMPTED, 1_500_000, 2_450_001)),
                of(spans, 2, SpanState.PREEMPTED));
        assertEquals(List.of(), of(spans, Span.NO_TASK, SpanState.UNCERTAIN), "both sides told the hand-over");
        CpuLanesPropertyTest.assertPhysicallyPossible(spans, List.of(), "a resume that gave way");
    }

    @Test
    void aResumeWellBeforeTheOtherTasksReadingStaysAndTheCoreIsUncertain() {
        // Task 2 says it was back on CPU 0 at 1.5 ms, yet task 1 read its clock there until 2.45 ms: more than an
        // estimate's error apart, so neither is moved, and the core is uncertain between task 1's last sample and
        // task 2's resume.
        List<Span> spans = CpuLanes.resolve(List.of(), List.of(
                task(1, BEGIN, 0, 0, SAMPLE, 0, 1, SAMPLE, 0, 2, OFF, 0, 2.45, ON, 1, 4, SAMPLE, 1, 5, END, 1, 5),
                task(2, BEGIN, 1, 0, SAMPLE, 1, 1, OFF, 1, 1.2, ON, 0, 1.5, SAMPLE, 0, 3, END, 0, 3)));
        assertEquals(new Span(2, "T2", 0, SpanState.RUNNING, 1_500_000, 1_500_000), of(spans, 2, SpanState.RUNNING).get(1));
        assertEquals(List.of(CpuLanes.uncertain(0, MS, 1_500_000)), of(spans, Span.NO_TASK, SpanState.UNCERTAIN));
        CpuLanesPropertyTest.assertPhysicallyPossible(spans, List.of(), "a resume that did not give way");
    }
}

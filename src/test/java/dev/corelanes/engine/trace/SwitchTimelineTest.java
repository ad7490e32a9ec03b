package dev.corelanes.engine.trace;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.WaitKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A thread's spans from the kernel's switch records, the samples adding only where its sleeps wait. */
class SwitchTimelineTest {

    private static final long ORIGIN = 1_000_000L;

    private static String line(Span s) {
        return s.state() + (s.hasCore() ? "@" + s.core() : "") + " " + s.startNanos() + "-" + s.endNanos()
                + (s.waitKind() == WaitKind.NONE ? "" : " " + s.waitKind());
    }

    private static List<String> lines(List<Span> spans) {
        return spans.stream().map(SwitchTimelineTest::line).toList();
    }

    @Test
    void aNewThreadWaitsRunsIsPreemptedSleepsOnWhatASampleSawAndEndsAtItsExit() {
        SwitchLog log = new SwitchLog(ORIGIN);
        // Records from two CPUs' buffers, read out of order: each is put in its place.
        log.forked(10, 10, 11, 10, ORIGIN + 100);
        log.switched(10, 11, ORIGIN + 300, 1, true, true);   // off CPU 1, still runnable
        log.switched(10, 11, ORIGIN + 150, 1, false, false); // on CPU 1
        log.switched(10, 11, ORIGIN + 400, 0, false, false); // on CPU 0
        log.switched(10, 11, ORIGIN + 500, 0, true, false);  // off to sleep
        log.switched(10, 11, ORIGIN + 900, 1, false, false);
        log.exited(10, 11, ORIGIN + 950);
        List<ThreadSample> samples = List.of(
                new ThreadSample(200, 10, 11, "worker", 'R', 1, 50, 50, 1, WaitKind.NONE),
                new ThreadSample(700, 10, 11, "worker", 'S', 0, 150, 150, 2, WaitKind.LOCK));
        List<Span> spans = SwitchTimeline.spans(1, "worker [11]", log.events(11), samples, 2_000);
        assertEquals(List.of(
                "PREEMPTED 100-150",
                "RUNNING@1 150-300",
                "PREEMPTED 300-400",
                "RUNNING@0 400-500",
                "SLEEPING 500-900 LOCK",
                "RUNNING@1 900-950"), lines(spans));
    }

    @Test
    void aThreadThereBeforeTheRecordsSleepsAsItsFirstSampleSaysAndAnOpenRunEndsAtTheHorizon() {
        SwitchLog log = new SwitchLog(0);
        log.switched(10, 10, 300, 1, false, false);
        List<ThreadSample> samples = List.of(new ThreadSample(100, 10, 10, "sh", 'S', 0, 0, 0, 0, WaitKind.TIMER));
        assertEquals(List.of("SLEEPING 100-300 TIMER", "RUNNING@1 300-450"),
                lines(SwitchTimeline.spans(1, "sh [10]", log.events(10), samples, 450)));
        assertEquals(List.of("SLEEPING 100-250 TIMER"),
                lines(SwitchTimeline.spans(1, "sh [10]", log.events(10), samples, 250)), "nothing after the horizon");
    }

    @Test
    void aLostSwitchInDrawsNoRunItCannotPlaceAndTheLossIsCounted() {
        SwitchLog log = new SwitchLog(0);
        log.forked(10, 10, 12, 10, 100);
        log.lost(3, 150);
        log.switched(10, 12, 400, 0, true, false); // its switch-in was among the lost
        log.switched(10, 12, 600, 0, false, false);
        assertEquals(List.of("PREEMPTED 100-400", "SLEEPING 400-600", "RUNNING@0 600-700"),
                lines(SwitchTimeline.spans(1, "t [12]", log.events(12), List.of(), 700)));
        assertEquals(3, log.lost());
    }

    @Test
    void theEventsFromAnInstantOnGiveTheSameSpansAfterItAsTheWholeRecord() {
        SwitchLog log = new SwitchLog(0);
        log.forked(10, 10, 11, 10, 100);
        log.switched(10, 11, 150, 1, false, false);
        log.switched(10, 11, 300, 1, true, true);
        log.switched(10, 11, 400, 0, false, false);
        log.switched(10, 11, 500, 0, true, false);
        log.switched(10, 11, 900, 1, false, false);
        List<ThreadSample> samples = List.of(
                new ThreadSample(200, 10, 11, "w", 'R', 1, 50, 50, 1, WaitKind.NONE),
                new ThreadSample(700, 10, 11, "w", 'S', 0, 150, 150, 2, WaitKind.IO));
        List<String> whole = lines(SwitchTimeline.spans(1, "w", log.events(11), samples, 1_000));
        for (long from : new long[] {99, 100, 299, 300, 450, 650, 900, 950}) {
            List<String> after = lines(SwitchTimeline.spans(1, "w", log.events(11, from), samples, 1_000).stream()
                    .filter(x -> x.endNanos() > from).toList());
            List<String> expected = lines(SwitchTimeline.spans(1, "w", log.events(11), samples, 1_000).stream()
                    .filter(x -> x.endNanos() > from).toList());
            assertEquals(expected, after, "from " + from);
        }
        assertEquals(6, whole.size());
        assertEquals(2, log.events(11, 650).size(), "the sleep's start and what follows it");
    }
}

package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CoreSamplerTest {

    private static final long MS = 1_000_000L;

    private final List<Span> spans = new ArrayList<>();
    private final List<Span> opened = new ArrayList<>();
    private final SpanSink sink = new SpanSink() {
        @Override
        public void accept(Span span) {
            spans.add(span);
        }

        @Override
        public void opened(Span span) {
            opened.add(span);
        }
    };
    private final CoreSampler sampler = new CoreSampler(sink, 1, "T1", MS, CoreSampler.defaultGap(MS));

    @Test
    void consecutiveSamplesOnOneCoreMergeIntoOneRunningSpan() {
        sampler.begin(0, 3);
        for (int i = 1; i <= 100; i++) {
            sampler.sample(i * MS, 3);
        }
        sampler.pause(100 * MS);
        assertEquals(List.of(new Span(1, "T1", 3, SpanState.RUNNING, 0, 100 * MS)), spans);
    }

    @Test
    void aChangeOfCoreStartsANewSpanWithoutAGap() {
        sampler.begin(0, 0);
        sampler.sample(MS, 0);
        sampler.sample(2 * MS, 1);
        sampler.sample(3 * MS, 1);
        sampler.pause(3 * MS);
        // CPU 0 up to its last sample there; CPU 1 from the period of work before its first sample.
        assertEquals(List.of(new Span(1, "T1", 0, SpanState.RUNNING, 0, MS),
                new Span(1, "T1", 1, SpanState.RUNNING, MS, 3 * MS)), spans);
    }

    @Test
    void aGapMuchLongerThanThePeriodIsRecordedAsPreempted() {
        sampler.begin(0, 0);
        sampler.sample(MS, 0);
        sampler.sample(2 * MS, 0);
        // the next sample comes 6 ms later: ~5 ms off the CPU
        sampler.sample(8 * MS, 1);
        sampler.sample(9 * MS, 1);
        sampler.pause(9 * MS);
        assertEquals(List.of(
                new Span(1, "T1", 0, SpanState.RUNNING, 0, 2 * MS),
                new Span(1, "T1", Span.NO_CORE, SpanState.PREEMPTED, 2 * MS, 7 * MS),
                new Span(1, "T1", 1, SpanState.RUNNING, 7 * MS, 9 * MS)), spans);
    }

    @Test
    void aGapBelowTheThresholdIsStillRunning() {
        sampler.begin(0, 0);
        sampler.sample(2 * MS, 0); // 2 ms < 2.5 ms threshold: jitter, not preemption
        sampler.pause(2 * MS);
        assertEquals(1, spans.size());
        assertEquals(SpanState.RUNNING, spans.get(0).state());
    }

    @Test
    void preemptionOnTheSameCoreSplitsTheSpan() {
        sampler.begin(0, 0);
        sampler.sample(MS, 0);
        sampler.sample(10 * MS, 0);
        sampler.pause(10 * MS);
        assertEquals(3, spans.size());
        assertEquals(SpanState.PREEMPTED, spans.get(1).state());
        assertEquals(0, spans.get(2).core());
    }

    @Test
    void everyNewRunningSpanIsAnnouncedAsOpenFirst() {
        sampler.begin(0, 0);
        sampler.sample(MS, 1);
        sampler.pause(2 * MS);
        assertEquals(2, opened.size());
        assertEquals(0, opened.get(0).core());
        assertEquals(1, opened.get(1).core());
    }

    @Test
    void pauseThenBeginLeavesNoPreemptedSpan() {
        // Giving up the GIL is not preemption: the wait is recorded by the GIL, not the sampler.
        sampler.begin(0, 0);
        sampler.sample(MS, 0);
        sampler.pause(MS);
        sampler.begin(20 * MS, 0);
        sampler.sample(21 * MS, 0);
        sampler.pause(21 * MS);
        assertEquals(2, spans.size());
        spans.forEach(s -> assertEquals(SpanState.RUNNING, s.state()));
    }

    @Test
    void rejectsAThresholdNotAboveThePeriod() {
        assertThrows(IllegalArgumentException.class, () -> new CoreSampler(sink, 1, "T1", MS, MS));
    }

    @Test
    void aPreemptionSeenInsideAChunkEndsTheRunAtTheReadingBeforeItAndResumesAtTheReadingAfter() {
        List<SampleBatch> batches = new ArrayList<>();
        CoreSampler s = new CoreSampler(new SpanSink() {
            @Override
            public void accept(Span span) {
                spans.add(span);
            }

            @Override
            public void samples(SampleBatch batch) {
                batches.add(batch);
            }
        }, 1, "T1", MS, CoreSampler.defaultGap(MS));
        s.begin(0, 0);
        s.sample(MS, 0);
        s.offCpu(1_340_000, 4_360_000, 1); // off the CPU from 1.34 ms to 4.36 ms, back on CPU 1
        s.sample(5 * MS, 1);
        s.pause(5 * MS);
        s.finish();
        assertEquals(List.of(
                new Span(1, "T1", 0, SpanState.RUNNING, 0, 1_340_000),
                new Span(1, "T1", Span.NO_CORE, SpanState.PREEMPTED, 1_340_000, 4_360_000),
                new Span(1, "T1", 1, SpanState.RUNNING, 4_360_000, 5 * MS)), spans);
        assertEquals(List.of(new CoreSample(0, 0, CoreSample.Kind.BEGIN), new CoreSample(MS, 0, CoreSample.Kind.SAMPLE),
                new CoreSample(1_340_000, 0, CoreSample.Kind.OFF), new CoreSample(4_360_000, 1, CoreSample.Kind.ON),
                new CoreSample(5 * MS, 1, CoreSample.Kind.SAMPLE), new CoreSample(5 * MS, 1, CoreSample.Kind.END)),
                batches.get(0).samples());
        // The lanes rebuilt from those samples say the same as the live spans.
        assertEquals(spans, CpuLanes.resolve(List.of(), batches));
    }

    @Test
    void aPreemptionReportedWithNoRunOpenChangesNothing() {
        sampler.offCpu(MS, 2 * MS, 0);
        assertEquals(List.of(), spans);
    }
}

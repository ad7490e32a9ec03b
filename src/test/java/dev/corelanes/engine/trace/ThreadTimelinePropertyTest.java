package dev.corelanes.engine.trace;

import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.CpuLanes;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a traced thread's time goes between two samples: the kernel's totals are kept exactly, and whatever the
 * samples say, a CPU never shows two threads at once.
 */
class ThreadTimelinePropertyTest {

    private static final AtomicInteger SEED = new AtomicInteger(28);
    private static final MachineInfo MACHINE = new MachineInfo("test", 4, 4, List.of(), 1L << 30, "Linux", "25");

    private static ThreadSample sample(long t, int tid, char state, int cpu, long run, long wait) {
        return new ThreadSample(t, 100, tid, "t", state, cpu, run, wait, 0,
                state == 'R' ? WaitKind.NONE : WaitKind.OTHER);
    }

    @Test
    void aThreadThatRanAllAlongRunsAllAlongOnItsCpu() {
        List<ThreadSample> s = List.of(sample(0, 7, 'R', 2, 0, 0), sample(10_000_000, 7, 'R', 2, 10_000_000, 0));
        List<Span> spans = ThreadTimeline.spans(1, "t [7]", s, Long.MAX_VALUE);
        assertEquals(List.of(new Span(1, "t [7]", 2, SpanState.RUNNING, 0, 10_000_000)), spans);
    }

    @Test
    void aThreadThatWokeWaitedThenRan() {
        List<ThreadSample> s = List.of(sample(0, 7, 'S', 1, 0, 0), sample(10_000_000, 7, 'R', 3, 4_000_000, 1_000_000));
        List<Span> spans = ThreadTimeline.spans(1, "w", s, Long.MAX_VALUE);
        assertEquals(List.of(new Span(1, "w", Span.NO_CORE, SpanState.SLEEPING, 0, 5_000_000),
                new Span(1, "w", Span.NO_CORE, SpanState.PREEMPTED, 5_000_000, 6_000_000),
                new Span(1, "w", 3, SpanState.RUNNING, 6_000_000, 10_000_000)), spans);
    }

    @Test
    void aSleepCarriesWhatTheSampleThatSawItAsleepSaidItWaitedOn() {
        // Ran, then slept on a lock (seen at the second sample); slept on a timer (first sample), then woke and ran.
        List<ThreadSample> s = List.of(
                new ThreadSample(0, 100, 7, "t", 'R', 1, 0, 0, 1, WaitKind.NONE),
                new ThreadSample(10_000_000, 100, 7, "t", 'S', 1, 2_000_000, 0, 2, WaitKind.LOCK),
                new ThreadSample(20_000_000, 100, 7, "t", 'S', 1, 2_000_000, 0, 2, WaitKind.TIMER),
                new ThreadSample(30_000_000, 100, 7, "t", 'R', 0, 5_000_000, 0, 3, WaitKind.NONE));
        List<Span> spans = ThreadTimeline.spans(1, "t [7]", s, Long.MAX_VALUE);
        assertEquals(List.of(new Span(1, "t [7]", 1, SpanState.RUNNING, 0, 2_000_000),
                // asleep at both ends: what it slept on at the first of the two (the lock), one span with the last
                new Span(1, "t [7]", Span.NO_CORE, SpanState.SLEEPING, 2_000_000, 20_000_000, WaitKind.LOCK),
                new Span(1, "t [7]", Span.NO_CORE, SpanState.SLEEPING, 20_000_000, 27_000_000, WaitKind.TIMER),
                new Span(1, "t [7]", 0, SpanState.RUNNING, 27_000_000, 30_000_000)), spans);
    }

    @Test
    void aThreadThatRanThenSleptRanFirst() {
        List<ThreadSample> s = List.of(sample(0, 7, 'R', 0, 0, 0), sample(10_000_000, 7, 'S', 0, 3_000_000, 0));
        List<Span> spans = ThreadTimeline.spans(1, "w", s, Long.MAX_VALUE);
        assertEquals(new Span(1, "w", 0, SpanState.RUNNING, 0, 3_000_000), spans.get(0));
        assertEquals(SpanState.SLEEPING, spans.get(1).state());
    }

    @RepeatedTest(40)
    void cpuTimeIsTheKernelsAndNoCpuEverShowsTwoThreads() throws Exception {
        Random r = new Random(SEED.getAndIncrement());
        int threads = 1 + r.nextInt(8);
        int cpus = 1 + r.nextInt(4);
        Map<Integer, List<ThreadSample>> byThread = new LinkedHashMap<>();
        List<Long> sweeps = new ArrayList<>();
        long[] run = new long[threads];
        long[] wait = new long[threads];
        long t = 1_000_000;
        int sweepsCount = 5 + r.nextInt(40);
        for (int k = 0; k < sweepsCount; k++) {
            long dt = 1_000_000 + r.nextInt(40_000_000);
            sweeps.add(t);
            for (int i = 0; i < threads; i++) {
                if (k > 0) {
                    long ran = (long) (dt * r.nextDouble());
                    long waited = (long) ((dt - ran) * r.nextDouble());
                    run[i] += ran;
                    wait[i] += waited;
                }
                char state = r.nextBoolean() ? 'R' : 'S';
                byThread.computeIfAbsent(1000 + i, x -> new ArrayList<>()).add(sample(t + i * 1000L, 1000 + i, state,
                        r.nextInt(cpus), run[i], wait[i]));
            }
            t += dt;
        }
        Sampling sampling = new Sampling(1000, byThread, List.of(), sweeps, 1_000_000, t, 10_000_000, 10_000_000, -1);
        Trace trace = TracedRun.build(sampling, true, MACHINE, Instant.EPOCH, t, 0, TaskStatus.COMPLETED, "", "test");

        // The kernel's on-CPU total of each thread (counted from its first sample) is what the lanes show, unless two
        // threads were placed on one CPU at once: then the overlap is uncertain, claimed by neither.
        long uncertain = trace.spans().stream().filter(s -> s.state() == SpanState.UNCERTAIN)
                .mapToLong(Span::durationNanos).sum();
        long drawn = trace.spans().stream().filter(s -> s.state() == SpanState.RUNNING).mapToLong(Span::durationNanos)
                .sum();
        long kernel = 0;
        for (int i = 0; i < threads; i++) {
            kernel += run[i];
        }
        assertTrue(drawn <= kernel, "never more running than the kernel counted: " + drawn + " > " + kernel);
        // Where k threads were placed on one CPU at once, k stretches of running became one uncertain one.
        assertTrue(drawn + (long) threads * uncertain >= kernel, "the rest is uncertain, not lost: " + drawn + " + "
                + threads + " × " + uncertain + " < " + kernel);
        assertEquals(kernel, trace.cpuNanos(), "the run's CPU time is the kernel's");
        // At most one thread per CPU at any instant.
        for (Span a : trace.spans()) {
            for (Span b : trace.spans()) {
                if (a != b && a.hasCore() && b.hasCore() && a.core() == b.core()
                        && a.state() != SpanState.PREEMPTED && b.state() != SpanState.PREEMPTED) {
                    assertFalse(CpuLanes.overlap(a, b), "two spans on CPU " + a.core() + " at once: " + a + " " + b);
                }
            }
        }
        // A traced run is a run like any other: its file reads back the same, and no figure is invented for it.
        Trace back = RunFile.parse(RunFile.toJsonString(trace), "t.json");
        assertEquals(trace.spans(), back.spans());
        assertEquals(trace.workers(), back.workers());
        assertEquals(ExecutionMode.TRACED, back.spec().mode());
        assertTrue(back.runtime().program());
        assertEquals(1_000_000, back.conditions().samplerCpuNanos());
        assertEquals(0, back.conditions().monotonicOriginNanos());
        RunFigures f = RunFigures.of(back);
        assertTrue(Double.isNaN(f.idealSeconds()) && Double.isNaN(f.speedup()) && Double.isNaN(f.efficiency()));
        assertEquals(Calibration.NOT_MEASURED, back.calibration());
    }
}

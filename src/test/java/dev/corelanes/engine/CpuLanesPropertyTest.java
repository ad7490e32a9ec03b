package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property tests of the per-core lanes over generated sample streams (seeded JUnit, so any failure
 * reproduces from the seed in its message). A small scheduler simulates several tasks on a few cores
 * with time slices of every length (short preemptions included), migrations, tasks that start late and
 * stop and resume (a GIL hand-over), and — for process runs — a clock offset per task smaller than the
 * sampling period. Whatever it generates, the lanes must be physically possible.
 */
public class CpuLanesPropertyTest {

    private static final int SEEDS = 400;

    /** A generated run: the samples each task's sampler would have taken (times as the parent sees them). */
    public record Generated(List<SampleBatch> batches, long period) {
    }

    public static Generated generate(long seed, boolean skew) {
        return generate(seed, skew, false);
    }

    /**
     * @param seen true: the tasks see most of their preemptions themselves, as the compute loop's clock readings do,
     *             and report them as an {@code OFF} sample where they lost the CPU and an {@code ON} where they got
     *             one back
     */
    public static Generated generate(long seed, boolean skew, boolean seen) {
        Random r = new Random(seed);
        int cores = 1 + r.nextInt(4);
        int tasks = 1 + r.nextInt(7);
        long period = 500_000 + r.nextInt(1_000_000);
        long tick = period / 20;
        long[] need = new long[tasks];
        long[] done = new long[tasks];
        long[] arrival = new long[tasks];
        long[] offset = new long[tasks];
        boolean[] begun = new boolean[tasks];
        boolean[] paused = new boolean[tasks];
        boolean[] finished = new boolean[tasks];
        boolean[] off = new boolean[tasks]; // preempted, and saw it: the next time on a CPU starts with ON
        int[] lastCore = new int[tasks];
        List<List<CoreSample>> samples = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            need[t] = (3 + r.nextInt(60)) * period + r.nextInt((int) period);
            arrival[t] = r.nextInt(30) * tick;
            offset[t] = skew ? (long) ((r.nextDouble() * 2 - 1) * period / 3) : 0;
            samples.add(new ArrayList<>());
        }
        int[] onCore = new int[cores];
        long[] sliceLeft = new long[cores];
        java.util.Arrays.fill(onCore, -1);
        long now = 0;
        int left = tasks;
        while (left > 0) {
            for (int c = 0; c < cores; c++) {
                if (onCore[c] >= 0 && sliceLeft[c] <= 0) {
                    int t = onCore[c];
                    if (r.nextInt(12) == 0) { // gives up the CPU on purpose (a GIL hand-over): pause
                        samples.get(t).add(new CoreSample(now + offset[t], c, CoreSample.Kind.END));
                        paused[t] = true;
                    } else if (seen && r.nextInt(4) != 0) { // preempted, and the clock readings show it
                        samples.get(t).add(new CoreSample(now + offset[t], c, CoreSample.Kind.OFF));
                        off[t] = true;
                    }
                    onCore[c] = -1;
                }
                if (onCore[c] < 0) {
                    List<Integer> ready = new ArrayList<>();
                    for (int t = 0; t < tasks; t++) {
                        if (!finished[t] && arrival[t] <= now && !running(onCore, t)) {
                            ready.add(t);
                        }
                    }
                    if (!ready.isEmpty() && r.nextInt(8) != 0) { // sometimes the core idles or runs someone else
                        int t = ready.get(r.nextInt(ready.size()));
                        onCore[c] = t;
                        // Slices of every length: mostly a few periods, sometimes far shorter than one.
                        sliceLeft[c] = r.nextInt(4) == 0 ? tick * (1 + r.nextInt(10)) : tick * (10 + r.nextInt(120));
                        if (!begun[t] || paused[t]) {
                            samples.get(t).add(new CoreSample(now + offset[t], c, CoreSample.Kind.BEGIN));
                            begun[t] = true;
                            paused[t] = false;
                        } else if (off[t]) {
                            samples.get(t).add(new CoreSample(now + offset[t], c, CoreSample.Kind.ON));
                            off[t] = false;
                        }
                        lastCore[t] = c;
                    }
                }
            }
            now += tick;
            for (int c = 0; c < cores; c++) {
                int t = onCore[c];
                if (t < 0) {
                    continue;
                }
                sliceLeft[c] -= tick;
                long before = done[t];
                done[t] += tick;
                if (done[t] / period > before / period) {
                    samples.get(t).add(new CoreSample(now + offset[t], c, CoreSample.Kind.SAMPLE));
                }
                if (done[t] >= need[t]) {
                    samples.get(t).add(new CoreSample(now + offset[t], c, CoreSample.Kind.END));
                    finished[t] = true;
                    onCore[c] = -1;
                    left--;
                }
            }
        }
        List<SampleBatch> batches = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            List<CoreSample> s = samples.get(t);
            // Sent in several batches, as a long task does.
            for (int from = 0; from < s.size(); from += 50) {
                batches.add(new SampleBatch(t + 1, "W" + (t + 1), period, s.subList(from, Math.min(s.size(), from + 50))));
            }
        }
        java.util.Collections.shuffle(batches, r); // batches of different tasks arrive in any order
        batches.sort(Comparator.comparingInt(SampleBatch::task)); // ...but one task's stay in order
        return new Generated(batches, period);
    }

    private static boolean running(int[] onCore, int task) {
        for (int t : onCore) {
            if (t == task) {
                return true;
            }
        }
        return false;
    }

    /** The two properties: one task per core at any instant, and every sample inside its own running span. */
    static void assertPhysicallyPossible(List<Span> spans, List<SampleBatch> batches, String where) {
        assertOneTaskPerCore(spans, where);
        assertOneCorePerTask(spans, where);
        assertSamplesInsideOwnSpans(spans, batches, where);
    }

    static void assertOneTaskPerCore(List<Span> spans, String where) {
        List<Span> lane = spans.stream().filter(s -> s.hasCore()
                && (s.state() == SpanState.RUNNING || s.state() == SpanState.UNCERTAIN))
                .sorted(Comparator.comparingLong(Span::startNanos)).toList();
        for (int i = 0; i < lane.size(); i++) {
            for (int j = i + 1; j < lane.size() && lane.get(j).startNanos() < lane.get(i).endNanos(); j++) {
                if (lane.get(i).core() == lane.get(j).core() && CpuLanes.overlap(lane.get(i), lane.get(j))) {
                    fail(where + ": two spans on CPU " + lane.get(i).core() + " at once: " + lane.get(i) + " and " + lane.get(j));
                }
            }
        }
    }

    static void assertOneCorePerTask(List<Span> spans, String where) {
        List<Span> running = spans.stream().filter(s -> s.state() == SpanState.RUNNING).toList();
        for (int i = 0; i < running.size(); i++) {
            for (int j = i + 1; j < running.size(); j++) {
                Span a = running.get(i);
                Span b = running.get(j);
                if (a.task() == b.task() && CpuLanes.overlap(a, b)) {
                    fail(where + ": task " + a.task() + " runs twice at once: " + a + " and " + b);
                }
            }
        }
    }

    /**
     * Every sample lies in a running span of its task on its core — a resume ({@code ON}, an estimate) at most
     * {@link CpuLanes#RESUME_SLACK_NANOS} before its span, where it gave way to another task's reading.
     */
    static void assertSamplesInsideOwnSpans(List<Span> spans, List<SampleBatch> batches, String where) {
        List<Span> running = spans.stream().filter(s -> s.state() == SpanState.RUNNING).toList();
        for (SampleBatch b : batches) {
            for (CoreSample s : b.samples()) {
                long slack = s.kind() == CoreSample.Kind.ON ? CpuLanes.RESUME_SLACK_NANOS : 0;
                boolean inside = running.stream().anyMatch(sp -> sp.task() == b.task() && sp.core() == s.core()
                        && sp.startNanos() - slack <= s.nanos() && s.nanos() <= sp.endNanos());
                if (!inside) {
                    fail(where + ": sample " + s + " of task " + b.task() + " lies in no running span of its own on its core");
                }
            }
        }
    }

    @Test
    void threadRunsGiveOneTaskPerCoreAndEverySampleInsideItsOwnSpan() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Generated g = generate(seed, false);
            List<Span> spans = CpuLanes.resolve(List.of(), g.batches());
            assertPhysicallyPossible(spans, g.batches(), "seed " + seed);
            assertSame(spans, CpuLanes.separate(spans), "seed " + seed + ": resolved lanes need no separating");
        }
    }

    @Test
    void preemptionsTheTasksSawArePlacedExactlyAndTheLanesStayPossible() {
        int told = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Generated g = generate(seed, seed % 2 == 0, true);
            List<Span> spans = CpuLanes.resolve(List.of(), g.batches());
            assertPhysicallyPossible(spans, g.batches(), "seen seed " + seed);
            for (SampleBatch b : g.batches()) {
                List<CoreSample> s = b.samples();
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i).kind() != CoreSample.Kind.OFF || s.get(i + 1).nanos() <= s.get(i).nanos()) {
                        continue;
                    }
                    long from = s.get(i).nanos();
                    long to = s.get(i + 1).nanos();
                    int core = s.get(i + 1).core();
                    told++;
                    // To its resume, or just past another task's reading on that core that came within the slack.
                    assertTrue(spans.stream().anyMatch(sp -> sp.task() == b.task() && sp.state() == SpanState.PREEMPTED
                            && sp.startNanos() == from && (sp.endNanos() == to || sp.endNanos() > to
                            && sp.endNanos() - to <= CpuLanes.RESUME_SLACK_NANOS + 1
                            && readAt(g.batches(), b.task(), core, sp.endNanos() - 1))),
                            "seed " + seed + ": task " + b.task() + " preempted exactly from " + from + " to " + to);
                    assertTrue(spans.stream().noneMatch(sp -> sp.task() == b.task() && sp.state() == SpanState.RUNNING
                            && sp.startNanos() < to && sp.endNanos() > from), "seed " + seed + ": task " + b.task()
                            + " drawn running while it said it was off the CPU");
                }
            }
        }
        assertTrue(told > 1_000, "the generator made few seen preemptions: " + told);
    }

    /** True when a task other than {@code task} has a reading (not a start) on {@code core} at {@code t}. */
    private static boolean readAt(List<SampleBatch> batches, int task, int core, long t) {
        return batches.stream().anyMatch(o -> o.task() != task && o.samples().stream().anyMatch(x -> x.core() == core
                && x.nanos() == t && x.kind() != CoreSample.Kind.BEGIN && x.kind() != CoreSample.Kind.ON));
    }

    @Test
    void processRunsWithClockOffsetsWithinAPeriodToo() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Generated g = generate(seed, true);
            List<Span> spans = CpuLanes.resolve(List.of(), g.batches());
            assertPhysicallyPossible(spans, g.batches(), "skewed seed " + seed);
        }
    }

    @Test
    void samplerSpansOfTheSameRunsOverlapWithoutResolving() {
        // The reason for all this: the per-task spans alone do put two tasks on one core at once.
        int overlapping = 0;
        for (long seed = 1; seed <= 50; seed++) {
            Generated g = generate(seed, false);
            List<Span> live = new ArrayList<>();
            SpanSink sink = live::add;
            for (int task : g.batches().stream().mapToInt(SampleBatch::task).distinct().toArray()) {
                CoreSampler sampler = new CoreSampler(sink, task, "W" + task, g.period(), CoreSampler.defaultGap(g.period()));
                g.batches().stream().filter(b -> b.task() == task).flatMap(b -> b.samples().stream()).forEach(s -> {
                    switch (s.kind()) {
                        case BEGIN -> sampler.begin(s.nanos(), s.core());
                        case SAMPLE -> sampler.sample(s.nanos(), s.core());
                        case END -> sampler.pause(s.nanos());
                    }
                });
            }
            if (CpuLanes.separate(live) != live) {
                overlapping++;
            }
        }
        assertTrue(overlapping > 25, "the generator makes the conflicts this is about (" + overlapping + " of 50)");
    }

    @Test
    void separatingRandomOverlappingSpansLeavesNoOverlapAndCoversTheSameTime() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            List<Span> spans = new ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(30); i++) {
                long start = r.nextInt(1000);
                int state = r.nextInt(6);
                spans.add(new Span(1 + r.nextInt(4), "W", r.nextInt(3) - (state == 5 ? 1 : 0),
                        state == 4 ? SpanState.UNCERTAIN : state == 5 ? SpanState.SLEEPING : SpanState.RUNNING,
                        start, start + r.nextInt(200)));
            }
            List<Span> out = CpuLanes.separate(spans);
            assertOneTaskPerCore(out, "separate seed " + seed);
            for (int core = 0; core < 3; core++) {
                assertEquals(covered(spans, core), covered(out, core), "seed " + seed + ": time covered on core " + core);
            }
            assertEquals(spans.stream().filter(s -> !s.hasCore() || s.durationNanos() == 0).count(),
                    out.stream().filter(s -> !s.hasCore() || s.durationNanos() == 0).count(),
                    "seed " + seed + ": spans off the core lanes are kept");
        }
    }

    /** Instants (in units) on {@code core} covered by some running or uncertain span. */
    private static java.util.BitSet covered(List<Span> spans, int core) {
        java.util.BitSet b = new java.util.BitSet();
        for (Span s : spans) {
            if (s.core() == core && (s.state() == SpanState.RUNNING || s.state() == SpanState.UNCERTAIN)) {
                b.set((int) s.startNanos(), (int) s.endNanos());
            }
        }
        return b;
    }
}

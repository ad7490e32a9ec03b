package dev.corelanes.engine;

import dev.corelanes.engine.platform.CoreProbe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A compute task on a synthetic clock that jumps once, as if the thread were preempted in the middle of a chunk:
 * the task reports the preemption between the two clock readings around the jump, in its live spans and in the
 * samples the lanes are rebuilt from alike. With and without the GIL (one thread alone: it never hands over).
 */
class TaskBodyGapTest {

    private static final long US = 1_000L;
    /** 50 M steps/s: 1 ms chunks of 50 000 steps, read every 1 000 steps (20 µs). */
    private static final Calibration CAL = new Calibration(50_000_000L, 10);

    /** Every reading 20 µs after the previous one, except the JUMP-th, which comes 5 ms later still. */
    private static final class JumpingClock implements LongSupplier {
        static final int JUMP = 77;
        int calls;
        long t = 1_000 * US;
        long beforeJump = -1;

        @Override
        public long getAsLong() {
            calls++;
            if (calls == JUMP) {
                beforeJump = t;
                t += 5_000 * US;
            }
            t += 20 * US;
            return t;
        }

        boolean jumped() {
            return beforeJump >= 0;
        }
    }

    @ParameterizedTest(name = "under the GIL: {0}")
    @ValueSource(booleans = {false, true})
    void aPreemptionInsideAChunkLandsExactlyAtTheReadingsAroundIt(boolean underGil) {
        JumpingClock clock = new JumpingClock();
        CoreProbe probe = new CoreProbe() {
            @Override
            public int currentCore() {
                return clock.jumped() ? 1 : 0; // came back on another CPU
            }

            @Override
            public boolean available() {
                return true;
            }

            @Override
            public String description() {
                return "synthetic";
            }
        };
        List<Span> spans = new ArrayList<>();
        List<SampleBatch> batches = new ArrayList<>();
        SpanSink sink = new SpanSink() {
            @Override
            public synchronized void accept(Span span) {
                spans.add(span);
            }

            @Override
            public synchronized void samples(SampleBatch batch) {
                batches.add(batch);
            }
        };
        TaskEnvironment env = new TaskEnvironment(CAL, probe, underGil ? new PythonGil() : null, sink, clock, () -> false);
        TaskOutcome outcome = TaskBody.run(1, "T1", TaskKind.COMPUTE, 0.005, env);
        assertEquals(TaskStatus.COMPLETED, outcome.status());

        long off = clock.beforeJump;
        long on = off + 5_020 * US;
        List<CoreSample> told = batches.stream().flatMap(b -> b.samples().stream())
                .filter(s -> s.kind() == CoreSample.Kind.OFF || s.kind() == CoreSample.Kind.ON).toList();
        assertEquals(List.of(new CoreSample(off, 0, CoreSample.Kind.OFF), new CoreSample(on, 1, CoreSample.Kind.ON)), told);

        List<Span> live = spans.stream().filter(s -> s.state() != SpanState.GIL_WAIT).toList();
        assertEquals(List.of(new Span(1, "T1", Span.NO_CORE, SpanState.PREEMPTED, off, on)),
                live.stream().filter(s -> s.state() == SpanState.PREEMPTED).toList());
        assertEquals(off, live.stream().filter(s -> s.core() == 0).mapToLong(Span::endNanos).max().orElseThrow());
        assertEquals(on, live.stream().filter(s -> s.core() == 1).mapToLong(Span::startNanos).min().orElseThrow());
        // The lanes rebuilt from the samples draw the same.
        assertEquals(live, CpuLanes.resolve(List.of(), batches));
    }
}

package dev.corelanes.engine.trace;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneThreadPerCpuTest {

    private static Span run(int task, int cpu, long start, long end) {
        return new Span(task, "t" + task, cpu, SpanState.RUNNING, start, end);
    }

    @Test
    void aLaterThreadOnTheSameCpuStartsWhereTheFirstEndsAcrossCalls() {
        OneThreadPerCpu guard = new OneThreadPerCpu();
        assertEquals(List.of(run(1, 0, 0, 100)), guard.admit(List.of(run(1, 0, 0, 100))));
        // The next sweep: thread 2 was placed on CPU 0 from 60, thread 3 on CPU 1, thread 1's sleep is kept.
        Span sleep = new Span(1, "t1", Span.NO_CORE, SpanState.SLEEPING, 100, 200);
        List<Span> out = guard.admit(List.of(run(2, 0, 60, 180), run(3, 1, 60, 180), sleep));
        assertTrue(out.contains(run(2, 0, 100, 180)), out.toString());
        assertTrue(out.contains(run(3, 1, 60, 180)), "another CPU is not touched");
        assertTrue(out.contains(sleep), "only running spans hold a CPU");
        assertEquals(List.of(), guard.admit(List.of(run(4, 0, 120, 170))), "wholly under what CPU 0 shows");
    }

    @Test
    void neverTwoRunningSpansOnOneCpuAtOnceWhateverArrives() {
        Random r = new Random(7);
        OneThreadPerCpu guard = new OneThreadPerCpu();
        List<Span> drawn = new ArrayList<>();
        for (int call = 0; call < 200; call++) {
            List<Span> fresh = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                long start = call * 50L + r.nextInt(120) - 60;
                fresh.add(run(1 + r.nextInt(6), r.nextInt(2), Math.max(0, start), Math.max(0, start) + 1 + r.nextInt(90)));
            }
            drawn.addAll(guard.admit(fresh));
        }
        for (int i = 0; i < drawn.size(); i++) {
            for (int j = i + 1; j < drawn.size(); j++) {
                Span a = drawn.get(i);
                Span b = drawn.get(j);
                boolean overlap = a.core() == b.core() && a.startNanos() < b.endNanos() && b.startNanos() < a.endNanos();
                assertTrue(!overlap, a + " and " + b);
            }
        }
    }
}

package dev.corelanes.engine.child;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The clock of deadlines leaves out the time the whole job was stopped (Ctrl-Z, fg), and only that. */
class RunningTimeTest {

    private static final long MS = 1_000_000;

    @Test
    void regularTicksAndLateWakeUpsCountInFull() {
        AtomicLong t = new AtomicLong(5_000 * MS);
        RunningTime clock = new RunningTime(t::get);
        clock.watch(true);
        for (int i = 0; i < 50; i++) {
            t.addAndGet(i % 10 == 0 ? 900 * MS : 100 * MS); // a busy machine wakes the ticker late
            clock.read();
        }
        assertEquals(t.get(), clock.read(), "nothing left out below a second's gap");
    }

    @Test
    void aStoppedJobsGapIsLeftOut() {
        AtomicLong t = new AtomicLong(0);
        RunningTime clock = new RunningTime(t::get);
        clock.watch(true);
        t.addAndGet(100 * MS);
        clock.read();
        t.addAndGet(35_000 * MS); // Ctrl-Z, 35 s, fg
        // the first reading after the stop (a deadline check, or the ticker) sees the gap
        assertEquals(200 * MS, clock.read(), "35 s stopped count as one tick");
        t.addAndGet(100 * MS);
        assertEquals(300 * MS, clock.read());
    }

    @Test
    void withoutWatchingNothingIsLeftOut() {
        AtomicLong t = new AtomicLong(0);
        RunningTime clock = new RunningTime(t::get);
        t.addAndGet(60_000 * MS); // no child alive, nobody ticking: a long quiet spell is not a stop
        assertEquals(60_000 * MS, clock.read());
        clock.watch(true);
        t.addAndGet(100 * MS);
        assertEquals(60_100 * MS, clock.read());
    }
}

package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread CPU clock's simulated tick, its measurement, and the drift rule sized from it. */
class ThreadCpuClockTest {

    private static final long WINDOWS_TICK = 15_625_000L;

    @Test
    void aTickIsReadInTheUnitsPeopleWriteAndNonsenseSimulatesNothing() {
        assertEquals(WINDOWS_TICK, ThreadCpuClock.parse("15.625ms"));
        assertEquals(WINDOWS_TICK, ThreadCpuClock.parse(" 15.625 ms "));
        assertEquals(WINDOWS_TICK, ThreadCpuClock.parse("0.015625s"));
        assertEquals(500_000, ThreadCpuClock.parse("500us"));
        assertEquals(WINDOWS_TICK, ThreadCpuClock.parse("15625000ns"));
        assertEquals(WINDOWS_TICK, ThreadCpuClock.parse("15625000"));
        assertEquals(0, ThreadCpuClock.parse(null));
        assertEquals(0, ThreadCpuClock.parse(""));
        assertEquals(0, ThreadCpuClock.parse("fast"));
        assertEquals(0, ThreadCpuClock.parse("-3ms"));
        assertEquals(0, ThreadCpuClock.parse("0"));
    }

    @Test
    void readingsRoundDownToTheTickAndUnknownStaysUnknown() {
        assertEquals(0, ThreadCpuClock.floor(15_624_999, WINDOWS_TICK));
        assertEquals(WINDOWS_TICK, ThreadCpuClock.floor(WINDOWS_TICK, WINDOWS_TICK));
        assertEquals(2 * WINDOWS_TICK, ThreadCpuClock.floor(3 * WINDOWS_TICK - 1, WINDOWS_TICK));
        assertEquals(-1, ThreadCpuClock.floor(-1, WINDOWS_TICK));
        assertEquals(123_457, ThreadCpuClock.floor(123_457, 0), "no tick: the reading as it is");
    }

    @Test
    void theMeasuredStepIsTheClocksTickNotTheTimeBetweenReadings() {
        // A clock that advances 1 µs per reading but shows it in Windows' 15.625 ms ticks.
        AtomicLong reads = new AtomicLong();
        ThreadCpuClock.Tick t = ThreadCpuClock.measure(() -> ThreadCpuClock.floor(reads.incrementAndGet() * 1_000,
                WINDOWS_TICK), System::nanoTime, false);
        assertEquals(WINDOWS_TICK, t.nanos());
        // A fine clock: the smallest step between readings.
        AtomicLong fine = new AtomicLong();
        assertEquals(700, ThreadCpuClock.measure(() -> fine.addAndGet(700), System::nanoTime, false).nanos());
        // A clock that never moves has no measurable step, and measuring gives up instead of spinning forever.
        AtomicLong wall = new AtomicLong();
        assertFalse(ThreadCpuClock.measure(() -> 42, () -> wall.addAndGet(100_000_000), false).known());
        assertFalse(ThreadCpuClock.measure(() -> -1, System::nanoTime, false).known());
    }

    @Test
    void thePropertySimulatesTheTickForThisJvmItsWorkersAndPython() {
        String before = System.getProperty(ThreadCpuClock.PROPERTY);
        try {
            System.setProperty(ThreadCpuClock.PROPERTY, "15.625ms");
            ThreadCpuClock.Tick t = ThreadCpuClock.tick();
            assertEquals(new ThreadCpuClock.Tick(WINDOWS_TICK, true), t, "measured through the rounded readings");
            assertEquals(0, ThreadCpuClock.currentThreadNanos() % WINDOWS_TICK);
            assertEquals(List.of("-Dcorelanes.cpuClockTick=15625000ns"), ThreadCpuClock.childJvmArgs());
            assertEquals(WINDOWS_TICK, ThreadCpuClock.parse(ThreadCpuClock.childJvmArgs().get(0).split("=")[1]));
            Map<String, String> env = new HashMap<>();
            ThreadCpuClock.childEnvironment(env);
            assertEquals("15625000", env.get(ThreadCpuClock.PYTHON_ENV));

            System.clearProperty(ThreadCpuClock.PROPERTY);
            assertFalse(ThreadCpuClock.tick().simulated());
            assertTrue(ThreadCpuClock.tick().nanos() < WINDOWS_TICK, "Linux and macOS clocks are fine");
            assertEquals(List.of(), ThreadCpuClock.childJvmArgs());
            env.put(ThreadCpuClock.PYTHON_ENV, "1");
            ThreadCpuClock.childEnvironment(env);
            assertFalse(env.containsKey(ThreadCpuClock.PYTHON_ENV), "an inherited simulation is not passed on");
        } finally {
            restore(before);
        }
    }

    @Test
    void theDriftRuleWidensByOneTickForShortTasksOnly() {
        ThreadCpuClock.Tick windows = new ThreadCpuClock.Tick(WINDOWS_TICK, false);
        assertEquals(0.10, RunFigures.driftTolerance(200_000_000L, ThreadCpuClock.Tick.UNKNOWN), 1e-12);
        assertEquals(0.10 + 0.078125, RunFigures.driftTolerance(200_000_000L, windows), 1e-12);
        assertEquals(0.10 + 0.0015625, RunFigures.driftTolerance(10_000_000_000L, windows), 1e-12);
        assertEquals(0.10, RunFigures.driftTolerance(200_000_000L, new ThreadCpuClock.Tick(0, false)), 1e-12);
    }

    static void restore(String before) {
        if (before == null) {
            System.clearProperty(ThreadCpuClock.PROPERTY);
        } else {
            System.setProperty(ThreadCpuClock.PROPERTY, before);
        }
    }
}

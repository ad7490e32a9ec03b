package dev.corelanes.engine;

import dev.corelanes.engine.trace.ProgramCommand;
import dev.corelanes.engine.trace.ProgramRun;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Background work gives way to every measurement, before its clock starts, and starts none during one. */
class BackgroundWorkTest {

    @TempDir
    Path dir;

    /** A job that notes when it was last asked to stop ({@link System#nanoTime()}) and how often. */
    private static final class Noted implements BackgroundWork.Job {
        final AtomicInteger stops = new AtomicInteger();
        volatile long stoppedAt;

        @Override
        public void stopForMeasurement() {
            stoppedAt = System.nanoTime();
            stops.incrementAndGet();
        }
    }

    private final Noted job = new Noted();

    @AfterEach
    void unregister() {
        BackgroundWork.unregister(job);
    }

    private static void awaitNoMeasurement() throws InterruptedException {
        for (int i = 0; i < 12_000 && BackgroundWork.quietNanos() == 0; i++) {
            Thread.sleep(10); // a run of an earlier test handing over its trace
        }
        assertNotEquals(0, BackgroundWork.quietNanos(), "no measurement of another test still going on");
    }

    @Test
    void aMeasurementStopsEveryJobAndNoneStartsUntilItEnded() throws Exception {
        awaitNoMeasurement();
        BackgroundWork.register(job);
        int[] started = new int[1];
        assertTrue(BackgroundWork.startIfQuiet(() -> started[0]++));
        try (BackgroundWork.Measurement m = BackgroundWork.measurementStarting()) {
            assertEquals(1, job.stops.get(), "stopped as the measurement began");
            assertEquals(0, BackgroundWork.quietNanos());
            assertFalse(BackgroundWork.startIfQuiet(() -> started[0]++), "nothing starts during a measurement");
            BackgroundWork.Measurement nested = BackgroundWork.measurementStarting(); // a sweep's run inside a lab
            nested.close();
            nested.close(); // closed twice: counted once
            assertFalse(BackgroundWork.startIfQuiet(() -> started[0]++), "the outer one still goes on");
        }
        assertEquals(1, started[0]);
        assertTrue(BackgroundWork.startIfQuiet(() -> started[0]++), "after it, work may start again");
        assertEquals(2, started[0]);
        BackgroundWork.unregister(job);
        BackgroundWork.measurementStarting().close();
        assertEquals(2, job.stops.get(), "an unregistered job is not asked any more");
    }

    @Test
    void aRunStopsBackgroundWorkBeforeItsClockStarts() throws Exception {
        awaitNoMeasurement();
        BackgroundWork.register(job);
        Trace t = Experiment.start(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 1, 0.05, false),
                MachineInfo.fromJvm(), new ThreadBackend(ExecutionMode.SEQUENTIAL)).await(120, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, t.status());
        assertEquals(1, job.stops.get());
        assertTrue(job.stoppedAt - t.conditions().monotonicOriginNanos() < 0, "stopped before time 0");
    }

    @Test
    void aTracedProgramStopsBackgroundWorkBeforeItStarts() throws Exception {
        assumeTrue(ProgramTrace.unavailableReason().isEmpty(), ProgramTrace.unavailableReason());
        Needs.shell();
        awaitNoMeasurement();
        BackgroundWork.register(job);
        ProgramRun run = ProgramRun.start(ProgramCommand.parse("sh -c 'exit 0'", dir), MachineInfo.fromJvm(),
                new TraceListener() { });
        assertEquals(1, job.stops.get(), "stopped before the program was started");
        Trace t = run.handle().await(60, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertNotEquals(RunConditions.UNKNOWN_ORIGIN, t.conditions().monotonicOriginNanos());
        assertTrue(job.stoppedAt - t.conditions().monotonicOriginNanos() < 0, "stopped before time 0");
        for (int i = 0; i < 6_000 && BackgroundWork.quietNanos() == 0; i++) {
            Thread.sleep(10);
        }
        assertNotEquals(0, BackgroundWork.quietNanos(), "its measurement ended with it");
    }
}

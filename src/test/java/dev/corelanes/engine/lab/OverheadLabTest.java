package dev.corelanes.engine.lab;

import dev.corelanes.engine.process.ChildCommands;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the lab measures and how it cleans up. No order of costs is asserted here: on a shared 2-core machine
 * any two timings can swap, so the figures live in the -Pbench profile and the findings are tested on
 * fixed inputs ({@code OverheadFindingsTest}).
 */
class OverheadLabTest {

    private final OverheadLab lab = new OverheadLab(5, null, () -> false, (f, w) -> { });

    private static void measured(Measurement m, int samples) {
        assertTrue(m.available(), m.name() + ": " + m.note());
        assertEquals(samples, m.samplesNanos().size(), m.name());
        assertTrue(m.samplesNanos().stream().allMatch(v -> v > 0), m.name() + " has a sample ≤ 0");
        assertTrue(m.percentileNanos(10) <= m.medianNanos() && m.medianNanos() <= m.percentileNanos(90), m.name());
    }

    @Test
    void creationCostsAreSampledAsConfigured() throws Exception {
        measured(lab.virtualThread(), 10);
        measured(lab.platformThread(), 10);
        Measurement process = lab.nativeProcess();
        Assumptions.assumeTrue(process.available(), process.note());
        measured(process, 10);
    }

    @Test
    void roundTripsAreMeasuredAndTheChildIsStopped() throws Exception {
        measured(lab.threadHandOff(), 500);
        measured(lab.threadRoundTrip(), 500);
        Measurement pipe = lab.pipeRoundTrip();
        if (pipe.available()) {
            measured(pipe, 500);
        }
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "cat was stopped");
    }

    @Test
    void aWorkerJvmIsPingedThroughItsOwnProtocol() throws Exception {
        Assumptions.assumeTrue(ChildCommands.problem() == null, ChildCommands.problem());
        OverheadLab withWorkers = new OverheadLab(3, () -> ChildCommands.worker("overhead"), () -> false, (f, w) -> { });
        measured(withWorkers.workerRoundTrip(), 300);
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "the worker was stopped");
    }

    @Test
    void aChildThatSpeaksNoProtocolIsNotMeasuredAndSaysWhy() throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/bin/echo")), "needs /bin/echo (POSIX)");
        OverheadLab wrong = new OverheadLab(3, () -> new ProcessBuilder("/bin/echo", "hi"), () -> false, (f, w) -> { });
        Measurement m = wrong.workerRoundTrip();
        assertTrue(!m.available() && m.note().contains("hello"), m.note());
    }

    @Test
    void withoutAWorkerCommandTheWorkerRowsSayWhy() throws Exception {
        for (Measurement m : List.of(lab.workerJvm(), lab.workerRoundTrip())) {
            assertTrue(!m.available() && !m.note().isEmpty(), m.name());
        }
    }

    @Test
    void cancellingStopsTheLab() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        OverheadLab cancelled = new OverheadLab(5, null, cancel::get, (f, w) -> { });
        assertThrows(OverheadLab.Cancelled.class, cancelled::measureAll);
    }
}

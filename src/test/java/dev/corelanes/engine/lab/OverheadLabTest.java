package dev.corelanes.engine.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverheadLabTest {

    private final OverheadLab lab = new OverheadLab(5, null, () -> false, (f, w) -> { });

    @Test
    void creationCostsAreOrderedAsTheLessonSays() throws Exception {
        Measurement virtual = lab.virtualThread();
        Measurement platform = lab.platformThread();
        Measurement process = lab.nativeProcess();
        Assumptions.assumeTrue(process.available(), process.note());
        assertTrue(virtual.medianNanos() < platform.medianNanos(),
                "virtual " + virtual.medianNanos() + " ns < platform " + platform.medianNanos() + " ns");
        assertTrue(platform.medianNanos() < process.medianNanos(),
                "platform " + platform.medianNanos() + " ns < process " + process.medianNanos() + " ns");
    }

    @Test
    void roundTripsAreMeasured() throws Exception {
        Measurement threads = lab.threadRoundTrip();
        assertTrue(threads.available() && threads.medianNanos() > 0);
        Measurement pipe = lab.pipeRoundTrip();
        if (pipe.available()) {
            assertTrue(pipe.medianNanos() > 0);
        }
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "cat was stopped");
    }

    @Test
    void withoutAWorkerCommandTheWorkerRowSaysWhy() throws Exception {
        Measurement m = lab.workerJvm();
        assertTrue(!m.available() && !m.note().isEmpty());
    }

    @Test
    void cancellingStopsTheLab() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        OverheadLab cancelled = new OverheadLab(5, null, cancel::get, (f, w) -> { });
        assertThrows(OverheadLab.Cancelled.class, cancelled::measureAll);
    }
}

package dev.corelanes.engine.process;

import dev.corelanes.engine.BackgroundWork;
import dev.corelanes.engine.platform.Os;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A worker-cache build step running when a measurement starts is stopped before its clock does. */
class StartupCacheGivesWayTest {

    @Test
    void aBuilderStepIsKilledWhenAMeasurementStartsAndTheBuildFails() throws Exception {
        assumeTrue(!Os.current().isWindows(), "a POSIX sleep stands in for the builder");
        CompletableFuture<Boolean> step = StartupCache.run(new ProcessBuilder("sleep", "60"), false);
        long pid = ProcessHandle.current().children().filter(h -> h.info().command().orElse("").endsWith("sleep"))
                .mapToLong(ProcessHandle::pid).max().orElse(-1);
        assertFalse(step.isDone(), "the step runs");
        try (BackgroundWork.Measurement m = BackgroundWork.measurementStarting()) {
            // measurementStarting returns once the step has ended: its process is gone before the clock starts.
            assertFalse(pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "the builder's process has ended");
        }
        assertFalse(step.get(30, TimeUnit.SECONDS), "a stopped step is a failed build: nothing is published");
    }
}

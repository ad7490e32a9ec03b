package dev.corelanes.engine;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end: four compute tasks on this machine (two CPUs on the build machine, and other builds keep
 * them busy), in threads and in child processes. The real trace, as saved and exported, must show at most
 * one task per CPU at any instant, and every core sample the tasks took must lie inside a running span of
 * its own task on its own CPU.
 */
class CpuLanesRunTest {

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"THREADS", "PROCESSES"})
    void fourComputeTasksGiveLanesThatArePhysicallyPossible(ExecutionMode mode) throws Exception {
        check(mode, false);
    }

    /** Under the emulated GIL the tasks stop and resume running at every hand-over: no work before a resume. */
    @org.junit.jupiter.api.Test
    void threadsUnderTheGilToo() throws Exception {
        check(ExecutionMode.THREADS, true);
    }

    private static void check(ExecutionMode mode, boolean gil) throws Exception {
        assumeTrue(Host.coreProbe().available(), "this OS cannot read the current core");
        ConcurrentLinkedQueue<SampleBatch> samples = new ConcurrentLinkedQueue<>();
        TraceListener listener = new TraceListener() {
            @Override
            public void onSamples(SampleBatch batch) {
                samples.add(batch);
            }
        };
        Trace t = Runs.run(ExperimentSpec.of(mode, TaskKind.COMPUTE, 4, 0.3, gil), MachineInfo.fromJvm(), listener);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        List<SampleBatch> batches = List.copyOf(samples);
        assertEquals(4, batches.stream().mapToInt(SampleBatch::task).distinct().count(), "every task sent its samples");
        assertTrue(batches.stream().mapToInt(b -> b.samples().size()).sum() > 4 * 100,
                "about one sample per millisecond of work");
        CpuLanesPropertyTest.assertPhysicallyPossible(t.spans(), batches, mode.label());
        // The same holds for what is saved and read back.
        Trace back = RunFile.parse(RunFile.toJsonString(t), "run.json");
        CpuLanesPropertyTest.assertOneTaskPerCore(back.spans(), mode.label() + " after a save");
        assertFalse(t.spans().stream().noneMatch(s -> s.state() == SpanState.RUNNING && s.hasCore()));
    }
}

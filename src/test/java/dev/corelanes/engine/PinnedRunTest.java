package dev.corelanes.engine;

import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real pinned runs on this machine: every span that knows its core ran on the chosen CPU, and nothing of
 * the run stays pinned afterwards. No timing is asserted (the machine is shared).
 */
class PinnedRunTest {

    private static MachineInfo machine;
    private static List<Integer> allowed;

    @BeforeAll
    static void needsPinningAndTwoCpus() {
        CpuAffinity a = Host.affinity();
        assumeTrue(a.supported(), a.unsupportedReason());
        assumeTrue(Host.coreProbe().available(), "the core probe is needed to see where spans ran");
        allowed = a.allowedCpus();
        assumeTrue(allowed.size() >= 2, "needs 2 usable CPUs");
        machine = MachineInfo.fromJvm();
    }

    private static Set<Integer> coresRun(Trace t) {
        return t.spans().stream().filter(s -> s.state() == SpanState.RUNNING && s.hasCore()).map(Span::core)
                .collect(Collectors.toSet());
    }

    private static void assertRanOnlyOn(int cpu, ExecutionMode mode) throws InterruptedException {
        ExperimentSpec spec = mode.pooled() ? new ExperimentSpec(mode, TaskKind.COMPUTE, 2, 0.05, 2, false)
                : ExperimentSpec.of(mode, TaskKind.COMPUTE, 2, 0.05, false);
        Trace t = Runs.run(spec, machine.pinnedTo(List.of(cpu)));
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(1, RunFigures.of(t).usableCores());
        assertEquals(List.of(cpu), t.machine().pinnedCpus());
        assertEquals(Set.of(cpu), coresRun(t), mode + " ran outside CPU " + cpu);
    }

    @Test
    void platformThreadsRunOnlyOnThePinnedCpu() throws InterruptedException {
        assertRanOnlyOn(allowed.get(1), ExecutionMode.THREADS);
    }

    @Test
    void aPoolAndVirtualThreadsRunOnlyOnThePinnedCpu() throws InterruptedException {
        assertRanOnlyOn(allowed.get(0), ExecutionMode.POOL);
        assertRanOnlyOn(allowed.get(1), ExecutionMode.VIRTUAL);
    }

    @Test
    void childProcessesRunOnlyOnThePinnedCpu() throws InterruptedException {
        assertRanOnlyOn(allowed.get(1), ExecutionMode.PROCESSES);
    }

    @Test
    void nothingStaysPinnedAfterTheRun() throws Exception {
        assertRanOnlyOn(allowed.get(0), ExecutionMode.VIRTUAL);
        assertEquals(allowed, Host.affinity().allowedCpus(), "the calling thread");
        // Virtual threads' carriers outlive the run: the next virtual thread must see every CPU again.
        for (int i = 0; i < 8; i++) {
            AtomicReference<List<Integer>> seen = new AtomicReference<>();
            Thread.ofVirtual().start(() -> seen.set(Host.affinity().allowedCpus())).join();
            assertEquals(allowed, seen.get(), "a carrier thread stayed pinned");
        }
    }

    @Test
    void aCpuOutsideTheMaskFailsTheRunWithTheReason() throws InterruptedException {
        int outside = allowed.get(allowed.size() - 1) + 1;
        MachineInfo wide = new MachineInfo("x", outside + 1, outside + 1, List.of(), 1L << 30, "Linux", "Java");
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 1, 0.05, false),
                wide.pinnedTo(List.of(outside)));
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.message().contains("is not usable by this process"), t.message());
    }

    /**
     * A backend whose task reports a core outside the pin (as a Python interpreter started before the run was
     * pinned did): the run fails with the reason, and its trace does not claim the pin.
     */
    @Test
    void aPinThatDidNotHoldFailsTheRunAndIsNotRecorded() throws Exception {
        int pinned = allowed.get(0);
        int other = allowed.get(1);
        Backend leaky = new Backend() {
            @Override
            public void run(RunContext run) {
                long t = run.now();
                run.sink().accept(new Span(1, "T1", other, SpanState.RUNNING, t, t + 1_000_000));
                run.recordTask(new TaskRecord(1, "T1", t, t + 1_000_000, TaskStatus.COMPLETED, ""));
            }

            @Override
            public void cancel() {
            }
        };
        Trace t = Experiment.start(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 1, 0.05, false),
                machine.pinnedTo(List.of(pinned)), leaky).await();
        assertEquals(TaskStatus.FAILED, t.status());
        assertEquals("the run was pinned to CPU " + pinned + " but its tasks also ran on CPU " + other
                + ": the pin did not hold, so its figures would be wrong", t.message());
        assertTrue(t.machine().pinnedCpus().isEmpty(), "no pin recorded: " + t.machine());
    }
}

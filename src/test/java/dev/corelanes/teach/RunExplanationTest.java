package dev.corelanes.teach;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunExplanationTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @Test
    void threadsUnderTheGilAreNamedSerialized() throws Exception {
        Trace t = Runs.run(new ExperimentSpec(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.1, 2, true), MACHINE);
        RunExplanation e = RunExplanation.of(t, Double.NaN);
        assertTrue(e.patterns().stream().anyMatch(p -> p.startsWith(RunExplanation.GIL)), e.caption());
        assertEquals(0.2, e.figures().idealSeconds(), 1e-9, "one usable core under the GIL");
    }

    @Test
    void moreComputeTasksThanCpusAreNamedOversubscribed() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        Trace t = Runs.run(new ExperimentSpec(ExecutionMode.THREADS, TaskKind.COMPUTE, cpus * 3, 0.15, 1, false),
                MACHINE);
        RunExplanation e = RunExplanation.of(t, Double.NaN);
        assertTrue(e.patterns().stream().anyMatch(p -> p.startsWith(RunExplanation.OVERSUBSCRIBED)), e.caption());
    }

    @Test
    void speedupIsMeasuredAgainstTheSequentialRunWhenThereIsOne() throws Exception {
        Trace seq = Runs.run(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 2, 0.1, false), MACHINE);
        Trace thr = Runs.run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.1, false), MACHINE);
        RunExplanation e = RunExplanation.of(thr.withBaseline(dev.corelanes.engine.Baselines.choose(thr, java.util.List.of(seq))));
        assertEquals(dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN, e.figures().baseline());
        double measured = seq.wallSeconds() / thr.wallSeconds();
        if (measured > e.figures().usableCores() * (1 + dev.corelanes.engine.RunFigures.LIMIT_NOISE)) {
            // A busy machine stretched the sequential run's starts past two waits at a time: no figure, and why.
            assertFalse(e.figures().hasSpeedup());
            assertTrue(e.caption().contains("past the limit of 2 waits at a time"), e.caption());
        } else {
            // Measured, or the limit itself when timer noise put it a hair past two waits at a time.
            assertEquals(Math.min(measured, e.figures().usableCores()), e.figures().speedup(), 1e-9);
            assertTrue(e.caption().contains("vs sequential"));
        }
    }

    @Test
    void aBusyMachineIsNamedWhenOtherProgramsLoadedIt() throws Exception {
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.05, false), MACHINE);
        assertTrue(RunExplanation.of(t, 0.8).patterns().stream()
                .anyMatch(p -> p.startsWith(RunExplanation.BUSY)));
        assertTrue(RunExplanation.of(t, 0.0).patterns().isEmpty());
    }

    /**
     * A traced Python program on a 2-CPU machine, as the sampler draws it: its main thread asleep in join(), two
     * threads taking turns on the GIL — one runs while the other sleeps on the lock — and each waiting
     * {@code waitMillis} for a CPU before it ran.
     */
    private static Trace tracedProgram(long waitMillis) {
        long ms = 1_000_000L;
        var spans = new java.util.ArrayList<dev.corelanes.engine.Span>();
        spans.add(new dev.corelanes.engine.Span(1, "python3 [100]", -1, dev.corelanes.engine.SpanState.SLEEPING, 0, 400 * ms));
        for (int k = 2; k <= 3; k++) {
            String w = "python3 [10" + k + "]";
            spans.add(new dev.corelanes.engine.Span(k, w, -1, dev.corelanes.engine.SpanState.PREEMPTED, 0, waitMillis * ms));
            long t = waitMillis * ms;
            for (int turn = 0; turn < 4; turn++, t += 80 * ms) {
                boolean mine = (turn + k) % 2 == 0;
                spans.add(new dev.corelanes.engine.Span(k, w, mine ? k - 2 : -1, mine
                        ? dev.corelanes.engine.SpanState.RUNNING : dev.corelanes.engine.SpanState.SLEEPING, t, t + 80 * ms));
            }
        }
        var tasks = new java.util.ArrayList<dev.corelanes.engine.TaskRecord>();
        var workers = new java.util.ArrayList<dev.corelanes.engine.WorkerInfo>();
        for (int k = 1; k <= 3; k++) {
            String w = k == 1 ? "python3 [100]" : "python3 [10" + k + "]";
            tasks.add(new dev.corelanes.engine.TaskRecord(k, w, 0, 400 * ms, dev.corelanes.engine.TaskStatus.COMPLETED, ""));
            workers.add(new dev.corelanes.engine.WorkerInfo(w, 100, -1, 100 + (k == 1 ? 0 : k)));
        }
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.TRACED, TaskKind.COMPUTE, 3, ExperimentSpec.MIN_SECONDS, false);
        return new Trace(spec, dev.corelanes.fixtures.Traces.machine(), dev.corelanes.engine.Calibration.NOT_MEASURED,
                java.time.Instant.EPOCH, 400 * ms, 320 * ms, dev.corelanes.engine.TaskStatus.COMPLETED, "", tasks,
                workers, spans, 0, dev.corelanes.engine.RunConditions.UNKNOWN,
                dev.corelanes.engine.RunRuntime.program("python3 two.py"));
    }

    @Test
    void aTracedProgramIsNeverCalledOversubscribedItsMeasuredWaitForACpuIsSaid() {
        RunExplanation e = RunExplanation.of(tracedProgram(40), 0.0);
        assertFalse(e.patterns().stream().anyMatch(p -> p.startsWith(RunExplanation.OVERSUBSCRIBED)), e.caption());
        assertTrue(e.patterns().stream().anyMatch(p -> p.startsWith(RunExplanation.WAITING)
                && p.contains("had no CPU for 80.0 ms in all, 0.400 s of wall time")), e.caption());
        // 2 ms each: 1 % of the wall time, nothing worth a sentence.
        assertFalse(RunExplanation.of(tracedProgram(2), 0.0).patterns().stream()
                .anyMatch(p -> p.startsWith(RunExplanation.WAITING)));
    }

    private static Trace onMachine(MachineInfo m) {
        Trace t = dev.corelanes.fixtures.Traces.compute(ExecutionMode.THREADS, 2);
        return new Trace(t.spec(), m, t.calibration(), t.startedAt(), t.wallNanos(), t.cpuNanos(), t.status(),
                t.message(), t.tasks(), t.workers(), t.spans(), 0);
    }

    @Test
    void aPinnedRunSaysWhichCpusAndDividesByThem() {
        Trace t = onMachine(dev.corelanes.fixtures.Traces.machine().pinnedTo(java.util.List.of(1)));
        RunExplanation e = RunExplanation.of(t, Double.NaN);
        assertTrue(e.patterns().get(0).startsWith("Pinned: the run could use only CPU 1 (1 of the machine's 2)"),
                e.caption());
        assertEquals(0.2, e.figures().idealSeconds(), 1e-9);
        assertEquals(e.figures().speedup(), e.figures().efficiency(), 1e-9,
                "with 1 usable core, ideal ÷ wall equals total work ÷ wall");
    }

    @Test
    void aProcessLimitedByItsAffinityOrQuotaSaysSo() {
        MachineInfo m = new MachineInfo("Test CPU", 2, 2, java.util.List.of(), 1L << 33, "TestOS", "Java", 1,
                java.util.List.of(), java.util.List.of());
        RunExplanation e = RunExplanation.of(onMachine(m), Double.NaN);
        assertTrue(e.patterns().get(0).startsWith(RunExplanation.LIMITED + ": this process could use 1 of the machine's 2"),
                e.caption());
    }

    private static Trace hybridRun(int coreOfTask2) {
        long ms = 1_000_000L;
        MachineInfo m = new MachineInfo("Hybrid", 2, 2, java.util.List.of(), 1L << 33, "TestOS", "Java")
                .withClasses(java.util.List.of(dev.corelanes.engine.CoreClass.PERFORMANCE,
                        dev.corelanes.engine.CoreClass.EFFICIENCY));
        var spec = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.1, false);
        var spans = java.util.List.of(
                new dev.corelanes.engine.Span(1, "T1", 0, dev.corelanes.engine.SpanState.RUNNING, 0, 100 * ms),
                new dev.corelanes.engine.Span(2, "T2", coreOfTask2, dev.corelanes.engine.SpanState.RUNNING, 0, 160 * ms));
        var tasks = java.util.List.of(
                new dev.corelanes.engine.TaskRecord(1, "T1", 0, 100 * ms, dev.corelanes.engine.TaskStatus.COMPLETED, ""),
                new dev.corelanes.engine.TaskRecord(2, "T2", 0, 160 * ms, dev.corelanes.engine.TaskStatus.COMPLETED, ""));
        return new Trace(spec, m, new dev.corelanes.engine.Calibration(1_000_000L, 10),
                java.time.Instant.parse("2026-11-25T09:00:00Z"), 160 * ms, 260 * ms,
                dev.corelanes.engine.TaskStatus.COMPLETED, "", tasks, java.util.List.of(), spans, 0);
    }

    @Test
    void aTaskOnAnEfficiencyCoreIsNamedWithHowMuchLongerItTook() {
        RunExplanation e = RunExplanation.of(hybridRun(1), Double.NaN);
        assertTrue(e.patterns().stream().anyMatch(p -> p.startsWith(RunExplanation.EFFICIENCY_CORES
                + ": task 2 ran mostly on efficiency cores and took 1.60× as long as the tasks on performance cores")),
                e.caption());
    }

    @Test
    void tasksAllOnPerformanceCoresNeedNoWord() {
        RunExplanation e = RunExplanation.of(hybridRun(0), Double.NaN);
        assertTrue(e.patterns().stream().noneMatch(p -> p.startsWith(RunExplanation.EFFICIENCY_CORES)), e.caption());
    }
}

package dev.corelanes.bench;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.RunConditions;
import dev.corelanes.engine.RunRuntime;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelAgreementTest {

    private static final long MS = 1_000_000L;

    /**
     * Two threads running in stretches of 2–20 ms with gaps between, each stretch on CPU 0 or 1 and the other thread
     * on the other CPU meanwhile (a run never draws two threads on one CPU at once), in the run's clock; with
     * {@code secondMisplaced}, every other stretch of the second is drawn on CPU 2, where the kernel never ran it.
     */
    private static Trace run(boolean secondMisplaced) {
        List<Span> spans = new ArrayList<>();
        List<TaskRecord> tasks = new ArrayList<>();
        List<WorkerInfo> workers = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            java.util.Random r = new java.util.Random(11); // the same stretches for both threads
            String w = "t" + k;
            spans.add(new Span(k, w, Span.NO_CORE, SpanState.SPAWNING, 0, 5 * MS));
            long t = 5 * MS;
            for (int i = 0; i < 20; i++) {
                int cpu = (r.nextInt(2) + k) % 2;
                long len = (2 + r.nextInt(19)) * MS;
                if (k == 2 && secondMisplaced && i % 2 == 0) {
                    cpu = 2;
                }
                spans.add(new Span(k, w, cpu, SpanState.RUNNING, t, t + len));
                t += len + r.nextInt(6) * MS;
            }
            tasks.add(new TaskRecord(k, w, 5 * MS, 205 * MS, TaskStatus.COMPLETED, ""));
            workers.add(new WorkerInfo(w, 100, -1, 100 + k));
        }
        return new Trace(ExperimentSpec.of(ExecutionMode.TRACED, TaskKind.COMPUTE, 2, ExperimentSpec.MIN_SECONDS, false),
                dev.corelanes.fixtures.Traces.machine(), Calibration.NOT_MEASURED, Instant.EPOCH, 205 * MS, 400 * MS,
                TaskStatus.COMPLETED, "", tasks, workers, spans, 0, RunConditions.UNKNOWN, RunRuntime.program("x"));
    }

    /** The kernel's record of the same threads: the run's spans moved by {@code shift} seconds, plus a stranger. */
    private static Map<Long, KernelAgreement.KernelThread> kernel(double shift) {
        Map<Long, List<double[]>> iv = new HashMap<>();
        for (Span s : run(false).spans()) {
            if (s.state() == SpanState.RUNNING) {
                iv.computeIfAbsent(100L + s.task(), t -> new ArrayList<>())
                        .add(new double[] {s.core(), s.startSeconds() + shift, s.endSeconds() + shift});
            }
        }
        Map<Long, KernelAgreement.KernelThread> k = new HashMap<>();
        iv.forEach((tid, list) -> k.put(tid, new KernelAgreement.KernelThread(tid, 100, "t", list)));
        k.put(999L, new KernelAgreement.KernelThread(999, 999, "stranger", List.of(new double[] {0, 0, 1})));
        return k;
    }

    /** The same run with its workers' thread ids unknown (virtual threads: their carrier changes). */
    private static Trace withoutTids(Trace t) {
        List<WorkerInfo> workers = t.workers().stream().map(w -> new WorkerInfo(w.name(), w.pid(), -1, -1)).toList();
        return new Trace(t.spec(), t.machine(), t.calibration(), t.startedAt(), t.wallNanos(), t.cpuNanos(), t.status(),
                t.message(), t.tasks(), workers, t.spans(), 0, t.conditions(), t.runtime());
    }

    @Test
    void workersWithoutAThreadIdAreHeldAgainstTheBestThreadOfTheirProcess() {
        KernelAgreement.Result r = KernelAgreement.compare(kernel(0.0123), withoutTids(run(false)));
        assertEquals(0.0123, r.offsetSeconds(), 0.0001);
        assertEquals(2, r.scores().size());
        assertEquals(1.0, r.min(), 0.01);
        assertEquals(java.util.Set.of(101L, 102L), r.scores().stream().map(KernelAgreement.Score::tid)
                .collect(java.util.stream.Collectors.toSet()), "each found its own thread, never the stranger");
    }

    @Test
    void theSameTimelineMovedOnTheKernelsClockIsFoundAndAgreesFully() {
        KernelAgreement.Result r = KernelAgreement.compare(kernel(0.0371), run(false));
        assertEquals(0.0371, r.offsetSeconds(), 0.0001);
        assertEquals(1.0, r.median(), 0.01);
        assertEquals(1.0, r.weighted(), 0.01);
        assertEquals(2, r.scores().size());
    }

    @Test
    void aThreadDrawnOnAnotherCpuPartOfTheTimeScoresTheRest() {
        KernelAgreement.Result r = KernelAgreement.compare(kernel(0.02), run(true));
        assertEquals(0.02, r.offsetSeconds(), 0.0001, "offset");
        Map<String, Double> by = new HashMap<>();
        r.scores().forEach(s -> by.put(s.worker(), s.agreement()));
        assertEquals(1.0, by.get("t1"), 0.02);
        double misplaced = 0;
        double all = 0;
        for (Span sp : run(true).spans()) {
            if (sp.worker().equals("t2") && sp.state() == SpanState.RUNNING) {
                all += sp.durationNanos();
                misplaced += sp.core() == 2 ? sp.durationNanos() : 0;
            }
        }
        assertEquals(1 - misplaced / all, by.get("t2"), 0.01, "the share drawn where the kernel ran it");
        double t1 = r.scores().stream().filter(x -> x.worker().equals("t1")).findFirst().orElseThrow().sameSeconds();
        assertEquals((t1 + (all - misplaced) / 1e9) / (t1 + all / 1e9), r.weighted(), 0.01, "by time, both together");
    }

    @Test
    void aWorkerWhoseThreadTheKernelNeverRanIsReportedUnmatched(@TempDir Path dir) throws Exception {
        Path k = Files.writeString(dir.resolve("k.json"), "{\"seconds\": 1, \"threads\": [{\"tid\": 101, \"tgid\": 100, "
                + "\"name\": \"t\", \"intervals\": [[1, 0.005, 0.015], [0, 0.015, 0.025]]}]}");
        Map<Long, KernelAgreement.KernelThread> kernel = KernelAgreement.readKernel(k);
        assertEquals(2, kernel.get(101L).intervals().size());
        assertEquals(100, kernel.get(101L).tgid());
        KernelAgreement.Result r = KernelAgreement.compare(kernel, run(false));
        assertEquals(List.of("t2"), r.unmatched());
        assertEquals(1, r.scores().size());
    }

    @Test
    void aKernelRecordCutShortByAnotherTracerIsTold(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.json");
        Files.writeString(whole, """
                {"seconds": 2.0, "threads": [{"tid": 1, "tgid": 1, "name": "a", "intervals": [[0, 0.001, 0.9]]},
                 {"tid": 2, "tgid": 2, "name": "b", "intervals": [[1, 0.5, 1.99]]}]}""");
        assertEquals("", KernelAgreement.cut(whole));
        Path emptiedLate = dir.resolve("late.json");
        Files.writeString(emptiedLate, """
                {"seconds": 2.0, "threads": [{"tid": 1, "tgid": 1, "name": "a", "intervals": [[0, 1.2, 1.99]]}]}""");
        assertTrue(KernelAgreement.cut(emptiedLate).contains("1.20-1.99 s of 2.00 s"), KernelAgreement.cut(emptiedLate));
        Path stoppedEarly = dir.resolve("early.json");
        Files.writeString(stoppedEarly, """
                {"seconds": 2.0, "threads": [{"tid": 1, "tgid": 1, "name": "a", "intervals": [[0, 0.0, 0.7]]}]}""");
        assertTrue(KernelAgreement.cut(stoppedEarly).contains("0.00-0.70 s"), KernelAgreement.cut(stoppedEarly));
    }
}

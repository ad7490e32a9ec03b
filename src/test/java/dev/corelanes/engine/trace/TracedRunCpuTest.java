package dev.corelanes.engine.trace;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WaitKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A traced thread's CPU time: the kernel's switch records run to the program's end, the sampler's totals only to its
 * last sweep, which on a busy machine can be tens of milliseconds before the end.
 */
class TracedRunCpuTest {

    private static Trace build(List<ThreadSample> samples, SwitchLog log, long wall) {
        Sampling s = new Sampling(10, Map.of(11, samples), List.of(), List.of(100L, 200L), 0, wall, 100, 100, -1);
        return TracedRun.build(s, log, "kernel switch records", false, MachineInfo.fromJvm(), Instant.EPOCH, wall, 0,
                TaskStatus.COMPLETED, "", "loop", 0);
    }

    private static long cpu(Trace t) {
        TaskRecord r = t.tasks().get(0);
        return r.cpuNanos();
    }

    @Test
    void aThreadThatRanOnAfterTheLastSweepHasTheRecordsTotal() {
        SwitchLog log = new SwitchLog(0);
        log.forked(10, 10, 11, 10, 100);
        log.switched(10, 11, 150, 1, false, false); // on CPU 1
        log.switched(10, 11, 300, 1, true, true);   // preempted
        log.switched(10, 11, 400, 0, false, false); // on CPU 0 until it exits
        log.exited(10, 11, 900);
        // The last sweep, at 200, had seen 50 ns of running: the 500 ns after it are in the records only.
        List<ThreadSample> samples = List.of(
                new ThreadSample(120, 10, 11, "loop", 'R', 1, 0, 20, 0, WaitKind.NONE),
                new ThreadSample(200, 10, 11, "loop", 'R', 1, 50, 20, 1, WaitKind.NONE));
        Trace t = build(samples, log, 1_000);
        assertEquals(150 + 500, cpu(t));
        assertEquals(cpu(t), t.cpuNanos(), "the run's total is its threads'");
    }

    @Test
    void aThreadThatRanBeforeTheRecordsBeganKeepsTheSampledTotal() {
        SwitchLog log = new SwitchLog(0);
        log.switched(10, 11, 150, 1, false, false);
        log.switched(10, 11, 170, 1, true, false);
        // schedstat counts its running since it started, before the records were opened.
        List<ThreadSample> samples = List.of(
                new ThreadSample(120, 10, 11, "loop", 'S', 1, 400, 0, 3, WaitKind.TIMER),
                new ThreadSample(200, 10, 11, "loop", 'S', 1, 420, 0, 4, WaitKind.TIMER));
        assertEquals(420, cpu(build(samples, log, 1_000)));
    }
}

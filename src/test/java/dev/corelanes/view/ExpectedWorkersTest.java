package dev.corelanes.view;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker names a window draws lanes for before a run starts are the names the Java backends give their
 * workers: a lane named wrong would stay empty beside a second lane for the real worker.
 */
class ExpectedWorkersTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"SEQUENTIAL", "THREADS", "VIRTUAL", "POOL"})
    void theThreadBackendsNameTheirWorkersSo(ExecutionMode mode) throws Exception {
        ExperimentSpec spec = new ExperimentSpec(mode, TaskKind.SLEEP, 3, 0.05, mode.pooled() ? 2 : 1, false);
        Trace t = Runs.run(spec, MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        Set<String> seen = t.spans().stream().map(Span::worker).collect(Collectors.toSet());
        List<String> expected = WorkerNames.all(spec);
        assertTrue(expected.containsAll(seen), "expected " + expected + ", the run named " + seen);

        // Lanes made for the expected names before the run hold its spans: no lane more.
        TimelineModel m = new TimelineModel(spec, MACHINE, null);
        m.expect(expected);
        m.addAll(t.spans());
        assertEquals(expected.size(), m.workerCount());
        for (int i = 1; i <= expected.size(); i++) {
            assertEquals(expected.get(i - 1), m.workerName(i));
        }
    }
}

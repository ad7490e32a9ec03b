package dev.corelanes.engine.process;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.runners.Runs;
import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Workers get the parent's JNA search path, so JNA in the child does not start ldconfig, and still works. */
class JnaSearchPathTest {

    @Test
    void aWorkerIsStartedWithTheParentsJnaSearchPathAsAJvmOption() {
        assumeTrue(Host.coreProbe().available(), "no per-core probe (JNA) on this OS");
        String parent = System.getProperty(WorkerCommand.JNA_SEARCH_PATH);
        assumeTrue(parent != null, "JNA keeps no search path on this OS (it runs ldconfig on Linux only)");

        List<String> cmd = WorkerCommand.forThisJvm().builder("W1", List.of()).command();

        int option = cmd.indexOf("-D" + WorkerCommand.JNA_SEARCH_PATH + "=" + parent);
        assertTrue(option > 0, "the parent's path is on the child's command line: " + cmd);
        assertTrue(option < cmd.indexOf(WorkerCommand.WORKER_FLAG), "as a JVM option, before the app's arguments");
    }

    @Test
    void workersGivenThatPathStillReadTheirCore() throws InterruptedException {
        assumeTrue(Host.coreProbe().available(), "no per-core probe (JNA) on this OS");
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2, 0.1, false),
                MachineInfo.fromJvm());

        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(t.spans().stream().filter(s -> s.state() == dev.corelanes.engine.SpanState.RUNNING)
                .allMatch(Span::hasCore), "every running span of a worker knows its core");
    }
}

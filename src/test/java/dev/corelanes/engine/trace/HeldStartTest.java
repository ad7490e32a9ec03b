package dev.corelanes.engine.trace;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A traced program is seen before it runs any code of its own (issue 28 item 3): it starts held stopped, the
 * sampler's first sweep sees it so, and only then is it let go.
 */
@Timeout(60)
class HeldStartTest {

    @Test
    void theFirstSweepSeesTheProgramHeldThenItRunsAsItself() throws Exception {
        Needs.proc();
        ProgramTrace t = ProgramTrace.run(List.of("sleep", "0.3"));
        ProgramTrace.Result r = t.await(MachineInfo.fromJvm());
        assertEquals(0, r.exitCode());
        Sampling s = r.sampling();
        List<ThreadSample> root = s.threads().get(t.pid());
        ThreadSample first = root.get(0);
        assertEquals('T', first.state(), "stopped when first seen: " + first);
        assertTrue(first.nanos() >= s.sweeps().get(0) && (s.sweeps().size() < 2 || first.nanos() < s.sweeps().get(1)),
                "read by the very first sweep: " + first.nanos() + " in " + s.sweeps());
        assertTrue(t.releasedNanos() >= first.nanos(), "let go after it was seen: " + t.releasedNanos());
        assertEquals("sleep", root.get(root.size() - 1).comm(), "then it became the program");
        ProcessSeen p = s.processes().get(0);
        assertEquals("sleep", p.comm());
        assertEquals("sleep 0.3", p.command(), "the program's command, not the holding shell's");
        assertTrue(r.trace().workers().stream().allMatch(w -> w.tid() == t.pid()), r.trace().workers().toString());
    }

    @Test
    void aCommandThatCannotRunIsNotHeldAndSaysWhy() {
        Needs.proc();
        TraceException e = org.junit.jupiter.api.Assertions.assertThrows(TraceException.class,
                () -> ProgramTrace.run(List.of("/nonexistent/program")));
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
    }
}

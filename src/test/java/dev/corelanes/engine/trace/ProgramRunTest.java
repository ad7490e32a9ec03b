package dev.corelanes.engine.trace;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A user's program as a window run: live spans, its output, its exit, Cancel of its whole tree. Linux. */
class ProgramRunTest {

    @TempDir
    Path dir;

    @BeforeEach
    void linux() {
        assumeTrue(ProgramTrace.unavailableReason().isEmpty(), ProgramTrace.unavailableReason());
        Needs.tool("python3");
    }

    /** Counts the spans heard while the run had not ended yet, and every thread heard of. */
    private static final class Heard implements TraceListener {
        final AtomicReference<RunHandle> handle = new AtomicReference<>();
        final AtomicInteger whileRunning = new AtomicInteger();
        final Set<String> workers = ConcurrentHashMap.newKeySet();

        @Override
        public void onSpan(Span span) {
            RunHandle h = handle.get();
            if (h != null && !h.isDone()) {
                whileRunning.incrementAndGet();
            }
            workers.add(span.worker());
        }
    }

    @Test
    void aPythonProgramsThreadsArriveWhileItRunsAndItsOutputIsKept() throws Exception {
        Path script = Files.writeString(dir.resolve("two.py"), """
                import threading, sys
                def spin():
                    x = 0
                    for i in range(4_000_000):
                        x += i
                ts = [threading.Thread(target=spin) for _ in range(2)]
                for t in ts: t.start()
                for t in ts: t.join()
                print("done on stdout")
                print("a word on stderr", file=sys.stderr)
                """);
        Heard heard = new Heard(); // python3 on the PATH: a wrapper's shells (pyenv's shim) are threads of the run too
        ProgramRun run = ProgramRun.start(ProgramCommand.fromLine(script.toString(), () -> "python3",
                ProgramCommand.thisJava(), dir), MachineInfo.fromJvm(), heard);
        heard.handle.set(run.handle());
        assertTrue(run.handle().started());
        Trace t = run.handle().await(120, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(heard.whileRunning.get() > 0, "spans were handed over while the program ran");
        assertTrue(t.tasks().size() >= 3, "the main thread and two more: " + t.tasks());
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.RUNNING && s.hasCore()));
        Set<String> liveTids = new java.util.HashSet<>();
        heard.workers.forEach(w -> liveTids.add(w.substring(w.lastIndexOf('['))));
        // Every thread with something to draw (a wrapper's shell seen once, idle, has none) was on the live lanes.
        Set<Long> drawn = new java.util.HashSet<>();
        for (Span s : t.spans()) {
            t.workers().stream().filter(w -> w.name().equals(s.worker())).forEach(w -> drawn.add(w.tid()));
        }
        assertTrue(drawn.size() >= 3, "the main thread and its two threads are drawn: " + drawn);
        assertTrue(drawn.stream().allMatch(tid -> liveTids.contains("[" + tid + "]")),
                "the live lanes knew every thread the run draws: " + heard.workers + " vs " + drawn);
        assertEquals("program", t.runtime().id());
        String out = run.output().text();
        assertTrue(out.contains("done on stdout\n"), out);
        assertTrue(run.output().lines().stream().anyMatch(l -> l.stderr() && l.text().equals("a word on stderr")));
        assertEquals(dir.toRealPath(), run.program().directory().toRealPath());
    }

    @Test
    void aProgramThatEndsWithAnErrorIsAFailedRunWithItsExitCode() throws Exception {
        Needs.shell();
        ProgramRun run = ProgramRun.start(ProgramCommand.parse("sh -c 'echo oops >&2; exit 3'", dir),
                MachineInfo.fromJvm(), new TraceListener() { });
        Trace t = run.handle().await(60, TimeUnit.SECONDS);
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.message().contains("exit code 3"), t.message());
        assertTrue(run.output().text().contains("oops"));
    }

    @Test
    void cancelStopsTheWholeTreeAndIsTheOnlyCancelled() throws Exception {
        Needs.shell();
        ProgramRun run = ProgramRun.start(ProgramCommand.parse("sh -c 'sleep 300 & sleep 300 & wait'", dir),
                MachineInfo.fromJvm(), new TraceListener() { });
        ProcessHandle root = ProcessHandle.of(run.pid()).orElseThrow();
        List<ProcessHandle> sleeps = List.of();
        for (int i = 0; i < 3000 && sleeps.size() < 2; i++) {
            sleeps = root.descendants().filter(h -> h.info().command().orElse("").endsWith("sleep")).toList();
            Thread.sleep(20);
        }
        assertEquals(2, sleeps.size(), "both sleeps started");
        run.handle().cancel();
        Trace t = run.handle().await(60, TimeUnit.SECONDS);
        assertEquals(TaskStatus.CANCELLED, t.status());
        for (ProcessHandle h : sleeps) {
            for (int i = 0; i < 500 && h.isAlive(); i++) {
                Thread.sleep(20);
            }
            assertTrue(!h.isAlive(), "pid " + h.pid() + " outlived the cancel");
        }
        assertTrue(!root.isAlive());
    }

    @Test
    void aProgramThatCannotStartSaysWhyInOneLine() throws Exception {
        TraceException missing = assertThrows(TraceException.class, () -> ProgramRun.start(
                ProgramCommand.parse("no-such-program-corelanes arg", dir), MachineInfo.fromJvm(), new TraceListener() { }));
        assertEquals("Cannot start no-such-program-corelanes: No such file or directory.", missing.getMessage());
        Path script = Files.writeString(dir.resolve("notexec.sh"), "echo hi\n");
        TraceException denied = assertThrows(TraceException.class, () -> ProgramRun.start(
                ProgramCommand.parse(script.toString(), dir), MachineInfo.fromJvm(), new TraceListener() { }));
        assertTrue(denied.getMessage().contains("Permission denied"), denied.getMessage());
        assertTrue(!denied.getMessage().contains("\n"));
    }
}

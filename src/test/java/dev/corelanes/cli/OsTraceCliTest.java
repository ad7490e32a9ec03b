package dev.corelanes.cli;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.child.Children;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.mac.MacThreadInfo;
import dev.corelanes.engine.platform.windows.SystemProcessInformation;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.engine.trace.TraceHost;
import dev.corelanes.fixtures.FakeThreadTables;
import dev.corelanes.fixtures.FakeThreadTables.P;
import dev.corelanes.fixtures.FakeThreadTables.Step;
import dev.corelanes.fixtures.FakeThreadTables.T;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code corelanes trace} as it runs on Windows and macOS, simulated on Linux: the program is a real one started
 * here, its threads are read from a fake thread table that replays a script through the real struct parsers
 * ({@link FakeThreadTables}), and everything after — the sampler on its own thread, the spans, the summary, the run
 * file and the PNG — is the real path. The sampler's sweeps come when the machine lets them, so the assertions are
 * about which states appear and what is said, never about how long anything took.
 */
@Timeout(120)
class OsTraceCliTest {

    @TempDir
    Path dir;

    /** A program whose main thread runs, a thread that is Ready (no CPU), one in Sleep, and a child that runs. */
    private static List<Step> windowsScript() {
        return List.of(new Step(1, List.of(new P(0, -1, "python.exe", List.of(
                new T(1, SystemProcessInformation.RUNNING, 0, 1, ""),
                new T(2, SystemProcessInformation.READY, 0, 0, ""),
                new T(3, SystemProcessInformation.WAITING, SystemProcessInformation.DELAY_EXECUTION, 0, ""))),
                new P(1, 0, "worker.exe", List.of(new T(4, SystemProcessInformation.RUNNING, 0, 1, ""))))));
    }

    @Test
    void onWindowsTraceRunsAndSaysPlainlyThatTheCpuIsNotKnown() throws Exception {
        Needs.shell();
        FakeThreadTables.Fake windows = FakeThreadTables.windows(windowsScript(), System::nanoTime);
        Path json = dir.resolve("run.json");
        Path png = dir.resolve("lanes.png");
        CliTest.Result r;
        try (AutoCloseable host = TraceHost.use(new TraceHost(Os.WINDOWS, () -> windows))) {
            r = CliTest.cli("trace", "--json", json.toString(), "--png", png.toString(), "--", "sleep", "0.3");
        }
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Per core   Windows does not tell which CPU another process's thread ran on: "
                + "threads are drawn by state, not on core lanes."), r.out());
        assertTrue(r.out().contains("the OS's user + kernel time per thread"), r.out());
        assertFalse(r.out().contains("held stopped"), "only Linux's /proc shows a held program stopped: " + r.out());
        assertTrue(windows.readings() > 1, "the sampler read the table sweep after sweep");

        Trace t = RunFile.read(json);
        assertEquals(4, t.workers().size(), t.workers().toString());
        assertTrue(t.spans().stream().noneMatch(Span::hasCore), "no CPU is made up");
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.RUNNING), "its running thread ran");
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.PREEMPTED), "Ready: waiting for a CPU");
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.SLEEPING
                && s.waitKind() == WaitKind.TIMER), "DelayExecution: asleep on a timer");
        assertTrue(t.workers().stream().anyMatch(w -> w.name().startsWith("worker.exe [")), "the child was found");
        assertNotNull(ImageIO.read(png.toFile()), "the slide was drawn");
    }

    @Test
    void onMacosAttachingSaysRunningIncludesRunnable() throws Exception {
        Needs.shell();
        FakeThreadTables.Fake mac = FakeThreadTables.mac(List.of(new Step(1, List.of(new P(0, -1, "python3", List.of(
                new T(1, MacThreadInfo.TH_STATE_RUNNING, 0, 0.5, "main"),
                new T(2, MacThreadInfo.TH_STATE_WAITING, 0, 0, "waiter")))))), System::nanoTime);
        Process p = Children.start(new ProcessBuilder("sleep", "0.5").redirectOutput(ProcessBuilder.Redirect.DISCARD));
        CliTest.Result r;
        try (AutoCloseable host = TraceHost.use(new TraceHost(Os.MAC, () -> mac))) {
            r = CliTest.cli("trace", "--pid", Long.toString(p.pid()), "--json", dir.resolve("mac.json").toString());
        } finally {
            Children.killTree(p);
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Per core   macOS does not tell which CPU another process's thread ran on"),
                r.out());
        assertTrue(r.out().contains("'running' includes runnable"), r.out());
        Trace t = RunFile.read(dir.resolve("mac.json"));
        assertEquals(List.of("main [1]", "waiter [2]"), t.workers().stream().map(w -> w.name()).toList());
        assertTrue(t.spans().stream().noneMatch(Span::hasCore));
    }

    @Test
    void anotherSystemIsRefusedInOneLine() throws Exception {
        CliTest.Result r;
        try (AutoCloseable host = TraceHost.use(new TraceHost(Os.OTHER, () -> null))) {
            assertFalse(ProgramTrace.unavailableReason().isEmpty());
            r = CliTest.cli("trace", "--", "true");
        }
        assertEquals(Cli.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("corelanes trace needs Linux, macOS or Windows"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void macosAndWindowsAreNoLongerRefused() throws Exception {
        for (Os os : List.of(Os.MAC, Os.WINDOWS)) {
            FakeThreadTables.Fake table = FakeThreadTables.windows(windowsScript(), System::nanoTime);
            try (AutoCloseable host = TraceHost.use(new TraceHost(os, () -> table))) {
                assertEquals("", ProgramTrace.unavailableReason(), os.name());
                assertFalse(ProgramTrace.platformNote().isEmpty(), os.name());
            }
        }
        try (AutoCloseable host = TraceHost.use(new TraceHost(Os.LINUX, () -> null))) {
            assertEquals("", ProgramTrace.platformNote(), "Linux tells every thread's CPU: nothing to say");
        }
    }
}

package dev.corelanes.engine.child;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real children through the one lifecycle: a read never blocks past its deadline, whatever holds the pipe; the
 * whole tree goes, a re-parented grandchild too; a stopped child is named. Short deadlines are the tests' own
 * (the assertions are about what happened, not how fast).
 */
@Timeout(120) // a hang guard only
class ChildProcessTest {

    private static void needsShellAndProc() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && ProcessTree.procAvailable(),
                "needs /bin/sh and /proc (Linux)");
    }

    private static ChildProcess sh(String script, ChildProcess.Option... options) throws ChildStartException {
        return ChildProcess.start("test", new ProcessBuilder("/bin/sh", "-c", script), 64 * 1024, options);
    }

    /** Gone within 30 s (a hang guard: the kill is at once, the machine may be slow to reap). */
    private static boolean gone(long pid) throws Exception {
        var h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return true;
        }
        try {
            h.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
        return !h.get().isAlive();
    }

    @Test
    void aGrandchildHoldingTheOutputOpenCannotBlockAReadPastItsDeadline() throws Exception {
        needsShellAndProc();
        // The shell's background sleep inherits its stdout: the pipe stays open, silent, after the shell is gone.
        ChildProcess c = sh("sleep 600 & echo $!; sleep 1; exit 0", ChildProcess.Option.OWN_SESSION);
        long sleeper = Long.parseLong(c.readLine(ChildProcess.deadlineIn(30_000)).text().strip());
        // The reader thread now blocks in the stream, holding its lock; the caller's read still returns.
        ChildReadException e = assertThrows(ChildReadException.class, () -> c.readLine(ChildProcess.deadlineIn(300)));
        assertEquals(ChildReadException.Kind.DEADLINE, e.kind());
        c.process().waitFor(30, TimeUnit.SECONDS);
        assertThrows(ChildReadException.class, () -> c.readLine(ChildProcess.deadlineIn(300)));
        c.close();
        assertTrue(gone(sleeper), "the grandchild " + sleeper + " outlived its parent");
    }

    @Test
    void theWholeSessionGoesEvenWhenTheMiddleOfTheTreeDiedFirst() throws Exception {
        needsShellAndProc();
        Assumptions.assumeTrue(ChildProcess.setsid() != null, "needs util-linux setsid");
        // The inner shell starts a sleep and exits: the sleep is re-parented (parent 1), no longer a descendant.
        ChildProcess c = sh("sh -c 'sleep 600 & echo $!'; exec sleep 600", ChildProcess.Option.OWN_SESSION);
        long orphan = Long.parseLong(c.readLine(ChildProcess.deadlineIn(30_000)).text().strip());
        // The inner shell echoes before it exits: on a busy machine it is still there for a moment.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.current().descendants().anyMatch(h -> h.pid() == orphan) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.current().descendants().anyMatch(h -> h.pid() == orphan),
                "the setup re-parented the sleep");
        c.kill();
        assertTrue(gone(orphan), "the re-parented grandchild " + orphan + " was left behind");
        assertTrue(gone(c.pid()));
        c.close();
    }

    @Test
    void aChildStoppedBySignalIsNamedAndStillKilled() throws Exception {
        needsShellAndProc();
        ChildProcess c = sh("echo ready; exec sleep 600");
        assertEquals("ready", c.readLine(ChildProcess.deadlineIn(30_000)).text());
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(c.pid())).start().waitFor());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (c.stoppedProcesses().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20); // the signal is delivered asynchronously
        }
        assertEquals(List.of(c.pid()), c.stoppedProcesses());
        c.close();
        assertTrue(gone(c.pid()));
        assertEquals("killed by SIGKILL", c.exitDescription());
    }

    @Test
    void aProgramRunToItsEndGivesWhatItSaidAndItsExitCode() throws Exception {
        needsShellAndProc();
        ChildProcess.Finished f = ChildProcess.runToEnd("test", new ProcessBuilder("/bin/sh", "-c",
                "echo one; echo two >&2; exit 3"), 1024, 30_000, ChildProcess.Option.MERGE_STDERR);
        assertEquals("one\ntwo\n", f.output());
        assertEquals(3, f.exitCode());
    }

    @Test
    void aProgramThatDoesNotEndIsKilledAtItsDeadlineWithItsChildren() throws Exception {
        needsShellAndProc();
        Path pidFile = Files.createTempFile("corelanes-child", ".pid");
        try {
            ChildReadException e = assertThrows(ChildReadException.class, () -> ChildProcess.runToEnd("test",
                    new ProcessBuilder("/bin/sh", "-c", "sleep 600 & echo $! > " + pidFile + "; wait"), 1024, 500,
                    ChildProcess.Option.OWN_SESSION));
            assertEquals(ChildReadException.Kind.DEADLINE, e.kind());
            String pid = Files.readString(pidFile).strip();
            assertTrue(pid.isEmpty() || gone(Long.parseLong(pid)), "sleep " + pid + " left behind");
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }

    @Test
    void aProgramThatCannotStartSaysWhyInOneLine() {
        ChildStartException e = assertThrows(ChildStartException.class, () -> ChildProcess.start("test",
                new ProcessBuilder("/nonexistent/python3"), 1024));
        assertEquals("Cannot start /nonexistent/python3: No such file or directory.", e.getMessage());
        assertFalse(e.refused());
    }

    @Test
    void theSystemsReasonIsTakenFromEitherJdkWording() {
        assertEquals("No such file or directory", ChildProcess.systemReason(
                "Cannot run program \"x\": error=2, No such file or directory"));
        assertEquals("Permission denied", ChildProcess.systemReason(
                "Cannot run program \"x\": Exec failed, error: 13 (Permission denied) "));
        assertEquals("Too many open files", ChildProcess.systemReason(
                "Cannot run program \"x\": error=24, Too many open files\nPossible reasons:\n  1. ..."));
    }
}

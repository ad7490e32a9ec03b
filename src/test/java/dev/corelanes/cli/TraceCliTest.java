package dev.corelanes.cli;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.child.Children;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.trace.linux.ProcReader;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code corelanes trace} on real programs: a shell with two busy loops and a sleep, Python threads, a child started
 * later, attaching by pid, bad input, and Ctrl+C or a killed CoreLanes leaving nothing behind. Nothing here depends
 * on how fast the machine is or how busy: the assertions are about what ran where, never about how long it took.
 */
@Timeout(180)
class TraceCliTest {

    @TempDir
    Path dir;

    @BeforeEach
    void linux() {
        Needs.proc();
        Needs.shell();
    }

    private Trace traced(Path json, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("trace", "--json", json.toString(), "--"));
        args.addAll(List.of(command));
        CliTest.Result r = CliTest.cli(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Sampler    every"), r.out());
        return RunFile.read(json);
    }

    private static List<WorkerInfo> named(Trace t, String comm) {
        return t.workers().stream().filter(w -> w.name().startsWith(comm + " [")).toList();
    }

    private static long running(Trace t, WorkerInfo w) {
        return t.spans().stream().filter(s -> s.worker().equals(w.name()) && s.state() == SpanState.RUNNING)
                .mapToLong(Span::durationNanos).sum();
    }

    /** Alive and not a zombie (an orphan whose reaper does not reap, as pid 1 in some containers, stays one). */
    private static boolean alive(long pid) {
        ProcReader.Stat s = ProcReader.system().processStat((int) pid);
        return s != null && !s.ended();
    }

    /**
     * Still alive once it has had its chance to die: a process killed a moment ago ends when the kernel next runs
     * it, which on a machine whose cores are busy can come a little after the trace returned (seen in a full
     * build with the load at 8 on 2 CPUs).
     */
    private static boolean outlives(long pid) throws InterruptedException {
        for (int i = 0; i < 250 && alive(pid); i++) {
            Thread.sleep(20);
        }
        return alive(pid);
    }

    @Test
    void twoBusyLoopsAndASleepEachAreAProcessOnTheLanes() throws Exception {
        Path json = dir.resolve("run.json");
        Trace t = traced(json, "sh", "-c", "yes >/dev/null & a=$!; yes >/dev/null & b=$!; sleep 1; kill $a $b");
        assertEquals(ExecutionMode.TRACED, t.spec().mode());
        assertTrue(t.runtime().program());
        List<WorkerInfo> yes = named(t, "yes");
        assertEquals(2, yes.size(), t.workers().toString());
        assertEquals(1, named(t, "sleep").size(), t.workers().toString());
        assertEquals(1, named(t, "sh").size(), t.workers().toString());
        Set<Long> pids = t.workers().stream().map(WorkerInfo::pid).collect(Collectors.toSet());
        assertEquals(4, pids.size(), "each is a process of its own: " + t.workers());
        for (WorkerInfo w : yes) {
            assertEquals(w.pid(), w.tid(), "a single-threaded process: its thread id is its process id");
            assertTrue(running(t, w) > 0, w + " ran on a CPU");
            assertTrue(t.spans().stream().anyMatch(s -> s.worker().equals(w.name()) && s.hasCore()));
            assertFalse(outlives(w.pid()), "nothing outlives the trace: " + w);
        }
        // The busy loops used more CPU than the sleep, by the kernel's own count.
        long sleepCpu = t.tasks().stream().filter(r -> r.worker().startsWith("sleep [")).findFirst().orElseThrow().cpuNanos();
        for (var task : t.tasks()) {
            if (task.worker().startsWith("yes [")) {
                assertTrue(task.cpuNanos() > sleepCpu, task + " vs sleep's " + sleepCpu);
            }
        }
        assertTrue(t.conditions().originKnown() && t.conditions().samplerKnown(), t.conditions().toString());
    }

    @Test
    void pythonThreadsAreThreadsOfOneProcess() throws Exception {
        Needs.tool("python3");
        Path script = dir.resolve("threads.py");
        Files.writeString(script, """
                import threading, time
                def spin():
                    x = 0
                    end = time.time() + 0.6
                    while time.time() < end:
                        x += 1
                def nap():
                    time.sleep(0.6)
                ts = [threading.Thread(target=spin), threading.Thread(target=spin), threading.Thread(target=nap)]
                for t in ts: t.start()
                for t in ts: t.join()
                """);
        Trace t = traced(dir.resolve("py.json"), "python3", script.toString());
        // The interpreter's process (python3 may be a wrapper script that execs it: the process is the one with the
        // most threads) holds the main thread and the three it started.
        var byPid = t.workers().stream().collect(Collectors.groupingBy(WorkerInfo::pid));
        List<WorkerInfo> interpreter = byPid.values().stream().max((a, b) -> a.size() - b.size()).orElseThrow();
        assertTrue(interpreter.size() >= 4, "main + 3 threads in one process: " + t.workers());
        long spinners = interpreter.stream().filter(w -> running(t, w) > 0).count();
        assertTrue(spinners >= 2, "the two spinning threads ran: " + t.workers());
        assertTrue(interpreter.stream().allMatch(w -> w.tid() > 0));
    }

    @Test
    void aChildStartedLaterIsFoundAndItsEndIsSeen() throws Exception {
        Trace t = traced(dir.resolve("later.json"), "sh", "-c",
                "sleep 0.4; yes >/dev/null & p=$!; sleep 0.5; kill $p; wait $p; sleep 0.3");
        WorkerInfo yes = named(t, "yes").get(0);
        var task = t.tasks().stream().filter(r -> r.worker().equals(yes.name())).findFirst().orElseThrow();
        var sh = t.tasks().stream().filter(r -> r.worker().startsWith("sh [")).findFirst().orElseThrow();
        assertTrue(task.startNanos() > sh.startNanos(), "the child starts after its parent: " + task + " " + sh);
        assertTrue(task.endNanos() < sh.endNanos(), "and ends before it: " + task + " " + sh);
        assertTrue(running(t, yes) > 0);

        // Its slide says what it is once, and its CPU as the program's threads' (nothing was asked of it).
        String title = dev.corelanes.view.Slide.title(List.of(dev.corelanes.view.Slide.Run.of(t)));
        assertTrue(title.startsWith("traced program · ") && title.contains(" · sh -c ")
                && !title.contains("· traced ·"), title);
        String cpu = dev.corelanes.engine.FigureText.cpuShort(dev.corelanes.engine.RunFigures.of(t));
        assertTrue(cpu.endsWith("(all the program's threads)") && !cpu.contains("runtime"), cpu);
    }

    @Test
    void attachingByPidTracesARunningProgramAndLeavesItRunning() throws Exception {
        Process p = Children.start(new ProcessBuilder("sh", "-c", "yes >/dev/null & y=$!; sleep 1.5; kill $y")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        try {
            Path json = dir.resolve("attach.json");
            CliTest.Result r = CliTest.cli("trace", "--pid", Long.toString(p.pid()), "--json", json.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            Trace t = RunFile.read(json);
            assertTrue(t.workers().stream().anyMatch(w -> w.pid() == p.pid()), t.workers().toString());
            WorkerInfo yes = named(t, "yes").get(0);
            assertTrue(running(t, yes) > 0, "the busy child of the process attached to ran: " + t.workers());
            assertFalse(r.out().contains("Exit "), "a process not ours has no exit code to show: " + r.out());
        } finally {
            Children.killTree(p);
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badInputIsOneLineAndNotZero() throws Exception {
        CliTest.Result none = CliTest.cli("trace");
        assertEquals(Cli.BAD_INPUT, none.code());
        assertTrue(none.err().contains("no command to trace"), none.err());

        CliTest.Result missing = CliTest.cli("trace", "--", "no-such-program-corelanes-28");
        assertEquals(Cli.BAD_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().contains("no-such-program-corelanes-28"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        CliTest.Result noPid = CliTest.cli("trace", "--pid", Long.toString(gone.pid()));
        assertEquals(Cli.BAD_INPUT, noPid.code());
        assertTrue(noPid.err().contains("no process " + gone.pid()), noPid.err());

        CliTest.Result both = CliTest.cli("trace", "--pid", "1", "--", "true");
        assertEquals(Cli.BAD_INPUT, both.code());
        assertFalse(both.err().contains("Exception"), both.err());
    }

    @Test
    void theExitCodeIsTheProgramsAndItsRunIsStillWritten() throws Exception {
        Path json = dir.resolve("exit.json");
        CliTest.Result r = CliTest.cli("trace", "--json", json.toString(), "--", "sh", "-c", "sleep 0.2; exit 3");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(RunFile.read(json).message().contains("exit code 3"));
    }

    // ------------------------------------------------------------------ the CLI as its own process: signals

    private Process cliProcess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", "import os, signal, sys; "
                        + "signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    /** The pids of {@code root}'s tree whose command line contains {@code marker}, once they are there. */
    private static List<Long> awaitDescendants(Process root, String marker) throws InterruptedException {
        for (int i = 0; i < 3000 && root.isAlive(); i++) {
            // The yes loop itself: a wrapper on the way (pyenv's python3 shim runs children with the same arguments)
            // has the marker in its command line too.
            List<Long> found = root.descendants().filter(h -> h.info().command().orElse("").endsWith("/yes")
                            && h.info().commandLine().orElse("").contains(marker))
                    .map(ProcessHandle::pid).toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + marker + " under the CLI");
    }

    /** Waits until the CLI's sampler thread runs (Linux names a thread after its Java name, cut to 15 bytes). */
    private static void awaitSampler(Process cli) throws Exception {
        Path tasks = Path.of("/proc", Long.toString(cli.pid()), "task");
        for (int i = 0; i < 3000 && cli.isAlive(); i++) {
            try (var s = Files.list(tasks)) {
                if (s.anyMatch(t -> comm(t).equals("corelanes-trace"))) {
                    return;
                }
            } catch (IOException e) {
                // the process is going
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the CLI never started sampling");
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(" + name + " unreadable)";
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void awaitGone(List<Long> pids) throws InterruptedException {
        for (int i = 0; i < 1500 && pids.stream().anyMatch(TraceCliTest::alive); i++) {
            Thread.sleep(20);
        }
        assertTrue(pids.stream().noneMatch(TraceCliTest::alive), "left running: " + pids);
    }

    @Test
    void ctrlCKillsTheWholeTreeAndWritesTheRun() throws Exception {
        Needs.tool("python3");
        Needs.posixSignals();
        Path json = dir.resolve("ctrlc.json");
        Process cli = cliProcess("trace", "--json", json.toString(), "--", "sh", "-c",
                "yes corelanes-28-ctrlc >/dev/null & sleep 60");
        List<Long> loops = awaitDescendants(cli, "corelanes-28-ctrlc");
        awaitSampler(cli);
        new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();
        assertTrue(cli.waitFor(120, TimeUnit.SECONDS));
        assertEquals(Cli.INTERRUPTED, cli.exitValue(), Files.readString(dir.resolve("stderr.txt")));
        awaitGone(loops);
        assertTrue(Files.isRegularFile(json), () -> "no run file; the CLI said: " + read("stdout.txt") + read("stderr.txt"));
        Trace t = RunFile.read(json);
        assertEquals(dev.corelanes.engine.TaskStatus.CANCELLED, t.status());
        assertFalse(named(t, "yes").isEmpty(), t.workers().toString());
    }

    @Test
    void aKilledCoreLanesLeavesNoTracedProgramBehind() throws Exception {
        Needs.tool("python3");
        Needs.posixSignals();
        Process cli = cliProcess("trace", "--", "sh", "-c", "yes corelanes-28-kill >/dev/null & sleep 60");
        List<Long> loops = awaitDescendants(cli, "corelanes-28-kill");
        awaitSampler(cli); // the trace is under way: the program is watched
        cli.destroyForcibly(); // SIGKILL: no shutdown hook runs; the watchdog's pipe closes
        cli.waitFor(60, TimeUnit.SECONDS);
        awaitGone(loops);
    }
}

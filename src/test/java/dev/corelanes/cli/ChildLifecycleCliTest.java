package dev.corelanes.cli;

import dev.corelanes.engine.child.TaskDeadlines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line in a child JVM, as a user meets the child-process faults of issue 24: an interpreter wrapper
 * whose child never answers, the user's Python environment, a relative interpreter path, and the job suspended
 * with Ctrl-Z. Each ends with the right status and leaves nothing behind.
 */
@Timeout(180) // a hang guard only
class ChildLifecycleCliTest {

    @TempDir
    Path dir;

    private record Ended(int code, String out, String err) {
    }

    private ProcessBuilder cli(Map<String, String> env, List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED")); // as the jar's manifest allows: no JDK warning on stderr
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb;
    }

    private Ended await(Process p) throws Exception {
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "the CLI ended");
        return new Ended(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private static String python3() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            String exe = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Assumptions.assumeTrue(p.waitFor() == 0 && !exe.isEmpty(), "needs python3 on the PATH");
            return exe;
        } catch (IOException | InterruptedException e) {
            return Assumptions.abort("needs python3 on the PATH: " + e);
        }
    }

    private static void needsShellAndProc() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isDirectory(Path.of("/proc")),
                "needs /bin/sh and /proc");
    }

    /** From /proc: ProcessHandle's command line is cut at a page, before a worker's {@code --worker}. */
    private static String fullCommandLine(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean goneWithin30s(long pid) throws Exception {
        var h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return true;
        }
        try {
            h.get().onExit().get(30, TimeUnit.SECONDS); // a hang guard, not a speed limit
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Test
    void aWrapperWhoseChildNeverAnswersIsOneLineAndLeavesNoGrandchild() throws Exception {
        needsShellAndProc();
        Path pid = dir.resolve("child.pid");
        Path wrapper = dir.resolve("python3");
        Files.writeString(wrapper, "#!/bin/sh\nsleep 600 & echo $! > '" + pid + "'; wait\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        Ended e = await(cli(Map.of(), List.of(), "run", "--runtime", "python=" + wrapper, "--mode", "threads",
                "--kind", "sleep", "--tasks", "2", "--seconds", "0.1").start());
        assertEquals(Cli.BAD_INPUT, e.code(), e.err());
        assertEquals("corelanes: " + wrapper + " did not answer within 10 s.\n", e.err());
        assertTrue(goneWithin30s(Long.parseLong(Files.readString(pid).strip())), "the wrapper's child was left behind");
    }

    @Test
    void theUsersPythonEnvironmentDoesNotReachTheRun() throws Exception {
        String python = python3();
        Path site = Files.createDirectories(dir.resolve("site"));
        // A sitecustomize that prints would break the protocol; a wrong PYTHONHOME would stop the interpreter.
        Files.writeString(site.resolve("sitecustomize.py"), "print('hello from sitecustomize')\n");
        Ended e = await(cli(Map.of("PYTHONPATH", site.toString(), "PYTHONHOME", dir.resolve("nowhere").toString()),
                List.of(), "run", "--runtime", "python=" + python, "--mode", "threads", "--kind", "sleep", "--tasks", "2",
                "--seconds", "0.05").start());
        assertEquals(Cli.OK, e.code(), e.out() + e.err());
        assertTrue(e.out().contains("Status     completed"), e.out());
    }

    @Test
    void aRelativeInterpreterPathWithASpaceRunsFromTheFolderItWasGivenIn() throws Exception {
        String python = python3();
        Path venv = Files.createDirectories(dir.resolve("my venv").resolve("bin"));
        Files.createSymbolicLink(venv.resolve("python3"), Path.of(python));
        Ended e = await(cli(Map.of(), List.of(), "run", "--runtime", "python=./my venv/bin/python3", "--mode",
                "processes", "--kind", "sleep", "--tasks", "2", "--seconds", "0.05").start());
        assertEquals(Cli.OK, e.code(), e.out() + e.err());
        assertTrue(e.out().contains("Status     completed"), e.out());
    }

    /**
     * Ctrl-Z then fg: the whole job (the CLI and its workers, one process group) is stopped for longer than a
     * task's deadline, then continued. The deadline counts the time the job ran, so the run completes. (Deadlines
     * are shortened to 4 × 1 s + 1 s through {@link TaskDeadlines#PROPERTY}; the job is stopped for 8 s.)
     */
    @Test
    void aJobSuspendedWithCtrlZDoesNotMissItsDeadlines() throws Exception {
        needsShellAndProc();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs util-linux setsid");
        ProcessBuilder pb = cli(Map.of(), List.of("-D" + TaskDeadlines.PROPERTY + "=30000,4,3000"), "run", "--mode",
                "processes", "--kind", "compute", "--tasks", "2", "--seconds", "1");
        List<String> cmd = new ArrayList<>(pb.command());
        cmd.add(0, "/usr/bin/setsid"); // a job of its own, as a shell would make it
        Process p = pb.command(cmd).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.descendants().filter(h -> fullCommandLine(h).contains("--worker")).count() < 2
                && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // both workers past their hello, in their task
        String group = "-" + p.pid();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", "--", group).start().waitFor());
        Thread.sleep(12_000);
        assertEquals(0, new ProcessBuilder("kill", "-CONT", "--", group).start().waitFor());
        Ended e = await(p);
        assertEquals(Cli.OK, e.code(), e.out() + e.err());
        assertTrue(e.out().contains("Status     completed"), e.out());
        assertFalse(e.out().contains("did not finish"), e.out());
    }

    /** A relative XDG_CACHE_HOME is ignored (the XDG spec says so): nothing is made under the working folder. */
    @Test
    void aRelativeCacheVariableMakesNothingInTheWorkingFolder() throws Exception {
        Ended e = await(cli(Map.of("XDG_CACHE_HOME", "relcache"), List.of(), "run", "--mode", "threads", "--kind",
                "compute", "--tasks", "2", "--seconds", "0.05").start());
        assertEquals(Cli.OK, e.code(), e.out() + e.err());
        assertFalse(Files.exists(dir.resolve("relcache")), "JNA made relcache/JNA/temp in the working folder");
    }

    /**
     * No folder where JNA's library could be unpacked and run (the cache variable and the temporary folder are
     * files, not folders): the run still works, with what the JVM alone knows, and no stack trace.
     */
    @Test
    void withNoFolderForNativeCodeTheRunStillWorks() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
        Ended e = await(cli(Map.of("XDG_CACHE_HOME", notAFolder.toString(), "HOME", notAFolder.toString()),
                List.of("-Djava.io.tmpdir=" + notAFolder, "-Duser.home=" + notAFolder), "run", "--mode", "processes",
                "--kind", "compute", "--tasks", "2", "--seconds", "0.05").start());
        assertEquals(Cli.OK, e.code(), e.out() + e.err());
        assertTrue(e.out().contains("Status     completed"), e.out());
        assertFalse(e.err().contains("Exception") || e.err().contains("Error"), e.err());
    }

    /** A cache folder on a noexec file system (found among this machine's mounts, else skipped). */
    @Test
    void aCacheFolderOnANoexecFileSystemStillRuns() throws Exception {
        Path noexec = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 5 && List.of(f[5].split(",")).contains("noexec") && f[5].startsWith("rw")) {
                Path point = Path.of(f[4].replace("\\040", " "));
                if (Files.isDirectory(point) && Files.isWritable(point)) {
                    noexec = point;
                    break;
                }
            }
        }
        Assumptions.assumeTrue(noexec != null, "needs a writable file system mounted noexec (none on this machine)");
        Path cache = Files.createTempDirectory(noexec, "corelanes-test");
        try {
            Ended e = await(cli(Map.of("XDG_CACHE_HOME", cache.toString()), List.of(), "run", "--mode", "threads",
                    "--kind", "compute", "--tasks", "2", "--seconds", "0.05", "--cores", "1").start());
            assertEquals(Cli.OK, e.code(), e.out() + e.err());
            assertFalse(e.err().contains("UnsatisfiedLinkError"), e.err());
        } finally {
            try (var walk = Files.walk(cache)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String tasks(Path json) {
        try {
            return dev.corelanes.engine.files.RunFile.read(json).tasks().stream()
                    .filter(t -> !t.message().startsWith("not started") && t.status() != dev.corelanes.engine.TaskStatus.COMPLETED)
                    .map(t -> t.id() + " " + t.status() + " " + t.message()).toList().toString();
        } catch (Exception x) {
            return x.toString();
        }
    }

    /** ulimit -n too low for the processes asked for: one line naming the limit, nothing else on the terminal. */
    @Test
    void runningOutOfFileDescriptorsIsOneLineNamingTheLimit() throws Exception {
        needsShellAndProc();
        Path json = dir.resolve("fd.json");
        ProcessBuilder pb = cli(Map.of(), List.of(), "run", "--mode", "processes", "--kind", "sleep", "--tasks", "64",
                "--seconds", "0.5", "--json", json.toString());
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -n 200 && exec \"$0\" \"$@\""));
        cmd.addAll(pb.command());
        Ended e = await(pb.command(cmd).start());
        assertEquals(Cli.RUN_FAILED, e.code(), e.out() + e.err());
        assertTrue(e.out().matches("(?s).*\nStatus     failed — started \\d+ of 64 worker processes; the system refused the "
                + "other \\d+: the system refused a new process \\(too many open files\\) \\(ulimit -n allows 200 open "
                + "files for this program; each process takes three pipes\\)( \\(and \\d+ more\\))?\n.*"),
                () -> e.out() + tasks(json));
        assertEquals("", e.err(), "nothing but the summary: no spawn helper lines, no JDK text");
    }

    /**
     * The working folder deleted during a sweep of processes: the workers of the next step start anyway (a worker
     * JVM started in a deleted folder died at once, its stack frames the run's message).
     */
    @Test
    void workersStartEvenWhenTheWorkingFolderWasDeleted() throws Exception {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path csv = dir.resolve("sweep.csv");
        ProcessBuilder pb = cli(Map.of(), List.of(), "sweep", "--mode", "processes", "--kind", "sleep", "--tasks", "2",
                "--seconds", "1", "--max", "2", "--csv", csv.toString()).directory(work.toFile());
        Process p = pb.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(dir.resolve("stderr.txt")).contains("running 1 core") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        Files.delete(work); // during the first step; the second starts its workers after
        Ended e = await(p);
        assertEquals(Cli.OK, e.code(), e.out() + e.err());
        assertEquals(2, Files.readAllLines(csv).stream().filter(l -> l.matches("\\d+,.*")).count());
    }

    /** LANG=C: a file name the locale cannot write is one plain line; "×" and "·" print as "x" and "*", not "?". */
    @Test
    void underLangCMessagesArePlain() throws Exception {
        Map<String, String> c = Map.of("LANG", "C", "LC_ALL", "C");
        Ended bad = await(cli(c, List.of(), "run", "--mode", "threads", "--kind", "sleep", "--tasks", "2", "--seconds",
                "0.05", "--json", "résumé.json").start());
        assertEquals(Cli.BAD_INPUT, bad.code(), bad.err());
        assertTrue(bad.err().contains("is not a file name this system can use (its characters cannot be written in the "
                + "locale's character set"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
        Ended ok = await(cli(c, List.of(), "run", "--mode", "threads", "--kind", "compute", "--tasks", "2", "--seconds",
                "0.05").start());
        assertEquals(Cli.OK, ok.code(), ok.err());
        assertTrue(ok.out().contains("Experiment 2 compute tasks x 0.05 s * threads"), ok.out());
        assertFalse(ok.out().contains("?"), ok.out());
    }

    /**
     * Piped into a reader that stops before the output ends (corelanes … | head -1; here | true, which reads
     * nothing, so every write meets the closed pipe): no complaint about standard output.
     */
    @Test
    void aReaderThatClosesThePipeEarlyGetsNoComplaint() throws Exception {
        needsShellAndProc();
        ProcessBuilder pb = cli(Map.of(), List.of(), "run", "--mode", "threads", "--kind", "sleep", "--tasks", "2",
                "--seconds", "0.05");
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "\"$0\" \"$@\" | true"));
        cmd.addAll(pb.command());
        Ended e = await(pb.command(cmd).start());
        assertEquals("", e.err());
    }

    /** overhead into a file: its progress line (redrawn with \r on a terminal) stays out. */
    @Test
    void overheadWritesNoCarriageReturnsIntoAFile() throws Exception {
        Ended e = await(cli(Map.of(), List.of(), "overhead", "--repetitions", "3").start());
        assertEquals(Cli.OK, e.code(), e.err());
        assertFalse(e.out().contains("\r") || e.err().contains("\r"), "no \\r in redirected output");
    }
}

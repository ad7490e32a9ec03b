package dev.corelanes.cli;

import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line as a user runs it, in a child JVM: Ctrl-C (a real SIGINT) and JVM options injected by
 * the environment. A child started from a script may have SIGINT ignored, and a JVM then installs no
 * handler: the child is started through python3 with SIGINT reset to its default (see STACK.md).
 */
@Timeout(120)
class CliSignalsTest {

    @TempDir
    Path dir;

    private static final String RESET_SIGINT = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
            + "os.execvp(sys.argv[1], sys.argv[1:])";

    private Process start(List<String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", RESET_SIGINT,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        for (int i = 0; i + 1 < env.size(); i += 2) {
            pb.environment().put(env.get(i), env.get(i + 1));
        }
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Waits until the JVM has a thread named {@code name} (Linux names threads after Java threads). */
    private void awaitThread(Process p, String name) throws Exception {
        Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (var s = Files.list(tasks)) {
                if (s.anyMatch(t -> comm(t).equals(name))) {
                    return;
                }
            } catch (IOException e) {
                // the process is going
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no thread " + name + " in the CLI (alive: " + p.isAlive() + "): "
                + Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt")));
    }

    /**
     * The whole command line from /proc: ProcessHandle's is cut at one page, and a worker's class path and
     * JVM options push {@code --worker} past it.
     */
    private static String fullCommandLine(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void sigint(Process p) throws Exception {
        signal(p, "INT");
    }

    private static void signal(Process p, String sig) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    /** Waits until {@code file} (the CLI's stdout or stderr) contains {@code text}. */
    private void awaitText(Process p, String file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.readString(dir.resolve(file)).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + text + "' from the CLI (alive: " + p.isAlive() + "): "
                + Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt")));
    }

    /** A named pipe nobody reads yet: writing to it blocks, as a slow disk or a big output would. */
    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", f.toString()).start().waitFor() == 0, "needs mkfifo");
        return f;
    }

    private List<String> temporaryFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void ctrlCStillWritesTheRunFileAndTheImageWithWhatWasMeasured() throws Exception {
        Needs.proc(); // the CLI's threads are found by name in /proc
        Needs.posixSignals(); // kill -INT stands for Ctrl-C
        Assumptions.assumeTrue(python(), "needs python3");
        Path json = dir.resolve("run.json");
        Path png = dir.resolve("run.png");
        Process p = start(List.of(), "run", "--mode", "threads", "--kind", "sleep", "--tasks", "4", "--seconds", "30",
                "--json", json.toString(), "--png", png.toString());
        awaitThread(p, "T4");
        sigint(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI ended after Ctrl-C");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(Cli.INTERRUPTED, p.exitValue(), err);
        assertTrue(err.contains("corelanes: interrupted (SIGINT) — run cancelled after"), err);
        Trace t = RunFile.read(json);
        assertEquals(TaskStatus.CANCELLED, t.status());
        assertEquals(4, t.tasks().size());
        assertTrue(Files.size(png) > 0, "the image was written");
    }

    @Test
    void ctrlCDuringAProcessRunLeavesNoChildBehind() throws Exception {
        Needs.proc(); // workers are found by their command line in /proc
        Needs.posixSignals(); // kill -INT stands for Ctrl-C
        Assumptions.assumeTrue(python(), "needs python3");
        Process p = start(List.of(), "run", "--mode", "processes", "--kind", "sleep", "--tasks", "2", "--seconds", "30");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<ProcessHandle> children = List.of();
        while (children.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            children = p.descendants().filter(h -> fullCommandLine(h).contains("--worker")).toList();
        }
        awaitThread(p, "corelanes-P2");
        Thread.sleep(300); // both workers past their hello
        sigint(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI ended after Ctrl-C");
        assertEquals(Cli.INTERRUPTED, p.exitValue(), Files.readString(dir.resolve("stderr.txt")));
        for (ProcessHandle c : children) {
            c.onExit().get(30, TimeUnit.SECONDS); // liveness: they go, however long the busy machine takes
            assertFalse(c.isAlive());
        }
    }

    @Test
    void jvmOptionsInTheEnvironmentDoNotReachTheWorkers() throws Exception {
        Assumptions.assumeTrue(python(), "needs python3");
        Process p = start(List.of("_JAVA_OPTIONS", "-Xlog:gc", "JAVA_TOOL_OPTIONS", "-Xlog:gc*:stdout",
                "JDK_JAVA_OPTIONS", "-Xlog:gc"), "run", "--mode", "processes", "--kind", "compute", "--tasks", "2",
                "--seconds", "0.1");
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
        assertEquals(Cli.OK, p.exitValue(), out + Files.readString(dir.resolve("stderr.txt")));
        assertTrue(out.contains("Status     completed"), out);
        assertFalse(out.contains("Spans      0 "), "the workers' spans arrived: " + out);
    }

    /** A run that completed exits 0 whatever happens after it: here a Ctrl-C while its outputs are written. */
    @Test
    void aCompletedRunExitsZeroWhenCtrlCComesWhileItsOutputsAreWritten() throws Exception {
        Assumptions.assumeTrue(python() && Files.isDirectory(Path.of("/proc")), "needs python3 and /proc");
        Path json = dir.resolve("run.json");
        Path events = fifo("events.json");
        Process p = start(List.of(), "run", "--mode", "threads", "--kind", "sleep", "--tasks", "2", "--seconds", "0.05",
                "--json", json.toString(), "--trace-event", events.toString());
        awaitText(p, "stdout.txt", "Run file"); // written; the trace-event file now waits for a reader
        sigint(p);
        Thread.sleep(300); // the signal is handled (the JVM's own handling would have exited with 130)
        byte[] read = Files.readAllBytes(events); // a reader comes: the write goes through
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(Cli.OK, p.exitValue(), err);
        assertFalse(err.contains("interrupted"), err);
        assertTrue(read.length > 0);
        assertEquals(TaskStatus.COMPLETED, RunFile.read(json).status());
    }

    /** A second Ctrl-C abandons the writes: exit 130 at once, what was written stays whole, no temporary file. */
    @Test
    void aSecondCtrlCAbandonsTheWritesAndLeavesNoTemporaryFile() throws Exception {
        Assumptions.assumeTrue(python() && Files.isDirectory(Path.of("/proc")), "needs python3 and /proc");
        Path json = dir.resolve("run.json");
        Path events = fifo("events.json");
        Process p = start(List.of(), "run", "--mode", "threads", "--kind", "sleep", "--tasks", "2", "--seconds", "0.05",
                "--json", json.toString(), "--trace-event", events.toString(), "--svg", dir.resolve("run.svg").toString());
        awaitText(p, "stdout.txt", "Run file");
        sigint(p);
        Thread.sleep(300);
        sigint(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the second Ctrl-C ends the program");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(Cli.INTERRUPTED, p.exitValue(), err);
        assertTrue(err.contains("interrupted again"), err);
        assertEquals(TaskStatus.COMPLETED, RunFile.read(json).status(), "the file written before is whole");
        assertEquals(List.of(), temporaryFiles());
        assertFalse(Files.exists(dir.resolve("run.svg")), "abandoned");
    }

    /** Ctrl-C or SIGTERM during a sweep: the steps measured are printed and written, and the files say so. */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSweepInterruptedKeepsTheStepsItMeasured(String sig) throws Exception {
        Assumptions.assumeTrue(python() && Files.isDirectory(Path.of("/proc")), "needs python3 and /proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        Path csv = dir.resolve("sweep.csv");
        Path png = dir.resolve("sweep.png");
        Process p = start(List.of(), "sweep", "--mode", "threads", "--kind", "sleep", "--tasks", "2", "--seconds", "2",
                "--max", "2", "--csv", csv.toString(), "--png", png.toString());
        awaitText(p, "stderr.txt", "running 2 cores");
        signal(p, sig);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(Cli.INTERRUPTED, p.exitValue(), err);
        assertTrue(err.contains("interrupted (SIG" + sig + ") — 1 of 2 steps measured"), err);
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(1).startsWith("1,"), rows.toString());
        assertTrue(rows.get(rows.size() - 1).startsWith("# note,\"cancelled during the run on 2 cores; the run measured before it is kept"), rows.toString());
        assertTrue(Files.size(png) > 0);
    }
}

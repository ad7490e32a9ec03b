package dev.corelanes.cli;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.Needs;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command line's output files: never an input overwritten, never a file named twice, all outputs or
 * none, special files written through, and a lost standard output is a failure. Special files are always
 * reached through a link in a temporary folder, so a regression replaces the link, never the device.
 */
class OutputFilesCliTest {

    @TempDir
    Path dir;

    private Path saved(String name) throws Exception {
        Path p = dir.resolve(name);
        RunFile.write(Traces.compute(ExecutionMode.THREADS, 4), p);
        return p;
    }

    private static void assertOneLine(CliTest.Result r, int code, String expected) {
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains(expected.toLowerCase(java.util.Locale.ROOT)),
                () -> "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anOutputThatIsTheInputIsRefused() throws Exception {
        Needs.symbolicLinks(dir);
        Path run = saved("a.json");
        String before = Files.readString(run);
        assertOneLine(CliTest.cli("export", run.toString(), "--trace-event", run.toString()), Cli.BAD_INPUT,
                "is also an input");
        Path alias = Files.createSymbolicLink(dir.resolve("alias.json"), run);
        assertOneLine(CliTest.cli("export", run.toString(), "--trace-event", alias.toString()), Cli.BAD_INPUT,
                "is also an input");
        assertEquals(before, Files.readString(run), "the input is untouched");
    }

    @Test
    void anOutputNamedTwiceIsRefusedBeforeRunning() throws Exception {
        Needs.symbolicLinks(dir);
        Path x = dir.resolve("x.json");
        CliTest.Result r = CliTest.cli("run", "--mode", "threads", "--kind", "sleep", "--seconds", "0.05",
                "--json", x.toString(), "--trace-event", x.toString());
        assertOneLine(r, Cli.BAD_INPUT, "--json and --trace-event name the same file");
        assertEquals("", r.out(), "nothing ran");
        assertFalse(Files.exists(x));

        Path run = saved("run.json");
        Path svg = dir.resolve("s.svg");
        Path link = Files.createSymbolicLink(dir.resolve("l.svg"), svg);
        assertOneLine(CliTest.cli("export", run.toString(), "--svg", svg.toString(), "--trace-event", link.toString()),
                Cli.BAD_INPUT, "name the same file");
    }

    @Test
    void devNullMayTakeEveryOutput() throws Exception {
        Needs.device("/dev/null");
        Needs.symbolicLinks(dir);
        Path run = saved("run.json");
        Path nullJson = Files.createSymbolicLink(dir.resolve("null.json"), Path.of("/dev/null"));
        Path nullSvg = Files.createSymbolicLink(dir.resolve("null.svg"), Path.of("/dev/null"));
        CliTest.Result r = CliTest.cli("export", run.toString(), "--trace-event", nullJson.toString(),
                "--svg", nullSvg.toString());
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(nullJson) && Files.isSymbolicLink(nullSvg));
        assertFalse(Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void aFailedImageWriteLeavesNoTraceEventFileEither() throws Exception {
        Needs.device("/dev/full"); // Linux only
        Needs.symbolicLinks(dir);
        Path run = saved("run.json");
        Path events = dir.resolve("events.json");
        Path full = Files.createSymbolicLink(dir.resolve("full.svg"), Path.of("/dev/full"));
        CliTest.Result r = CliTest.cli("export", run.toString(), "--trace-event", events.toString(),
                "--svg", full.toString());
        assertOneLine(r, Cli.BAD_INPUT, "no space left on device");
        assertTrue(r.err().contains("Nothing was written"), r.err());
        assertFalse(Files.exists(events), "no partial export");
        assertTrue(Files.isSymbolicLink(full));
    }

    @Test
    void aFolderIsRefused() throws Exception {
        Path run = saved("run.json");
        assertOneLine(CliTest.cli("export", run.toString(), "--trace-event", dir.toString()), Cli.BAD_INPUT,
                "it is a folder");
    }

    @Test
    void aStdoutThatCannotBeWrittenFailsInProcess() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"info"}, new PrintWriter(broken, true), new PrintWriter(err, true));
        assertEquals(Cli.RUN_FAILED, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("standard output"), err.toString());
    }

    /** The command line in a child JVM, as a user starts it, with stdout sent to {@code stdout}. */
    private CliTest.Result child(File stdout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path errFile = dir.resolve("stderr.txt");
        pb.redirectError(errFile.toFile());
        if (stdout != null) {
            pb.redirectOutput(stdout);
        }
        Process p = pb.start();
        String out = stdout != null ? "" : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new CliTest.Result(p.exitValue(), out, Files.readString(errFile));
    }

    @Test
    void aFullStdoutExitsOneWithOneLine() throws Exception {
        File devFull = new File("/dev/full");
        Needs.device("/dev/full"); // Linux only
        assertOneLine(child(devFull, "info"), Cli.RUN_FAILED, "could not write to standard output");
    }

    @Test
    void devStdoutIsWrittenThrough() throws Exception {
        Needs.device("/dev/stdout");
        Needs.symbolicLinks(dir);
        Path run = saved("run.json");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), Path.of("/dev/stdout"));
        CliTest.Result r = child(null, "export", run.toString(), "--trace-event", link.toString());
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().contains("\"traceEvents\""), r.out());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
    }

    /** A legal 250-byte output name: the temporary name beside it still fits, and the finished run is written. */
    @Test
    void aFinishedRunIsWrittenUnderALegalLongName() throws Exception {
        Path json = dir.resolve("r".repeat(245) + ".json");
        Path svg = dir.resolve("ok.svg");
        CliTest.Result r = CliTest.cli("run", "--mode", "threads", "--kind", "sleep", "--tasks", "2", "--seconds", "0.05",
                "--json", json.toString(), "--svg", svg.toString());
        assertEquals(Cli.OK, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(Files.size(json) > 0 && Files.size(svg) > 0);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    /**
     * An output that fails after the run is named with its cause in one line; the others are written; exit 1 —
     * never "interrupted" for a run that completed (it was, with exit 2 and every output lost).
     */
    @Test
    void anOutputThatFailsAfterTheRunIsNamedAndTheOthersAreWritten() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        Path full = dir.resolve("full");
        Files.createSymbolicLink(full, Path.of("/dev/full"));
        Path svg = dir.resolve("ok.svg");
        Path events = dir.resolve("t.json");
        CliTest.Result r = CliTest.cli("run", "--mode", "threads", "--kind", "sleep", "--tasks", "2", "--seconds", "0.05",
                "--json", full.toString(), "--trace-event", events.toString(), "--svg", svg.toString());
        assertOneLine(r, Cli.RUN_FAILED, "--json not written: Cannot write " + full + ": No space left on device.");
        assertFalse(r.err().contains("interrupted"), r.err());
        assertTrue(r.out().contains("Status     completed"), r.out());
        assertTrue(Files.size(svg) > 0 && Files.size(events) > 0, "the other outputs were written");
        assertTrue(Files.isSymbolicLink(full), "the device link is still a link");
    }
}

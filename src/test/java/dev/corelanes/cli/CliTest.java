package dev.corelanes.cli;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import dev.corelanes.fixtures.Images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "run --mode fibers --kind sleep | Unknown mode 'fibers'",
            "run --mode threads --kind io | Unknown task kind 'io'",
            "run --mode threads --kind sleep --tasks 0 | Tasks must be between 1 and 1024",
            "run --mode threads --kind sleep --tasks 5000 | for more, use virtual threads",
            "run --mode threads --kind sleep --seconds 31 | Seconds per task must be between",
            "run --mode threads --kind sleep --seconds 0.01 | Seconds per task must be between",
            "run --mode threads --kind sleep --seconds abc | 'abc' is not a double",
            "run --mode threads --kind sleep --tasks 1e9 | is not an int",
            "run --mode threads --kind sleep --workers 4 | --workers applies to modes pool and processes",
            "run --mode pool --kind sleep | needs --workers",
            "run --mode pool --kind sleep --workers 300 | Workers must be between 1 and 256",
            "run --mode processes --kind sleep --workers 65 | Workers must be between 1 and 64",
            "run --mode processes --kind sleep --tasks 65 | Tasks must be between 1 and 64",
            "run --kind sleep | Missing required option: '--mode=MODE'",
            "run --mode threads --kind sleep --frobnicate | Unknown option: '--frobnicate'",
            "dance | Unmatched argument",
            "run --mode threads --kind sleep --json /no/such/folder/x.json | does not exist",
            "run --mode threads --kind sleep --trace-event /no/such/folder/x.json | does not exist",
            "run --mode virtual --kind sleep --tasks 100001 | Tasks must be between 1 and 100000",
            "run --mode sequential --kind compute --tasks 1025 | Tasks must be between 1 and 1024",
            "run --mode threads --kind sleep --seconds -1 | Seconds per task must be between",
            "run --mode threads --kind sleep --seconds 1e400 | Seconds per task must be between",
            "run --mode threads --kind sleep --workers x | is not an int",
            "run --mode threads --kind sleep --gil=maybe | Invalid value for option '--gil'",
            "run --mode threads | Missing required option: '--kind=KIND'",
            "run --mode --kind sleep | Expected parameter for option '--mode'",
            "export | Missing required parameter: 'RUNFILE'",
            "export /no/such/run.json --trace-event /tmp/x.json | No such file",
            "export /tmp | nothing to export",
            "overhead --repetitions 2 | --repetitions must be between 3 and 1000",
            "memory --guard maybe | --guard must be none, lock or atomic",
            "memory --workers 0 | Threads must be between 1 and 64",
            "memory --increments 0 | between 1 and 100000000",
            "memory --processes --workers 17 | Processes must be between 1 and 16",
            "info --frobnicate | Unknown option",
            "run --mode threads --kind sleep --png /tmp/x.gif | --png needs a file name ending in .png",
            "run --mode threads --kind sleep --svg /tmp/x.png | --svg needs a file name ending in .svg",
            "run --mode threads --kind sleep --png /tmp/x.png --scale 9 | --scale must be between 1 and 4",
            "run --mode threads --kind sleep --png /no/such/folder/x.png | does not exist",
            "run --mode threads --kind sleep --png /tmp/x.png --lanes cpus | --lanes must be cores or workers",
            "export /tmp/a.json /tmp/b.json --trace-event /tmp/x.json | --trace-event takes one run file",
            "export /no/such/run.json --png /tmp/x.png | No such file",
            "run --mode threads --kind compute --tasks 1024 --seconds 30 | a run may take at most 7200 s",
    })
    void badInputIsOneClearLineAndExitCode2(String args, String expected) {
        Result r = cli(args.trim().split(" +"));
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void aJsonPathThatIsAFolderIsRefusedBeforeRunning() {
        Result r = cli("run", "--mode", "threads", "--kind", "sleep", "--json", dir.toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("it is a folder"), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void runPrintsASummaryAndWritesTheRunFile() throws Exception {
        Path json = dir.resolve("run.json");
        Result r = cli("run", "--mode", "threads", "--kind", "compute", "--tasks", "2", "--seconds", "0.05",
                "--json", json.toString());
        assertEquals(Cli.OK, r.code(), r.err());
        for (String line : new String[]{"Wall", "CPU", "Ideal", "Calibration", "Status     completed"}) {
            assertTrue(r.out().contains(line), line + " in " + r.out());
        }
        Trace t = RunFile.read(json);
        assertEquals(ExecutionMode.THREADS, t.spec().mode());
        assertEquals(TaskStatus.COMPLETED, t.status());
        assertEquals(2, t.tasks().size());
        assertTrue(Files.size(json) > 0);
    }

    @Test
    void processesWithWorkersMeansAProcessPool() {
        RunCommand c = new RunCommand();
        c.mode = "processes";
        c.kind = "sleep";
        c.tasks = 8;
        c.seconds = 0.1;
        c.workers = 2;
        assertEquals(ExecutionMode.PROCESS_POOL, c.experiment().mode());
    }

    @Test
    void exportRefusesAFileThatIsNotARunWithoutWritingAnything() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\": \"something-else\"}");
        Path out = dir.resolve("out.json");
        Result r = cli("export", bad.toString(), "--trace-event", out.toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("not a CoreLanes run file"), r.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void exportWritesTraceEventsOfASavedRun() throws Exception {
        Path json = dir.resolve("run.json");
        assertEquals(Cli.OK, cli("run", "--mode", "pool", "--workers", "2", "--kind", "sleep", "--tasks", "3",
                "--seconds", "0.05", "--json", json.toString()).code());
        Path events = dir.resolve("events.json");
        Result r = cli("export", json.toString(), "--trace-event", events.toString());
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(Files.readString(events).contains("\"traceEvents\""));
    }

    /** The command line as a user starts it, in a child JVM with no display at all. */
    private Result withoutDisplay(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "finished");
        return new Result(p.exitValue(), out, Files.readString(dir.resolve("stderr.txt")));
    }

    @Test
    void runAndExportDrawImagesWithNoDisplay() throws Exception {
        Path json = dir.resolve("run.json");
        Path png = dir.resolve("run.png");
        Path svg = dir.resolve("run.svg");
        Result r = withoutDisplay("run", "--mode", "threads", "--kind", "compute", "--tasks", "2", "--seconds", "0.05",
                "--json", json.toString(), "--png", png.toString(), "--svg", svg.toString(), "--scale", "2");
        assertEquals(Cli.OK, r.code(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2560, image.getWidth());
        assertTrue(Images.colours(image) > 8, "not blank");
        assertEquals("svg", Images.parse(Files.readString(svg)).getDocumentElement().getTagName());

        Path wide = dir.resolve("wide.png");
        Result e = withoutDisplay("export", json.toString(), json.toString(), "--png", wide.toString(), "--wide");
        assertEquals(Cli.OK, e.code(), e.err());
        BufferedImage w = ImageIO.read(wide.toFile());
        assertEquals(1280, w.getWidth());
        assertEquals(720, w.getHeight());
    }

    @Test
    void infoPrintsTheMachine() {
        Result r = cli("info");
        assertEquals(Cli.OK, r.code(), r.err());
        for (String line : new String[]{"CPU", "Cores", "SMT", "Memory", "OS", "Java", "Core probe"}) {
            assertTrue(r.out().contains(line), line);
        }
    }

    @Test
    void helpAndVersionWork() {
        assertEquals(Cli.OK, cli("--help").code());
        assertTrue(cli("run", "--help").out().contains("--gil"));
        assertTrue(cli("--version").out().contains("CoreLanes"));
    }
}

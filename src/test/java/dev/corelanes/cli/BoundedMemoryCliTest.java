package dev.corelanes.cli;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads and exports within the caps fit a small heap: the command line runs in a child JVM with a 128 MiB heap,
 * on files scaled down from the (a 103 MB file with an unknown field of 8 000 000 keys, and an HTML page of
 * 800 000 spans, each ran a 512 MiB heap out). Images too large to draw are refused before any pixel is allocated.
 */
@Timeout(180)
class BoundedMemoryCliTest {

    @TempDir
    Path dir;

    private record Ended(int code, String out, String err) {
    }

    private Ended cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "the CLI ended");
        return new Ended(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void anUnknownFieldOfMillionsOfKeysIsSkippedWhileReading() throws Exception {
        Path sample = dir.resolve("sample.json");
        RunFile.write(Traces.compute(ExecutionMode.THREADS, 2), sample);
        String text = Files.readString(sample).strip();
        Path f = dir.resolve("unknown.json");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write(text, 0, text.length() - 1); // without its closing brace
            w.write(",\n\"fromTheFuture\": {");
            for (int i = 0; i < 1_600_000; i++) {
                w.write((i == 0 ? "\"k" : ",\"k") + i + "\":" + i);
            }
            w.write("}}\n");
        }
        Ended e = cli("export", f.toString(), "--trace-event", dir.resolve("t.json").toString());
        assertEquals(Cli.OK, e.code(), e.err());
        assertFalse(e.err().contains("OutOfMemoryError"), e.err());
        assertTrue(Files.size(dir.resolve("t.json")) > 0);
    }

    @Test
    void theHtmlPageOfADenseRunIsWrittenWithoutHoldingItInMemory() throws Exception {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            long start = 100_000_000L + i * 1_000L; // off-CPU spans are kept one by one, as in the densest run
            spans.add(new Span(i % 1024 + 1, "T" + (i % 1024 + 1), i % 2 == 0 ? 1 : Span.NO_CORE,
                    i % 2 == 0 ? SpanState.RUNNING : SpanState.PREEMPTED, start, start + 999L));
        }
        List<TaskRecord> tasks = new ArrayList<>();
        for (int id = 1; id <= 1024; id++) {
            tasks.add(new TaskRecord(id, "T" + id, 0, 2_000_000_000L, TaskStatus.COMPLETED, ""));
        }
        Trace dense = new Trace(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 1024, 7, false),
                MachineInfo.fromJvm(), new Calibration(1, 1), Instant.EPOCH, 2_000_000_000L, 0, TaskStatus.COMPLETED, "",
                tasks, List.of(), spans, 0);
        Path f = dir.resolve("dense.json");
        RunFile.write(dense, f);
        Path html = dir.resolve("dense.html");
        Ended e = cli("export", f.toString(), "--html", html.toString());
        assertEquals(Cli.OK, e.code(), e.err());
        String page = Files.readString(html);
        assertTrue(page.endsWith("</html>\n"), "the page is whole");
        assertTrue(page.contains("running on CPU 1") && page.contains("preempted"), "with its hover records");
    }

    @Test
    void aPngTooLargeToDrawIsRefusedInOneLineBeforeAnything() throws Exception {
        Path run = dir.resolve("r.json");
        RunFile.write(Traces.compute(ExecutionMode.THREADS, 2), run);
        List<String> args = new ArrayList<>(List.of("export"));
        for (int i = 0; i < 400; i++) {
            args.add(run.toString());
        }
        Path png = dir.resolve("all.png");
        args.addAll(List.of("--png", png.toString(), "--scale", "4"));
        CliTest.Result r = CliTest.cli(args.toArray(String[]::new));
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().matches("corelanes: --png .*all\\.png: image too large: 5120 x \\d+ pixels at scale 4 is "
                + "more than the [\\d,]+ pixels this program can draw \\(fewer runs, --scale 1, or SVG or HTML instead\\)\\.\n"),
                r.err());
        assertFalse(Files.exists(png));
    }
}

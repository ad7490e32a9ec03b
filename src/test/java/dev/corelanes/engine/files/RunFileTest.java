package dev.corelanes.engine.files;

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
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFileTest {

    @TempDir
    Path dir;

    static Trace sample() {
        ExperimentSpec spec = new ExperimentSpec(ExecutionMode.POOL, TaskKind.COMPUTE, 2, 0.5, 2, true);
        MachineInfo machine = new MachineInfo("Test CPU", 4, 2, List.of(List.of(0, 2), List.of(1, 3)), 8L << 30,
                "TestOS 1", "Java 21");
        return new Trace(spec, machine, new Calibration(560_000_000L, 231.25), Instant.parse("2026-11-25T09:00:00Z"),
                1_012_345_678L, 1_998_000_001L, TaskStatus.COMPLETED, "",
                List.of(new TaskRecord(1, "W1", 1_000, 1_000_001_000L, TaskStatus.COMPLETED, ""),
                        new TaskRecord(2, "W2", 2_000, 1_012_345_678L, TaskStatus.COMPLETED, "")),
                List.of(WorkerInfo.thread("W1"), new WorkerInfo("P2", 4242, 41L << 20)),
                List.of(new Span(1, "W1", 0, SpanState.RUNNING, 1_000, 5_001_000),
                        new Span(2, "W2", Span.NO_CORE, SpanState.GIL_WAIT, 2_000, 5_001_000),
                        new Span(Span.NO_TASK, "P2", Span.NO_CORE, SpanState.SPAWNING, 0, 95_000_000),
                        new Span(2, "W2", 3, SpanState.PREEMPTED, 123_456_789, 987_654_321)),
                0);
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws Exception {
        Trace t = sample();
        Path f = dir.resolve("run.json");
        RunFile.write(t, f);
        assertEquals(t, RunFile.read(f));
    }

    @Test
    void aRealRunRoundTrips() throws Exception {
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.05, false),
                MachineInfo.fromJvm());
        Path f = dir.resolve("real.json");
        RunFile.write(t, f);
        assertEquals(t, RunFile.read(f));
    }

    @Test
    void theFileHasTheDocumentedFields() throws Exception {
        String json = RunFile.toJsonString(sample());
        for (String field : List.of("\"format\" : \"corelanes-run\"", "\"version\" : 1", "\"spec\"", "\"mode\" : \"pool\"",
                "\"taskSeconds\"", "\"machine\"", "\"logicalCores\"", "\"wallSeconds\"", "\"cpuSeconds\"",
                "\"status\" : \"completed\"", "\"startSeconds\"", "\"core\":null", "\"state\":\"gil-wait\"")) {
            assertTrue(json.contains(field), field);
        }
    }

    @Test
    void badFilesGetAClearMessageNamingTheProblem() throws IOException {
        String good = RunFile.toJsonString(sample());
        assertMessage("not valid JSON", write("truncated.json", good.substring(0, good.length() / 2)));
        assertMessage("not a CoreLanes run file", write("foreign.json", "{\"hello\": 1}"));
        assertMessage("expected a JSON object", write("array.json", "[1,2]"));
        assertMessage("newer CoreLanes", write("newer.json", good.replace("\"version\" : 1", "\"version\" : 7")));
        assertMessage("\"tasks\" must be a whole number", write("type.json", good.replace("\"tasks\" : 2,", "\"tasks\" : \"two\",")));
        assertMessage("not valid", write("range.json", good.replace("\"tasks\" : 2,", "\"tasks\" : 99999999,")));
        assertMessage("out of range", write("huge.json", good.replace("\"wallSeconds\" : 1.012345678", "\"wallSeconds\" : 1e300")));
        assertMessage("unknown span state", write("state.json", good.replace("\"gil-wait\"", "\"dancing\"")));
        assertMessage("is missing", write("missing.json", good.replace("\"spans\"", "\"spanz\"")));
        assertMessage("not valid JSON", write("empty.json", ""));
        assertMessage("is a folder", dir);
        assertMessage("No such file", dir.resolve("nope.json"));
    }

    @Test
    void aFailedWriteLeavesNoFileBehind() {
        Path target = dir.resolve("missing-folder").resolve("run.json");
        assertThrows(RunFileException.class, () -> RunFile.write(sample(), target));
        assertTrue(Files.notExists(target));
    }

    @Test
    void aWriteReplacesAnOldFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path f = write("run.json", "old");
        RunFile.write(sample(), f);
        assertEquals(sample(), RunFile.read(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void aWrittenFileIsReadableLikeAnyOtherSavedFile() throws Exception {
        Path f = dir.resolve("shared.json");
        RunFile.write(sample(), f);
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f), "the umask decides, as for any file");
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertMessage(String expected, Path file) {
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.read(file));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("Exception"), e.getMessage());
    }
}

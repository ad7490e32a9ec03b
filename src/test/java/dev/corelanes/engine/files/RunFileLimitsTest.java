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
import dev.corelanes.engine.TraceSink;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Crafted run files: every count and index is bounded before anything is sized by it, the byte cap holds
 * for files without a size, and whatever a run writes reads back.
 */
class RunFileLimitsTest {

    @TempDir
    Path dir;

    private static final String GOOD = RunFile.toJsonString(RunFileTest.sample());

    private static RunFileException refused(String text) {
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.parse(text, "crafted.json"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "\"core\":3,|\"core\":2147483647,|spans.core",
            "\"core\":3,|\"core\":65536,|spans.core",
            "\"core\":3,|\"core\":20000000,|spans.core",
            "\"core\":3,|\"core\":-2,|spans.core",
            "\"logicalCores\" : 4,|\"logicalCores\" : 20000000,|logicalCores",
            "\"logicalCores\" : 4,|\"logicalCores\" : -5,|logicalCores",
            "\"logicalCores\" : 4,|\"logicalCores\" : 0,|logicalCores",
            "\"physicalCores\" : 2,|\"physicalCores\" : -5,|physicalCores",
            "\"physicalCores\" : 2,|\"physicalCores\" : 5,|physicalCores",
            "[[0,2],[1,3]]|[[0,2],[1,2147483647]]|smtGroups",
            "[[0,2],[1,3]]|[[0,2],[1,3],[0,1]]|smtGroups",
            "[[0,2],[1,3]]|[1,2]|smtGroups",
            "\"memoryBytes\" : 8589934592,|\"memoryBytes\" : -1,|memoryBytes",
            "{\"task\":1,|{\"task\":2147483647,|task",
            "{\"task\":1,|{\"task\":-3,|task",
            "{\"id\":1,|{\"id\":2147483647,|id",
            "\"droppedSpans\" : 0,|\"droppedSpans\" : -7,|droppedSpans",
            "\"stepsPerSecond\" : 560000000,|\"stepsPerSecond\" : -1,|stepsPerSecond",
    })
    void anOutOfRangeCountOrIndexIsRefusedInOneLine(String from, String to, String field) {
        assertTrue(GOOD.contains(from), from);
        RunFileException e = refused(GOOD.replace(from, to));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void theLargestAllowedMachineAndCoreRead() throws Exception {
        String crafted = GOOD.replace("\"logicalCores\" : 4,", "\"logicalCores\" : 65536,")
                .replace("\"core\":3,", "\"core\":65535,");
        Trace t = RunFile.parse(crafted, "big.json");
        assertEquals(65_536, t.machine().logicalCores());
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        Path f = dir.resolve("bom.json");
        byte[] body = GOOD.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        assertEquals(RunFileTest.sample(), RunFile.read(f));
    }

    @Test
    void bytesThatAreNotUtf8AreNotText() throws Exception {
        Path f = Files.write(dir.resolve("latin1.json"), new byte[]{'{', (byte) 0xE9, (byte) 0xFF, '}'});
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.read(f));
        assertTrue(e.getMessage().contains("not text"), e.getMessage());
    }

    @Test
    void anEndlessDeviceIsRefusedInOneLine() {
        Path zero = Path.of("/dev/zero");
        Needs.device("/dev/zero");
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.read(zero));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    /** A pipe has no size: the cap is counted while reading, or an endless string would fill the heap. */
    @Test
    void anEndlessPipeStopsAtTheCap() throws Exception {
        Path fifo = dir.resolve("endless.json");
        Needs.fifo(fifo);
        Thread writer = new Thread(() -> {
            byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try (var out = Files.newOutputStream(fifo)) {
                out.write("{\"format\" : \"corelanes-run\", ".getBytes(StandardCharsets.US_ASCII));
                while (true) {
                    out.write(chunk);
                }
            } catch (java.io.IOException closedByTheReader) {
                // the reader stopped at the cap: done
            }
        }, "endless-writer");
        writer.setDaemon(true);
        writer.start();
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.read(fifo));
        assertTrue(e.getMessage().contains("larger than " + (RunFile.MAX_BYTES >> 20) + " MB"), e.getMessage());
        writer.join();
    }

    @Test
    void aHugeStringIsRefusedAsTooLong() {
        String huge = GOOD.replace("\"Test CPU\"", "\"" + "x".repeat(21_000_000) + "\"");
        RunFileException e = refused(huge);
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void aRunLongerThanAFileHoldsIsNotWritten() {
        Trace t = RunFileTest.sample();
        Trace longRun = new Trace(t.spec(), t.machine(), t.calibration(), t.startedAt(), 90_000_000_000_000L,
                t.cpuNanos(), t.status(), t.message(), t.tasks(), t.workers(), t.spans(), 0);
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.write(longRun, dir.resolve("long.json")));
        assertTrue(e.getMessage().contains("longer than a run file holds"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("long.json")));
    }

    /** The densest run the sink keeps, with the longest names and numbers, still fits and reads back. */
    @Test
    void theDensestRunASinkKeepsReadsBack() throws Exception {
        assertEquals(RunFile.MAX_SPANS, TraceSink.DEFAULT_MAX_SPANS, "a run keeps no more spans than a file holds");
        List<Span> spans = new ArrayList<>(RunFile.MAX_SPANS);
        long t0 = 7_199_123_456_789L;
        for (int i = 0; i < RunFile.MAX_SPANS; i++) {
            // One task per CPU: the running spans follow one another on CPU 65 535 (as a real trace's do).
            long start = t0 + i * 1_000L;
            spans.add(new Span(1024, "V100000", i % 2 == 0 ? 65_535 : Span.NO_CORE,
                    i % 2 == 0 ? SpanState.RUNNING : SpanState.PREEMPTED, start, start + 999L));
        }
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 1024, 7, false);
        List<TaskRecord> tasks = new ArrayList<>();
        for (int id = 1; id <= 1024; id++) {
            tasks.add(new TaskRecord(id, "T" + id, t0, t0 + 1, TaskStatus.COMPLETED, ""));
        }
        Trace dense = new Trace(spec, MachineInfo.fromJvm(), new Calibration(1, 1), Instant.EPOCH, t0 + 2_000_000_000L,
                t0, TaskStatus.COMPLETED, "", tasks, List.of(), spans, 12_345);
        Path f = dir.resolve("dense.json");
        RunFile.write(dense, f);
        assertTrue(Files.size(f) <= RunFile.MAX_BYTES, Files.size(f) + " bytes");
        assertEquals(RunFile.MAX_SPANS, RunFile.read(f).spans().size());

        List<Span> oneMore = new ArrayList<>(spans);
        oneMore.add(spans.get(1)); // an off-CPU span: kept as it is, not merged like a running one
        Trace tooDense = new Trace(spec, dense.machine(), dense.calibration(), Instant.EPOCH, dense.wallNanos(),
                t0, TaskStatus.COMPLETED, "", tasks, List.of(), oneMore, 0);
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.write(tooDense, dir.resolve("more.json")));
        assertTrue(e.getMessage().contains("more than a run file holds"), e.getMessage());
    }

    @Test
    void spansAreWrittenOneCompactLineEach() {
        long spanLines = GOOD.lines().filter(l -> l.trim().startsWith("{\"task\":")).count();
        assertEquals(RunFileTest.sample().spans().size(), spanLines, GOOD);
    }

    /**
     * A field this version does not read is skipped while streaming, whatever its size; a known field holding more
     * values than any run file can (here inside "machine") is refused in one line before it fills the heap.
     */
    @Test
    void unknownFieldsAreSkippedAndKnownOnesAreBounded() throws Exception {
        String good = GOOD.strip();
        StringBuilder junk = new StringBuilder("{");
        for (int i = 0; i < 50_000; i++) {
            junk.append(i == 0 ? "\"k" : ",\"k").append(i).append("\":[").append(i).append("]");
        }
        junk.append('}');
        Path skipped = dir.resolve("newer.json");
        Files.writeString(skipped, good.substring(0, good.length() - 1) + ",\"fromTheFuture\":" + junk + "}");
        assertEquals(RunFileTest.sample(), RunFile.read(skipped));

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= RunFile.MAX_HEAD_VALUES; i++) {
            many.append(i == 0 ? "0" : ",0");
        }
        many.append(']');
        Path bounded = dir.resolve("bounded.json");
        Files.writeString(bounded, good.replaceFirst("\"machine\"\\s*:\\s*\\{", "\"machine\": {\"extra\": "
                + java.util.regex.Matcher.quoteReplacement(many.toString()) + ","));
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.read(bounded));
        assertEquals("bounded.json is not a CoreLanes run file: it holds more values than a run file can (more than "
                + RunFile.MAX_HEAD_VALUES + " outside its spans).", e.getMessage());
    }
}

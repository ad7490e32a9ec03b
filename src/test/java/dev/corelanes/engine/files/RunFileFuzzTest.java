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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fuzzing the run-file reader with seeded random input (so a failure reproduces): it reads what it writes,
 * and no text, however damaged, makes it crash or hang.
 */
class RunFileFuzzTest {

    private static final String GOOD = RunFile.toJsonString(RunFileTest.sample());
    private static final String[] JUNK = {"", "null", "-1", "1e999", "\"x\"", "[]", "{}", "true",
            "9223372036854775808", "0.0", "\"running\"", "NaN", "}", "]", ",", ":", "\"", "\\u0000", "{\"a\":"};

    /** Either a trace or a one-line RunFileException — never another exception, never a hang. */
    private static void readsOrRefusesCleanly(String text) {
        try {
            RunFile.parse(text, "fuzz.json");
        } catch (RunFileException e) {
            assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
        }
    }

    static String randomText(Random r, int maxLength) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            b.append(switch (r.nextInt(4)) {
                case 0 -> (char) r.nextInt(128);
                case 1 -> (char) r.nextInt(0x10000);
                case 2 -> "{}[]:,\"0123456789.-eE ".charAt(r.nextInt(22));
                default -> JUNK[r.nextInt(JUNK.length)];
            });
        }
        return b.toString();
    }

    @Test
    void anyTextIsReadOrRefusedCleanly() {
        Random r = new Random(20261125);
        for (int i = 0; i < 400; i++) {
            readsOrRefusesCleanly(randomText(r, 200));
        }
    }

    @Test
    void aDamagedRunFileIsReadOrRefusedCleanly() {
        Random r = new Random(42);
        for (int i = 0; i < 600; i++) {
            int at = r.nextInt(GOOD.length() + 1);
            int cut = Math.min(GOOD.length() - at, r.nextInt(41));
            String insert = r.nextBoolean() ? JUNK[r.nextInt(JUNK.length)] : randomText(r, 6);
            readsOrRefusesCleanly(GOOD.substring(0, at) + insert + GOOD.substring(at + cut));
        }
    }

    @Test
    void everyValidTraceRoundTrips() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            Trace t = randomTrace(r);
            assertEquals(t, RunFile.parse(RunFile.toJsonString(t), "t.json"), "trace " + i);
        }
    }

    private static Trace randomTrace(Random r) {
        ExecutionMode mode = ExecutionMode.runnableModes().get(r.nextInt(ExecutionMode.runnableModes().size()));
        TaskKind kind = TaskKind.values()[r.nextInt(2)];
        int n = 1 + r.nextInt(64);
        double seconds = 0.05 + r.nextDouble() * 29.95;
        ExperimentSpec spec = new ExperimentSpec(mode, kind, n, seconds, mode.pooled() ? Math.min(n, 8) : 1, r.nextBoolean());
        long wall = (long) (r.nextDouble() * 86_000e9);
        List<TaskRecord> records = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            records.add(new TaskRecord(id, "T" + id, id * 1000L, id * 1000L + wall / 2, TaskStatus.values()[id % 3],
                    id % 3 == 2 ? "task " + id + " failed: \"quoted\" ✓" : ""));
        }
        List<Span> spans = new ArrayList<>();
        String[] workers = {"T1", "P2", "main", "V37"};
        for (int i = r.nextInt(31); i > 0; i--) {
            long start = (long) (r.nextDouble() * 80_000e9);
            spans.add(new Span(r.nextInt(65), workers[r.nextInt(4)], r.nextInt(257) - 1,
                    SpanState.values()[r.nextInt(SpanState.values().length)], start, start + (long) (r.nextDouble() * 5e9)));
        }
        return new Trace(spec, MachineInfo.fromJvm(), new Calibration(1 + r.nextInt(999_999_999), 12.5),
                Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000), r.nextInt(1_000_000_000)), wall, wall / 3,
                TaskStatus.values()[r.nextInt(3)], r.nextBoolean() ? "" : "why: ∆", records,
                List.of(WorkerInfo.thread("T1"), new WorkerInfo("P1", 77, 1L << 25)), spans, r.nextInt(5));
    }
}

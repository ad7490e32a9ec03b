package dev.corelanes.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Property-based checks of the run-file reader: it reads what it writes, and nothing makes it crash. */
class RunFileFuzzTest {

    private static final String GOOD = RunFile.toJsonString(RunFileTest.sample());

    /** Either a trace or a one-line RunFileException — never another exception, never a hang. */
    private static void readsOrRefusesCleanly(String text) {
        try {
            RunFile.parse(text, "fuzz.json");
        } catch (RunFileException e) {
            assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Property(tries = 400)
    void anyTextIsReadOrRefusedCleanly(@ForAll String text) {
        readsOrRefusesCleanly(text);
    }

    @Property(tries = 600)
    void aDamagedRunFileIsReadOrRefusedCleanly(@ForAll @IntRange(min = 0, max = 5000) int at,
                                               @ForAll @IntRange(min = 0, max = 40) int cut,
                                               @ForAll("junk") String insert) {
        int i = Math.min(at, GOOD.length());
        int j = Math.min(GOOD.length(), i + cut);
        readsOrRefusesCleanly(GOOD.substring(0, i) + insert + GOOD.substring(j));
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("", "null", "-1", "1e999", "\"x\"", "[]", "{}", "true", "9223372036854775808", "0.0",
                        "\"running\"", "NaN", "}", "]", ","));
    }

    @Property(tries = 200)
    void everyValidTraceRoundTrips(@ForAll("traces") Trace t) throws Exception {
        assertEquals(t, RunFile.parse(RunFile.toJsonString(t), "t.json"));
    }

    @Provide
    Arbitrary<Trace> traces() {
        Arbitrary<ExecutionMode> modes = Arbitraries.of(ExecutionMode.class);
        Arbitrary<TaskKind> kinds = Arbitraries.of(TaskKind.class);
        Arbitrary<Integer> tasks = Arbitraries.integers().between(1, 64);
        Arbitrary<Double> seconds = Arbitraries.doubles().between(0.05, 30);
        Arbitrary<List<Span>> spans = span().list().ofMaxSize(30);
        return Combinators.combine(modes, kinds, tasks, seconds, Arbitraries.of(true, false), spans,
                Arbitraries.longs().between(0, 86_000_000_000_000L))
                .as((m, k, n, s, gil, sp, wall) -> {
                    ExperimentSpec spec = new ExperimentSpec(m, k, n, s, m.pooled() ? Math.min(n, 8) : 1, gil);
                    List<TaskRecord> records = new ArrayList<>();
                    for (int id = 1; id <= n; id++) {
                        records.add(new TaskRecord(id, "T" + id, id * 1000L, id * 1000L + wall / 2,
                                TaskStatus.values()[id % 3], id % 3 == 2 ? "task " + id + " failed: \"quoted\" ✓" : ""));
                    }
                    return new Trace(spec, MachineInfo.fromJvm(), new Calibration(1 + wall % 999_999_999L, 12.5),
                            Instant.ofEpochSecond(1_700_000_000L + wall % 100_000, wall % 1_000_000_000L), wall,
                            wall / 3, TaskStatus.values()[(int) (wall % 3)], wall % 2 == 0 ? "" : "why: ∆",
                            records, List.of(WorkerInfo.thread("T1"), new WorkerInfo("P1", 77, 1L << 25)), sp, wall % 5);
                });
    }

    private Arbitrary<Span> span() {
        return Combinators.combine(Arbitraries.integers().between(0, 64), Arbitraries.of("T1", "P2", "main", "V37"),
                Arbitraries.integers().between(-1, 255), Arbitraries.of(SpanState.class),
                Arbitraries.longs().between(0, 80_000_000_000_000L), Arbitraries.longs().between(0, 5_000_000_000L))
                .as((task, worker, core, state, start, dur) -> new Span(task, worker, core, state, start, start + dur));
    }
}

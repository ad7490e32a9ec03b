package dev.corelanes.engine;

import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.RandomTraces;
import dev.corelanes.fixtures.Sessions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class's session as a property: generated sequences of runs (varied load, cores, runtimes, cancels,
 * restarts), each given its baseline once when it ends. Every figure shown for a run is the same whenever it
 * is shown — right after the run, after every later run, after a restart (its run file read back) — and
 * never past the physical limit.
 */
class BaselineSessionPropertyTest {

    private static final int SESSIONS = 400;

    @Test
    void everyRunKeepsOneSpeedupWithinTheLimitThroughLaterRunsAndRestarts() throws Exception {
        RandomTraces gen = new RandomTraces(41);
        int sequentialBaselines = 0;
        int refusals = 0;
        int withheld = 0;
        for (int s = 0; s < SESSIONS; s++) {
            MachineInfo machine = Sessions.machine(gen);
            List<Trace> table = new ArrayList<>();
            Map<Integer, String> shownWhenItEnded = new java.util.HashMap<>();
            int runs = 2 + gen.random().nextInt(10);
            for (int k = 0; k < runs; k++) {
                if (gen.random().nextInt(5) == 0) {
                    table = restart(table);
                }
                MachineInfo m = gen.random().nextInt(6) == 0 ? Sessions.machine(gen) : machine;
                Trace measured = Sessions.run(gen, Sessions.spec(gen), m);
                Trace t = measured.withBaseline(Baselines.choose(measured, table));
                table.add(t);
                RunFigures f = RunFigures.of(t);
                shownWhenItEnded.put(k, shown(f));
                withinTheLimit(f);
                if (f.baseline() == RunBaseline.Kind.SEQUENTIAL_RUN && !f.comparedWithItself()) {
                    sequentialBaselines++;
                }
                if (!t.baseline().why().isEmpty()) {
                    refusals++;
                }
                if (FigureText.speedupWithheld(f)) {
                    withheld++;
                }
            }
            table = restart(table);
            for (int k = 0; k < table.size(); k++) {
                RunFigures f = RunFigures.of(table.get(k));
                withinTheLimit(f);
                assertEquals(shownWhenItEnded.get(k), shown(f), "run " + (k + 1) + " of session " + s
                        + " changed its figures after later runs and a restart");
            }
        }
        System.out.printf("sessions: %d fair sequential baselines, %d refused with a reason, %d speedups withheld%n",
                sequentialBaselines, refusals, withheld);
        assertTrue(sequentialBaselines > 20, "fair sequential baselines: " + sequentialBaselines);
        assertTrue(refusals > 20, "sequential runs refused with a reason: " + refusals);
        assertTrue(withheld > 5, "speedups withheld past the limit or unfair: " + withheld);
    }

    @Test
    void aSequentialRunSlowedByOtherProgramsIsNeverTheBaselineOfAQuietRun() {
        RandomTraces gen = new RandomTraces(42);
        MachineInfo m = new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 34, "TestOS", "Java 21");
        ExperimentSpec seq = ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.COMPUTE, 2, 1, false);
        ExperimentSpec thr = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1, false);
        // The case: sequential 3.90 s with 74 % of the CPUs busy, threads 1.02 s on the quiet machine.
        Trace busy = at(Sessions.run(gen, seq, m), seq, 3_900_000_000L, 0.74);
        Trace quiet = at(Sessions.run(gen, thr, m), thr, 1_020_000_000L, 0.03);
        Trace chosen = quiet.withBaseline(Baselines.choose(quiet, List.of(busy)));
        RunFigures f = RunFigures.of(chosen);
        assertEquals(RunBaseline.Kind.TOTAL_WORK, f.baseline());
        assertTrue(f.speedup() <= 2, f.toString());
        assertEquals("the sequential run was measured while other programs used 74 % of the CPUs, this run 3 %",
                f.baselineWhy());
        // Were it used anyway (a file written by hand), the figure past 2 cores would be a dash and why.
        Trace forced = quiet.withBaseline(new RunBaseline(RunBaseline.Kind.SEQUENTIAL_RUN,
                RunBaseline.Reference.of(busy, false), ""));
        RunFigures past = RunFigures.of(forced);
        assertFalse(past.hasSpeedup());
        assertEquals(FigureText.DASH + " (past the limit of 2 cores: the sequential run was slowed by other programs "
                + "(74 % busy))", FigureText.speedup(past));
    }

    private static Trace at(Trace t, ExperimentSpec spec, long wall, double load) {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int id = 1; id <= spec.tasks(); id++) {
            tasks.add(new TaskRecord(id, "T" + id, 0, wall, TaskStatus.COMPLETED, "", 1_000_000_000L));
        }
        return new Trace(spec, t.machine(), new Calibration(500_000_000L, 300), t.startedAt(), wall,
                spec.tasks() * 1_000_000_000L, TaskStatus.COMPLETED, "", tasks, List.of(), List.of(), 0,
                new RunConditions(500_000_000L, load), RunRuntime.JAVA);
    }

    /** The app closed and opened again: every run read back from its run file. */
    private static List<Trace> restart(List<Trace> table) throws Exception {
        List<Trace> back = new ArrayList<>();
        for (Trace t : table) {
            back.add(RunFile.parse(RunFile.toJsonString(t), "kept.json"));
        }
        return back;
    }

    /** What the header, the table, the slide and the command line print for a run. */
    private static String shown(RunFigures f) {
        return FigureText.speedup(f) + " | " + FigureText.speedupCell(f) + " | " + FigureText.efficiency(f) + " | "
                + FigureText.baseline(f) + " | " + FigureText.seconds(f.wallSeconds()) + " | "
                + FigureText.seconds(f.idealSeconds());
    }

    private static void withinTheLimit(RunFigures f) {
        if (f.hasSpeedup()) {
            assertTrue(f.speedup() <= f.usableCores(), () -> "speedup past " + f.usableCores() + ": " + f);
            assertTrue(f.speedup() > 0);
        }
        if (f.hasEfficiency()) {
            assertTrue(f.efficiency() <= 1, () -> "efficiency past 100 %: " + f);
        }
    }
}

package dev.corelanes.engine;

import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.RandomTraces;
import dev.corelanes.fixtures.Sessions;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of {@link RunFigures} as properties over many seeded random traces (plain JUnit: a failure names
 * its trace and reproduces from the seed).
 */
class RunFiguresPropertyTest {

    private static final int RUNS = 3_000;

    @Test
    void aRunThatDidNotCompleteHasNoSpeedupAndNoEfficiencyAndSaysWhy() {
        RandomTraces gen = new RandomTraces(11);
        int seen = 0;
        for (int i = 0; i < RUNS; i++) {
            Trace t = gen.trace();
            Trace base = gen.trace(RandomTraces.sequentialOf(t.spec()), TaskStatus.COMPLETED);
            RunFigures f = RunFigures.of(t.withBaseline(Baselines.choose(t, java.util.List.of(base))));
            if (t.status() == TaskStatus.COMPLETED) {
                continue;
            }
            seen++;
            assertFalse(f.hasSpeedup(), () -> "speedup of a " + t.status().id() + " run: " + f);
            assertFalse(f.hasEfficiency(), () -> "efficiency of a " + t.status().id() + " run: " + f);
            assertTrue(f.noSpeedupReason().contains(t.status().id()), f.noSpeedupReason());
            assertTrue(f.noEfficiencyReason().contains(t.status().id()), f.noEfficiencyReason());
            assertTrue(FigureText.speedup(f).startsWith(FigureText.DASH), FigureText.speedup(f));
            assertTrue(FigureText.efficiency(f).startsWith(FigureText.DASH), FigureText.efficiency(f));
            assertEquals(FigureText.DASH, FigureText.speedupCell(f));
        }
        assertTrue(seen > RUNS / 10, "the generator made cancelled and failed runs: " + seen);
    }

    @Test
    void efficiencyIsNeverAboveOneHundredPercentAndARunFasterThanPossibleSaysWhyInsteadOfAFigure() {
        RandomTraces gen = new RandomTraces(12);
        int withheld = 0;
        for (int i = 0; i < RUNS; i++) {
            Trace t = gen.trace();
            RunFigures f = RunFigures.of(t);
            if (f.hasEfficiency()) {
                assertTrue(f.efficiency() <= 1, () -> "efficiency past 100 %: " + f);
                assertEquals(Math.min(f.idealSeconds() / f.wallSeconds(), 1), f.efficiency(), 1e-12,
                        "efficiency is ideal ÷ wall");
                assertFalse(FigureText.efficiency(f).contains("drift"), FigureText.efficiency(f));
            } else if (t.status() == TaskStatus.COMPLETED && t.wallNanos() > 0) {
                withheld++;
                assertTrue(f.idealSeconds() / f.wallSeconds() > 1 && f.drift().recalibrate(), f::toString);
                assertTrue(FigureText.efficiency(f).startsWith(FigureText.DASH + " (calibration drift"),
                        FigureText.efficiency(f));
            }
        }
        assertTrue(withheld > 10, "the generator made runs faster than ideal: " + withheld);
    }

    @Test
    void aDriftIsFlaggedExactlyWhenATaskIsMoreThanTenPercentOffOrTheWallBeatsTheIdeal() {
        RandomTraces gen = new RandomTraces(13);
        for (int i = 0; i < RUNS; i++) {
            Trace t = gen.trace();
            RunFigures f = RunFigures.of(t);
            long asked = Math.round(t.spec().taskSeconds() * 1e9);
            boolean taskOff = t.spec().kind() == TaskKind.COMPUTE && t.tasks().stream().anyMatch(r ->
                    r.status() == TaskStatus.COMPLETED && r.cpuKnown()
                            && Math.abs((double) r.cpuNanos() / asked - 1) > RunFigures.DRIFT_TOLERANCE);
            boolean underIdeal = t.spec().kind() == TaskKind.COMPUTE && t.status() == TaskStatus.COMPLETED
                    && t.wallNanos() > 0 && t.wallSeconds() < f.idealSeconds() * 0.9;
            assertEquals(taskOff || underIdeal, f.drift().detected(), () -> "drift of " + t.spec().describe() + ": " + f);
            assertEquals(f.drift().detected(), !FigureText.drift(f).isEmpty());
            if (f.drift().recalibrate()) {
                assertTrue(FigureText.drift(f).startsWith("Calibration drift"), FigureText.drift(f));
                assertTrue(FigureText.drift(f).endsWith("The next run recalibrates."), FigureText.drift(f));
            } else if (f.drift().detected()) {
                assertTrue(FigureText.drift(f).startsWith("Process start-up"), FigureText.drift(f));
                assertTrue(t.spec().mode().processBased(), "only new processes warm up: " + t.spec().describe());
                assertFalse(underIdeal);
                assertTrue(f.drift().worstRatio() > 1, "warm-up only slows tasks: " + f.drift());
            }
        }
    }

    @Test
    void theDriftNamesAMeasuredCauseWhenThereIsOne() {
        RandomTraces gen = new RandomTraces(14);
        for (int i = 0; i < RUNS; i++) {
            Trace t = gen.trace();
            RunFigures f = RunFigures.of(t);
            if (!f.drift().recalibrate()) {
                continue;
            }
            RunConditions c = t.conditions();
            double change = c.rateChecked() ? (double) c.stepsPerSecondAfter() / t.calibration().stepsPerSecond() - 1 : 0;
            if (Math.abs(change) > RunFigures.RATE_CHANGE) {
                assertTrue(f.drift().why().contains("CPU clock changed"), f.drift().why());
            } else if (c.loadKnown() && c.otherLoad() > RunFigures.BUSY_LOAD) {
                assertTrue(f.drift().why().startsWith("machine busy"), f.drift().why());
                assertTrue(f.drift().why().contains(String.format(Locale.ROOT, "%.0f %%", c.otherLoad() * 100)));
            } else {
                assertTrue(f.drift().why().contains("cause unknown"), f.drift().why());
            }
        }
    }

    @Test
    void aSleepRunComparesWithTheSequentialSleepOfTheSameWorkloadOrWithNothing() {
        RandomTraces gen = new RandomTraces(15);
        for (int i = 0; i < RUNS; i++) {
            ExperimentSpec s = gen.spec();
            if (s.kind() != TaskKind.SLEEP || s.mode() == ExecutionMode.SEQUENTIAL) {
                continue; // a sequential run is its own baseline
            }
            Trace t = gen.trace(s, TaskStatus.COMPLETED);
            if (t.wallNanos() == 0) {
                continue;
            }
            RunFigures alone = RunFigures.of(t);
            assertFalse(alone.hasSpeedup(), "no 'total work' speedup for sleep: " + alone);
            assertEquals(RunBaseline.Kind.NONE, alone.baseline());
            assertTrue(FigureText.speedup(alone).contains("no sequential run"), FigureText.speedup(alone));
        }
    }

    @Test
    void aBaselineIsOnlyAFairSequentialRunOfTheSameWorkloadAndARefusalSaysWhy() {
        RandomTraces gen = new RandomTraces(16);
        int used = 0;
        int refused = 0;
        for (int i = 0; i < RUNS; i++) {
            MachineInfo m = Sessions.machine(gen);
            Trace t = Sessions.run(gen, gen.spec(), m);
            Trace other = Sessions.run(gen, gen.random().nextBoolean() ? RandomTraces.sequentialOf(t.spec()) : gen.spec(),
                    gen.random().nextInt(4) == 0 ? Sessions.machine(gen) : m);
            RunBaseline b = Baselines.choose(t, java.util.List.of(other));
            boolean candidate = other.status() == TaskStatus.COMPLETED && other.wallNanos() > 0
                    && other.spec().mode() == ExecutionMode.SEQUENTIAL
                    && other.spec().kind() == t.spec().kind() && other.spec().tasks() == t.spec().tasks()
                    && other.spec().taskSeconds() == t.spec().taskSeconds();
            boolean fair = candidate && Baselines.unfair(other, t).isEmpty();
            if (t.status() != TaskStatus.COMPLETED || t.wallNanos() <= 0 || t.spec().mode() == ExecutionMode.SEQUENTIAL) {
                continue;
            }
            if (fair) {
                used++;
                assertEquals(RunBaseline.Kind.SEQUENTIAL_RUN, b.kind());
                assertEquals(other.wallNanos(), b.run().wallNanos());
                assertEquals(other.machine().usableCores(), t.machine().usableCores());
                assertEquals(other.runtime().label().replaceAll(" ·.*", ""), t.runtime().label().replaceAll(" ·.*", ""));
                assertTrue(t.spec().kind() == TaskKind.SLEEP || Math.abs(other.conditions().otherLoad()
                        - t.conditions().otherLoad()) <= Baselines.LOAD_DIFFERENCE, "compute compares only at like loads");
            } else {
                assertNotEquals(RunBaseline.Kind.SEQUENTIAL_RUN, b.kind(), () -> "used " + other.spec().describe()
                        + " as the baseline of " + t.spec().describe());
                if (candidate) {
                    refused++;
                    assertFalse(b.why().isBlank(), "a refused sequential run says why");
                }
            }
        }
        assertTrue(used > 20 && refused > 20, "used " + used + ", refused " + refused);
    }

    @Test
    void speedupIsItsBaselineOverTheWallAndTheTableCellIsTheHeadersFigure() {
        RandomTraces gen = new RandomTraces(17);
        for (int i = 0; i < RUNS; i++) {
            Trace t = gen.trace();
            Trace base = gen.trace(RandomTraces.sequentialOf(t.spec()));
            RunFigures f = RunFigures.of(t.withBaseline(Baselines.choose(t, java.util.List.of(base))));
            if (f.hasSpeedup()) {
                double measured = f.baselineSeconds() / f.wallSeconds();
                assertTrue(f.speedup() <= f.usableCores(), () -> "past the limit: " + f);
                assertEquals(Math.min(measured, f.usableCores()), f.speedup(), 1e-12);
                assertTrue(measured <= f.usableCores() * (1 + RunFigures.LIMIT_NOISE) + 1e-12);
                assertNotEquals(RunBaseline.Kind.NONE, f.baseline());
                assertTrue(FigureText.speedup(f).startsWith(FigureText.speedupCell(f) + " " + f.baseline().label()),
                        FigureText.speedup(f));
                if (f.baseline() == RunBaseline.Kind.TOTAL_WORK) {
                    assertEquals(TaskKind.COMPUTE, t.spec().kind());
                    boolean allKnown = t.tasks().stream().allMatch(r -> r.status() == TaskStatus.COMPLETED && r.cpuKnown());
                    double cpu = t.tasks().stream().mapToLong(TaskRecord::cpuNanos).sum() / 1e9;
                    assertEquals(allKnown && cpu > 0 ? cpu : t.spec().totalWorkSeconds(), f.baselineSeconds(), 1e-9);
                }
            } else {
                assertFalse(f.noSpeedupReason().isBlank());
                if (f.status() == TaskStatus.COMPLETED && f.baseline() != RunBaseline.Kind.NONE) {
                    assertTrue(f.noSpeedupReason().startsWith("past the limit of "), f.noSpeedupReason());
                    assertTrue(f.baselineSeconds() / f.wallSeconds() > f.usableCores() * (1 + RunFigures.LIMIT_NOISE));
                }
            }
        }
    }

    @Test
    void concurrencyUsableCoresAndIdealFollowTheModel() {
        RandomTraces gen = new RandomTraces(18);
        for (int i = 0; i < RUNS; i++) {
            Trace t = gen.trace();
            ExperimentSpec s = t.spec();
            RunFigures f = RunFigures.of(t);
            int concurrency = s.mode() == ExecutionMode.SEQUENTIAL ? 1 : Math.min(s.workers(), s.tasks());
            assertEquals(concurrency, f.concurrency());
            assertEquals(t.machine().logicalCores(), f.machineCores());
            if (s.kind() == TaskKind.SLEEP) {
                assertEquals(concurrency, f.usableCores(), "waits overlap without cores");
            } else if (s.gil() && !s.mode().processBased()) {
                assertEquals(1, f.usableCores(), "one interpreter lock: one task computes at a time");
            } else {
                assertEquals(Math.min(concurrency, f.machineCores()), f.usableCores());
            }
            assertTrue(f.idealSeconds() >= s.taskSeconds() / f.usableCores() * Math.min(s.tasks(), f.usableCores()) - 1e-9);
            assertTrue(f.idealSeconds() <= s.totalWorkSeconds() + 1e-9, "never worse than one at a time");
            assertTrue(f.idealSeconds() >= s.totalWorkSeconds() / Math.max(f.usableCores(), 1) - 1e-9);
        }
    }

    @Test
    void theUsableCoresInputBoundsTheFiguresAtOnePlace() {
        RandomTraces gen = new RandomTraces(19);
        for (int i = 0; i < 500; i++) {
            Trace t = gen.trace();
            int cores = 1 + gen.random().nextInt(8);
            RunFigures f = RunFigures.of(t, cores);
            assertEquals(cores, f.machineCores());
            if (t.spec().kind() == TaskKind.COMPUTE) {
                assertTrue(f.usableCores() <= cores);
            }
        }
    }

    @Test
    void figuresReadBackFromARunFileAreTheFiguresThatWereWritten() throws Exception {
        RandomTraces gen = new RandomTraces(20);
        for (int i = 0; i < 300; i++) {
            Trace t = gen.trace();
            Trace back = RunFile.parse(RunFile.toJsonString(t), "random.json");
            assertEquals(RunFigures.of(t), RunFigures.of(back), () -> RunFile.toJsonString(t));
        }
    }

    @Test
    void ratiosHaveThreeSignificantDigitsAndOneSign() {
        RandomTraces gen = new RandomTraces(21);
        for (int i = 0; i < RUNS; i++) {
            double x = Math.pow(10, -2 + gen.random().nextDouble() * 7);
            String s = FigureText.ratio(x);
            assertTrue(s.startsWith("×") && !s.endsWith("×"), s);
            String digits = s.substring(1);
            int decimals = digits.contains(".") ? digits.length() - digits.indexOf('.') - 1 : 0;
            assertEquals(x < 9.995 ? 2 : x < 99.95 ? 1 : 0, decimals, s + " for " + x);
            double back = Double.parseDouble(digits);
            assertEquals(x, back, Math.max(0.005, x * 0.005 + 0.5 * Math.pow(10, -decimals)), s);
        }
        assertEquals("×1.80", FigureText.ratio(1.8));
        assertEquals("×8120", FigureText.ratio(8119.96));
        assertEquals("×12.3", FigureText.ratio(12.34));
        assertEquals(FigureText.DASH, FigureText.ratio(Double.NaN));
    }

    @Test
    void onlyTheFirstTaskOfEachNewProcessTakingLongerIsProcessStartUpNotADriftToRecalibrate() {
        RandomTraces gen = new RandomTraces(22);
        ExperimentSpec pool = new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.COMPUTE, 4, 0.2, 2, false);
        Trace base = gen.trace(pool, TaskStatus.COMPLETED);
        long asked = 200_000_000L;
        // W1 and W2 each run two tasks; their first tasks took 15 % more CPU, the second ones what was asked.
        java.util.List<TaskRecord> tasks = java.util.List.of(
                new TaskRecord(1, "W1", 0, 250_000_000L, TaskStatus.COMPLETED, "", asked * 115 / 100),
                new TaskRecord(2, "W2", 1, 250_000_000L, TaskStatus.COMPLETED, "", asked * 115 / 100),
                new TaskRecord(3, "W1", 250_000_001L, 450_000_000L, TaskStatus.COMPLETED, "", asked),
                new TaskRecord(4, "W2", 250_000_002L, 450_000_000L, TaskStatus.COMPLETED, "", asked * 101 / 100));
        Trace warm = with(base, pool, tasks);
        RunFigures f = RunFigures.of(warm);
        assertTrue(f.drift().detected());
        assertTrue(f.drift().processWarmUp());
        assertFalse(f.drift().recalibrate());
        assertTrue(FigureText.drift(f).startsWith("Process start-up: 2 of 4 compute tasks used more CPU time"),
                FigureText.drift(f));

        // The same in threads: no new JVM to blame, so the calibration is wrong.
        ExperimentSpec threads = new ExperimentSpec(ExecutionMode.POOL, TaskKind.COMPUTE, 4, 0.2, 2, false);
        assertTrue(RunFigures.of(with(base, threads, tasks)).drift().recalibrate());

        // A later task of a worker off too: not start-up.
        java.util.List<TaskRecord> late = new java.util.ArrayList<>(tasks);
        late.set(2, new TaskRecord(3, "W1", 250_000_001L, 450_000_000L, TaskStatus.COMPLETED, "", asked * 120 / 100));
        assertTrue(RunFigures.of(with(base, pool, late)).drift().recalibrate());
    }

    private static Trace with(Trace t, ExperimentSpec spec, java.util.List<TaskRecord> tasks) {
        return new Trace(spec, dev.corelanes.fixtures.Traces.machine(), t.calibration(), t.startedAt(), 450_000_000L, 0,
                TaskStatus.COMPLETED, "",
                tasks, t.workers(), t.spans(), 0, t.conditions());
    }
}

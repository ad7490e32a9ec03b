package dev.corelanes.engine.python;

import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.runners.Runs;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;
import dev.corelanes.engine.WorkerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The experiment run by a real CPython, end to end through {@link Experiment}. */
@Timeout(120)
class PythonRunTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @AfterEach
    void nothingLeftBehind() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<ProcessHandle> left = descendants();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = descendants();
        }
        assertTrue(left.isEmpty(), "processes left: " + left.stream().map(p -> p.pid() + " "
                + p.info().commandLine().orElse("?")).toList());
    }

    private static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static Trace run(ExperimentSpec spec, String startMethod, TraceListener... listeners) throws Exception {
        return await(Runs.start(spec, new PythonChoice(Pythons.python3(), startMethod), MACHINE, listeners));
    }

    /** A run that hangs is a failure, and is cancelled so that it leaves nothing behind for the next test. */
    private static Trace await(RunHandle h) throws Exception {
        try {
            return h.await(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            h.cancel();
            throw new AssertionError("the run did not end within 90 s", e);
        }
    }

    @Test
    void everyPythonTaskCarriesItsOwnCpuTimeApartFromTheInterpretersWork() throws Exception {
        // Threads and asyncio coroutines sleeping: microseconds of their own code each, however long the sleep.
        for (ExecutionMode mode : List.of(ExecutionMode.THREADS, ExecutionMode.VIRTUAL)) {
            Trace t = run(ExperimentSpec.of(mode, TaskKind.SLEEP, 20, 0.1, false), null);
            assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
            assertTrue(t.tasks().stream().allMatch(TaskRecord::cpuKnown), mode + ": " + t.tasks());
            assertTrue(t.tasks().stream().allMatch(r -> r.cpuNanos() < 10_000_000L), mode + ": " + t.tasks());
            RunFigures.CpuSplit c = RunFigures.of(t).cpuSplit();
            assertTrue(c.tasksKnown() && c.runtimeKnown(), c.unknownReason());
            assertEquals(t.cpuNanos() / 1e9, c.taskSeconds() + c.runtimeSeconds(), 1e-9);
        }
        // Computing threads: each task's own thread CPU time, at least the work asked (the GIL serialises it).
        Trace t = run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.2, false), null);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(t.tasks().stream().allMatch(r -> r.cpuKnown() && r.cpuNanos() > 100_000_000L), t.tasks().toString());
    }

    @Test
    void threadsComputeOneAtATimeUnderTheRealGil() throws Exception {
        Trace t = run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.3, false), "");
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(t.runtime().python());
        assertEquals("enabled", t.runtime().gil());
        assertEquals(1, RunFigures.of(t).usableCores(), "one interpreter lock: one task computes at a time");
        assertEquals(Set.of("T1", "T2"), t.tasks().stream().map(TaskRecord::worker).collect(Collectors.toSet()));
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.RUNNING && s.hasCore()),
                "running spans carry the CPU read in Python");
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.GIL_WAIT),
                "with two threads computing, each waits for the GIL while the other runs");
        assertTrue(t.calibration().stepsPerSecond() > 0);
        assertTrue(t.cpuNanos() > 0);
        // GIL waits of one task line up with the other task running. Not necessarily the first wait: with other
        // programs busy, the thread holding the lock may itself be preempted then (seen under two busy loops).
        List<Span> waits = t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT).toList();
        assertTrue(waits.stream().anyMatch(wait -> t.spans().stream().anyMatch(s -> s.task() != wait.task()
                && s.state() == SpanState.RUNNING && s.startNanos() < wait.endNanos() && s.endNanos() > wait.startNanos())),
                "the other thread ran while one waited for the GIL");
    }

    /**
     * The GIL's structure, whatever else the machine is doing: while both threads compute, only one runs at a
     * time, so the other is off the CPU (waiting for the GIL, or preempted when other programs have the CPUs),
     * and each of them waits for the GIL. How the off-CPU time splits depends on the machine's load, see below.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python3", "3.13"})
    void whileTwoThreadsComputeOneIsOffTheCpuAndEachWaitsForTheGil(String which) throws Exception {
        assumeFineCpuClock();
        Trace t = twoComputeThreads(which);
        long together = together(t);
        long off = total(t, SpanState.GIL_WAIT) + total(t, SpanState.PREEMPTED);
        assertTrue(together > 0, figures(t));
        assertTrue(off >= together / 2, "one thread at a time computes, the other is off the CPU: " + figures(t));
        for (TaskRecord r : t.tasks()) {
            assertTrue(t.spans().stream().anyMatch(s -> s.task() == r.id() && s.state() == SpanState.GIL_WAIT),
                    "task " + r.id() + " waited for the GIL too: " + figures(t));
        }
    }

    /**
     * GIL turns of 5 ms are off-CPU gaps a thread CPU clock moving in 15.6 ms ticks (Windows, or simulated with
     * -Dcorelanes.cpuClockTick) cannot see: the gap rule then draws only gaps longer than two ticks.
     */
    private static void assumeFineCpuClock() {
        long tick = dev.corelanes.engine.ThreadCpuClock.simulatedTickNanos();
        org.junit.jupiter.api.Assumptions.assumeTrue(tick < 1_000_000L, "the thread CPU clock moves in "
                + tick + " ns ticks: 5 ms GIL turns are finer than it can show");
    }

    /**
     * On a machine whose CPUs other programs leave free, the off-CPU time of two computing threads is mostly
     * waiting for the GIL. On a busy one the kernel keeps them waiting for a CPU too, and that is preempted:
     * on this 2-core machine shared by several builds (load 6-10) GIL waits were 13-83 % of the off-CPU time.
     * So this is checked only when the run's own figures say the machine was quiet (Linux /proc/stat, CPU
     * time of everything else below 30 % of the CPUs), and skipped, saying why, otherwise.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python3", "3.8", "3.13"})
    void onAQuietMachineMostOffCpuTimeOfTwoComputingThreadsIsGilWait(String which) throws Exception {
        assumeFineCpuClock();
        long[] before = cpuTicks();
        Trace t = twoComputeThreads(which);
        long[] after = cpuTicks();
        if (before == null || after == null || after[1] <= before[1]) {
            Pythons.skip("cannot tell how busy the machine was (no /proc/stat): " + figures(t));
        }
        double busy = (double) (after[0] - before[0]) / (after[1] - before[1]);
        double ours = t.cpuNanos() / (double) t.wallNanos() / Runtime.getRuntime().availableProcessors();
        double others = busy - ours;
        if (others > 0.30) {
            Pythons.skip(String.format(java.util.Locale.ROOT, "the machine was busy (other programs used %.0f %% of "
                    + "the CPUs), so part of the off-CPU time is rightly preempted: %s", others * 100, figures(t)));
        }
        assertTrue(total(t, SpanState.GIL_WAIT) > total(t, SpanState.PREEMPTED),
                String.format(java.util.Locale.ROOT, "others used %.0f %% of the CPUs: %s", others * 100, figures(t)));
        // The threads take turns every switch interval (5 ms), as without CoreLanes: a probe that made them swap
        // the GIL more often (every ~1 ms on 3.8-3.12 while one lock was shared by the tasks) changed what it showed.
        long[] waits = t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT)
                .mapToLong(s -> s.endNanos() - s.startNanos()).sorted().toArray();
        double median = waits.length == 0 ? 0 : waits[waits.length / 2] / 1e6;
        assertTrue(median > 2.5, String.format(java.util.Locale.ROOT,
                "a GIL wait lasts about the 5 ms switch interval; the median was %.2f ms over %d waits: %s",
                median, waits.length, figures(t)));
    }

    private static Trace twoComputeThreads(String which) throws Exception {
        PythonInterpreter python = which.equals("python3") ? Pythons.python3()
                : InterpreterProbe.probe(Pythons.pyenvVersion(which));
        Trace t = await(Runs.start(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.5, false),
                new PythonChoice(python, ""), MACHINE));
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        System.out.println(figures(t));
        return t;
    }

    /** From both tasks started to the first one ended. */
    private static long together(Trace t) {
        return t.tasks().stream().mapToLong(TaskRecord::endNanos).min().orElseThrow()
                - t.tasks().stream().mapToLong(TaskRecord::startNanos).max().orElseThrow();
    }

    private static String figures(Trace t) {
        return String.format(java.util.Locale.ROOT, "%s: both computing %.0f ms, GIL wait %.0f ms, preempted %.0f ms",
                t.runtime().label(), together(t) / 1e6, total(t, SpanState.GIL_WAIT) / 1e6,
                total(t, SpanState.PREEMPTED) / 1e6);
    }

    /** Linux: {busy, all} CPU ticks of the whole machine so far; null elsewhere. */
    private static long[] cpuTicks() {
        try {
            String[] w = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < w.length; i++) {
                all += Long.parseLong(w[i]);
            }
            long idle = Long.parseLong(w[4]) + Long.parseLong(w[5]); // idle, iowait
            return new long[] {all - idle, all};
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** As a JVM worker does: each process's own peak resident memory, where the OS says it (Linux, macOS). */
    private static void assertEachProcessReportedItsPeakMemory(Trace t, int processes) {
        List<WorkerInfo> procs = t.workers().stream().filter(w -> w.pid() > 0).toList();
        assertEquals(processes, procs.size(), procs.toString());
        if (System.getProperty("os.name").startsWith("Windows")) {
            assertTrue(procs.stream().allMatch(w -> w.peakRssBytes() == -1), "not measured on Windows: " + procs);
            assertTrue(dev.corelanes.engine.ProcessMemory.of(t).describe(t.status()).endsWith("not measured on this OS"));
            return;
        }
        // An interpreter is a few MiB at least, and no child of a 0.1 s task reaches a GiB.
        assertTrue(procs.stream().allMatch(w -> w.peakRssBytes() > (1 << 20) && w.peakRssBytes() < (1L << 30)),
                procs.toString());
        assertTrue(dev.corelanes.engine.ProcessMemory.of(t).describe(t.status())
                .endsWith("per worker process (" + processes + " of " + processes + " measured)"));
    }

    private static long total(Trace t, SpanState state) {
        return t.spans().stream().filter(s -> s.state() == state).mapToLong(s -> s.endNanos() - s.startNanos()).sum();
    }

    @ParameterizedTest(name = "start method {0}")
    @ValueSource(strings = {"fork", "spawn", "forkserver"})
    void processesPerStartMethodEachHaveTheirOwnPidAndASpawningSpan(String method) throws Exception {
        PythonInterpreter python = Pythons.python3();
        if (!python.startMethods().contains(method)) {
            Pythons.skip("start method " + method + " does not exist on this OS");
        }
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2, 0.1, false), method);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(method, t.runtime().startMethod());
        assertEquals(2, t.workers().stream().map(WorkerInfo::pid).filter(p -> p > 0).distinct().count(), t.workers().toString());
        assertEquals(Set.of("P1", "P2"), t.spans().stream().filter(s -> s.state() == SpanState.SPAWNING)
                .map(Span::worker).collect(Collectors.toSet()));
        assertEquals(2, RunFigures.of(t).usableCores());
        assertEachProcessReportedItsPeakMemory(t, 2);
    }

    @Test
    void aProcessPoolOfTwoRunsFourTasksOnTwoProcesses() throws Exception {
        Trace t = run(new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.SLEEP, 4, 0.05, 2, false), "");
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(2, t.tasks().stream().map(TaskRecord::worker).distinct().count(), t.tasks().toString());
        assertEachProcessReportedItsPeakMemory(t, 2); // said as the pool ends each process
    }

    @Test
    void asyncioSleepsOverlapOnOneThread() throws Exception {
        Trace t = run(ExperimentSpec.of(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 5, 0.3, false), "");
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(Set.of("main"), t.tasks().stream().map(TaskRecord::worker).collect(Collectors.toSet()));
        long lastStart = t.tasks().stream().mapToLong(TaskRecord::startNanos).max().orElseThrow();
        long firstEnd = t.tasks().stream().mapToLong(TaskRecord::endNanos).min().orElseThrow();
        assertTrue(lastStart < firstEnd, "every task started before any ended: they waited together");
    }

    @Test
    void asyncioComputeIsRefusedWithAReason() throws Exception {
        Trace t = run(ExperimentSpec.of(ExecutionMode.VIRTUAL, TaskKind.COMPUTE, 2, 0.1, false), "");
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.message().startsWith("In Python, virtual threads are asyncio tasks"), t.message());
    }

    @Test
    void cancelStopsPythonAndItsChildProcesses() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        TraceListener l = new TraceListener() {
            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.RUNNING) {
                    running.countDown();
                }
            }
        };
        PythonInterpreter python = Pythons.python3();
        String method = python.startMethods().contains("forkserver") ? "forkserver" : "";
        RunHandle h = Runs.start(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2, 30, false),
                new PythonChoice(python, method), MACHINE, l);
        assertTrue(running.await(60, TimeUnit.SECONDS), "both children computing");
        h.cancel();
        Trace t = h.await(30, TimeUnit.SECONDS);
        assertEquals(TaskStatus.CANCELLED, t.status(), t.message());
        assertTrue(t.tasks().stream().allMatch(r -> r.status() == TaskStatus.CANCELLED), t.tasks().toString());
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.RUNNING), "what ran until the cancel is kept");
    }

    @Test
    void aKilledInterpreterFailsTheRunWithTheCauseInOneLine() throws Exception {
        Set<Long> pids = ConcurrentHashMap.newKeySet();
        TraceListener killer = new TraceListener() {
            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.SLEEPING && pids.isEmpty()) {
                    ProcessHandle.current().children().forEach(p -> {
                        pids.add(p.pid());
                        p.destroyForcibly(); // kill -9 the interpreter in the middle of the run
                    });
                }
            }
        };
        Trace t = run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 5, false), "", killer);
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.message().matches("CPython .* \\(pid \\d+\\) ended during the run \\(killed by SIGKILL\\)"),
                t.message());
        assertFalse(t.message().contains("\n"));
        assertTrue(t.tasks().stream().anyMatch(r -> r.status() == TaskStatus.FAILED), t.tasks().toString());
    }

    /** An "interpreter" that is a shell script: what a broken install or a wrong path looks like to the parent. */
    private static PythonChoice fake(java.nio.file.Path dir, String body) throws Exception {
        dev.corelanes.fixtures.Needs.shell(); // a shell script stands for the interpreter
        java.nio.file.Path script = dir.resolve("python3");
        java.nio.file.Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        script.toFile().setExecutable(true);
        return new PythonChoice(new PythonInterpreter(script.toString(), script.toString(), "3.11.0", "cpython", true,
                false, List.of("fork", "spawn"), "fork", ""), "");
    }

    @Test
    void anInterpreterThatDiesAtStartFailsTheRunWithWhatItSaid(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Trace t = await(Runs.start(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.1, false),
                fake(dir, "echo 'Fatal Python error: init_fs_encoding: failed to get the Python codec' >&2; exit 1"),
                MACHINE));
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.message().matches("CPython 3\\.11\\.0 \\(pid \\d+\\) ended while starting \\(exit code 1\\); it said: "
                + "Fatal Python error: init_fs_encoding: failed to get the Python codec"), t.message());
    }

    @Test
    void aWorkerThatSpeaksGarbageFailsTheRunAndIsKilled(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Trace t = await(Runs.start(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.1, false),
                fake(dir, "echo 'hello corelanes-python 1 4242'; read line; echo 'Traceback (most recent call last):'; "
                        + "sleep 60"), MACHINE));
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.message().startsWith("CPython 3.11.0 (pid 4242) broke the worker protocol: unknown message "
                + "'Traceback"), t.message());
    }

    @ParameterizedTest(name = "Python {0}")
    @ValueSource(strings = {"3.8", "3.9", "3.10", "3.12", "3.13"})
    void everySupportedVersionRunsTheWorker(String version) throws Exception {
        PythonInterpreter python = InterpreterProbe.probe(Pythons.pyenvVersion(version));
        Trace t = await(Runs.start(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.05, false),
                new PythonChoice(python, ""), MACHINE));
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(python.version(), t.runtime().version());
    }

    @Test
    void aFreeThreadedInterpreterComputesOnTwoCoresAtOnce() throws Exception {
        PythonInterpreter python = Pythons.freeThreaded();
        Trace t = await(Runs.start(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.3, false),
                new PythonChoice(python, ""), MACHINE));
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals("disabled", t.runtime().gil());
        assertEquals(0, t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT).count());
    }

    /**
     * {@code --cpus 1} with Python: the interpreter and every process it starts inherit the pin (it had run on
     * every CPU while the output claimed the pin), in every mode and start method.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "processes fork", "processes spawn", "processes forkserver", "process-pool"})
    void aPinnedPythonRunStaysOnItsCpu(String how) throws Exception {
        dev.corelanes.engine.platform.CpuAffinity a = dev.corelanes.engine.platform.host.Host.affinity();
        org.junit.jupiter.api.Assumptions.assumeTrue(a.supported(), a.unsupportedReason());
        List<Integer> allowed = a.allowedCpus();
        org.junit.jupiter.api.Assumptions.assumeTrue(allowed.size() >= 2, "needs 2 usable CPUs");
        PythonInterpreter python = Pythons.python3();
        org.junit.jupiter.api.Assumptions.assumeFalse(python.coreCall().isEmpty(), "the interpreter cannot read its CPU");
        String[] w = how.split(" ");
        String method = w.length > 1 ? w[1] : "";
        if (!method.isEmpty() && !python.startMethods().contains(method)) {
            Pythons.skip("start method " + method + " does not exist on this OS");
        }
        ExecutionMode mode = ExecutionMode.parse(w[0]);
        ExperimentSpec spec = mode.pooled() ? new ExperimentSpec(mode, TaskKind.COMPUTE, 2, 0.2, 2, false)
                : ExperimentSpec.of(mode, TaskKind.COMPUTE, 2, 0.2, false);
        int cpu = allowed.get(allowed.size() - 1);
        Trace t = await(Runs.start(spec, new PythonChoice(python, method), MACHINE.pinnedTo(List.of(cpu))));
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(List.of(cpu), t.machine().pinnedCpus());
        Set<Integer> cores = t.spans().stream().filter(s -> s.state() == SpanState.RUNNING && s.hasCore())
                .map(Span::core).collect(Collectors.toSet());
        assertEquals(Set.of(cpu), cores, how + " ran outside CPU " + cpu);
    }
}

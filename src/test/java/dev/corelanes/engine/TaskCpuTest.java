package dev.corelanes.engine;

import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task's own CPU time on any thread, and the run's CPU time without the threads that are not the run's. Only
 * CPU times are compared (never wall time): they hold on a machine other programs keep busy.
 */
class TaskCpuTest {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /** Spins the kernel until the calling thread's own clock says it used {@code nanos} of CPU time. */
    private static void burnOnPlatform(long nanos) {
        long end = MX.getCurrentThreadCpuTime() + nanos;
        long x = 1;
        while (MX.getCurrentThreadCpuTime() < end) {
            x = ComputeKernel.spin(x, 10_000);
        }
        ComputeKernel.publish(x);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aVirtualThreadsComputeIsTimedOnItsCarrierAsAPlatformThreadsOnItsOwnClock() throws Exception {
        assertTrue(CarrierClock.available(), CarrierClock.unavailableReason());
        int steps = 20_000_000;
        AtomicLong platform = new AtomicLong();
        Thread.ofPlatform().start(() -> {
            TaskCpu c = TaskCpu.start();
            ComputeKernel.publish(ComputeKernel.spin(1, steps));
            platform.set(c.stop());
        }).join();
        AtomicLong virtual = new AtomicLong();
        Thread.ofVirtual().start(() -> {
            TaskCpu c = TaskCpu.start();
            ComputeKernel.publish(ComputeKernel.spin(1, steps));
            virtual.set(c.stop());
        }).join();
        assertTrue(platform.get() > 0 && virtual.get() > 0, platform + " / " + virtual);
        double ratio = (double) virtual.get() / platform.get();
        assertTrue(ratio > 0.5 && ratio < 2, "the same work: " + virtual + " ns on a virtual thread, " + platform
                + " ns on a platform thread");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aSleepingVirtualThreadCountsItsOwnCodeNotTheCarriersOtherWork() throws Exception {
        // While one virtual thread sleeps, another computes on the carriers: none of that is the sleeper's.
        AtomicLong sleeper = new AtomicLong(-2);
        Thread s = Thread.ofVirtual().start(() -> {
            TaskCpu c = TaskCpu.start();
            c.pause();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.resume();
            sleeper.set(c.stop());
        });
        AtomicLong worker = new AtomicLong();
        Thread w = Thread.ofVirtual().start(() -> {
            TaskCpu c = TaskCpu.start();
            ComputeKernel.publish(ComputeKernel.spin(1, 50_000_000));
            worker.set(c.stop());
        });
        s.join();
        w.join();
        assertTrue(sleeper.get() >= 0, "measured: " + sleeper);
        assertTrue(sleeper.get() < 20_000_000L, "a sleeping task used " + sleeper + " ns of CPU time");
        assertTrue(worker.get() > 10 * sleeper.get(), worker + " vs " + sleeper);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void sleepingVirtualThreadsReadAFewMicrosecondsEachApartFromTheRuntime() throws Exception {
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 2000, 0.1, false),
                MachineInfo.fromJvm());
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(t.tasks().stream().allMatch(TaskRecord::cpuKnown), "every task measured");
        long tick = ThreadCpuClock.simulatedTickNanos(); // on a coarse clock a stretch may read one whole tick
        assertTrue(t.tasks().stream().allMatch(r -> r.cpuNanos() < 10_000_000L + tick), "no sleeping task used 10 ms");
        RunFigures.CpuSplit c = RunFigures.of(t).cpuSplit();
        assertTrue(t.conditions().runtimeCpuMeasured());
        assertTrue(c.tasksKnown() && c.runtimeKnown(), c.unknownReason());
        assertEquals(RunFigures.of(t).cpuSeconds(), c.taskSeconds() + c.runtimeSeconds(), 1e-9);
    }

    @Test
    void aPlatformThreadKeepsItsOwnClock() throws Exception {
        AtomicLong measured = new AtomicLong();
        AtomicLong own = new AtomicLong();
        Thread.ofPlatform().start(() -> {
            long before = MX.getCurrentThreadCpuTime();
            TaskCpu c = TaskCpu.start();
            burnOnPlatform(30_000_000L);
            measured.set(c.stop());
            own.set(MX.getCurrentThreadCpuTime() - before);
        }).join();
        long tick = ThreadCpuClock.simulatedTickNanos(); // a coarse clock's reading is up to one tick off
        assertTrue(measured.get() >= 30_000_000L - tick && measured.get() <= own.get() + tick, measured + " of " + own);
    }

    @Test
    void theRunsCpuTimeLeavesOutThreadsThatAreNotTheRuns() throws Exception {
        // A window drawing its frames during a run: a thread that was there before the run started.
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread bystander = Thread.ofPlatform().daemon(true).start(() -> {
            long x = 1;
            while (!stop.get()) {
                x = ComputeKernel.spin(x, 10_000);
            }
            ComputeKernel.publish(x);
        });
        burnOnPlatform(50_000_000L); // the JIT compiles the loops now, not inside the measured stretch
        awaitCpu(bystander, 50_000_000L);
        try {
            long b0 = MX.getThreadCpuTime(bystander.threadId());
            RunCpu run = RunCpu.start();
            awaitCpu(bystander, b0 + 800_000_000L); // far more than the JIT and GC may do meanwhile
            long alone = run.sinceStart();
            long bystanderCpu = MX.getThreadCpuTime(bystander.threadId()) - b0;
            assertTrue(alone < bystanderCpu / 3, "the bystander's " + bystanderCpu + " ns must not count: the run "
                    + "measured " + alone + " ns");

            // The run's own work: a thread started after the run began counts. The bystander stops first: the
            // process's and a thread's CPU times are read one after the other, and a thread spinning between
            // the two readings would be taken off the run (milliseconds on a busy machine: the flake seen).
            stop.set(true);
            bystander.join();
            AtomicLong taskCpu = new AtomicLong();
            Thread.ofPlatform().start(() -> {
                long before = MX.getCurrentThreadCpuTime();
                burnOnPlatform(100_000_000L);
                taskCpu.set(MX.getCurrentThreadCpuTime() - before);
            }).join();
            long withTask = run.sinceStart();
            assertTrue(withTask - alone >= taskCpu.get(), "the run's thread counts: " + (withTask - alone) + " < " + taskCpu);
        } finally {
            stop.set(true);
            bystander.join();
        }
    }

    /** Waits until {@code t} has used {@code nanos} of CPU time in all (it spins: a busy machine only slows this). */
    private static void awaitCpu(Thread t, long nanos) throws InterruptedException {
        while (MX.getThreadCpuTime(t.threadId()) < nanos) {
            Thread.sleep(5);
        }
    }
}

package dev.corelanes.engine.process;

import dev.corelanes.engine.Backend;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.RunContext;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs tasks in child worker processes: one process per task ({@code processes}), or a pool of
 * {@code workers} long-lived processes that take tasks in turn from one shared queue
 * ({@code process-pool}, like Python's {@code multiprocessing.Pool}). Each process is driven by one
 * thread of this JVM, which talks to it over its stdin/stdout.
 *
 * <p>Failures: a task whose process dies or misbehaves fails with the reason; the other tasks go on and
 * the run ends failed. In a pool, the dead worker takes no more tasks: the tasks it had not taken stay
 * in the shared queue for the others; if no worker is left, they fail as "not run".
 */
public final class ProcessBackend implements Backend {

    private final WorkerCommand command;
    private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
    private final Set<Integer> settled = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public ProcessBackend() {
        this(WorkerCommand.forThisJvm());
    }

    ProcessBackend(WorkerCommand command) {
        this.command = command;
    }

    @Override
    public void run(RunContext run) throws InterruptedException {
        ExperimentSpec spec = run.spec();
        String config = WorkerProtocol.config(run.calibration().stepsPerSecond(), spec.kind(), spec.taskSeconds(),
                spec.gil());
        List<Thread> threads = new ArrayList<>();
        if (spec.mode() == ExecutionMode.PROCESSES) {
            for (int t = 1; t <= spec.tasks(); t++) {
                int task = t;
                String name = "P" + t;
                threads.add(thread(name, () -> serve(run, name, config, task, () -> 0)));
            }
        } else if (spec.mode() == ExecutionMode.PROCESS_POOL) {
            AtomicInteger next = new AtomicInteger(1);
            IntSupplier queue = () -> {
                int t = next.getAndIncrement();
                return t <= spec.tasks() ? t : 0;
            };
            for (int w = 1; w <= spec.workers(); w++) {
                String name = "P" + w;
                threads.add(thread(name, () -> serve(run, name, config, 0, queue)));
            }
        } else {
            throw new IllegalStateException(spec.mode() + " does not run in processes");
        }
        try {
            for (Thread t : threads) {
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            for (WorkerProcess w : workers) {
                w.close(); // nothing outlives the run, whatever happened
            }
        }
        failTasksNobodyRan(run);
        // After the run, not during it: building the cache takes a core for ~1 s.
        StartupCache.prepare(command);
    }

    /**
     * Builds the worker start-up cache now if it is missing (a benchmark does this first, so it measures
     * the steady state). Completes with true when children will start from a cache.
     */
    public static CompletableFuture<Boolean> prepareStartupCache() {
        return StartupCache.prepare(WorkerCommand.forThisJvm());
    }

    private static Thread thread(String name, Runnable body) {
        return Thread.ofPlatform().name("corelanes-" + name).unstarted(body);
    }

    /**
     * Drives one worker process: start it, then run {@code firstTask} (processes) or tasks from
     * {@code queue} until it is empty (pool), then end it.
     */
    private void serve(RunContext run, String name, String config, int firstTask, IntSupplier queue) {
        if (run.cancelled()) {
            return;
        }
        run.pinThisThread(); // the child inherits this thread's CPUs (Linux)
        WorkerProcess w = new WorkerProcess(name, command, run::now, run.sink(), run::recordWorker);
        workers.add(w);
        if (cancelled) {
            w.stop(); // cancel() may have walked the list just before this worker joined it
        }
        int current = firstTask;
        long currentStart = run.now();
        try {
            w.start();
            w.handshake(config);
            int task = firstTask != 0 ? firstTask : queue.getAsInt();
            while (task != 0 && !run.cancelled()) {
                current = task;
                currentStart = run.now();
                WorkerProcess.TaskResult r = w.runTask(task);
                settle(run, new TaskRecord(task, name, r.startNanos() >= 0 ? r.startNanos() : currentStart,
                        r.endNanos(), r.status(), r.status() == TaskStatus.CANCELLED ? "cancelled" : "", r.cpuNanos()));
                run.addCpu(r.cpuNanos());
                current = 0;
                task = firstTask != 0 ? 0 : queue.getAsInt();
            }
            long overhead = w.finish();
            if (overhead > 0) {
                run.addCpu(overhead);
            }
        } catch (WorkerFailure f) {
            if (current != 0) {
                long start = w.taskStartNanos() >= 0 ? w.taskStartNanos() : currentStart;
                if (run.cancelled() || w.stopRequested()) {
                    settle(run, new TaskRecord(current, name, start, Math.max(start, run.now()),
                            TaskStatus.CANCELLED, "cancelled"));
                } else {
                    String why = "task " + current + " failed: " + f.getMessage();
                    run.fail(why);
                    settle(run, new TaskRecord(current, name, start, Math.max(start, run.now()), TaskStatus.FAILED,
                            f.getMessage()));
                }
            } else if (!run.cancelled() && !w.stopRequested()) {
                run.fail(f.getMessage());
            }
        } finally {
            w.close();
        }
    }

    private void settle(RunContext run, TaskRecord record) {
        if (settled.add(record.id())) {
            run.recordTask(record);
        }
    }

    /** Pool only: tasks left in the queue when every worker had died. Cancelled runs leave them "never started". */
    private void failTasksNobodyRan(RunContext run) {
        if (run.cancelled()) {
            return;
        }
        int missing = 0;
        long now = run.now();
        for (int id = 1; id <= run.spec().tasks(); id++) {
            if (!settled.contains(id)) {
                missing++;
                settle(run, new TaskRecord(id, "", now, now, TaskStatus.FAILED,
                        "not run: no worker process was left to run it"));
            }
        }
        if (missing > 0) {
            run.fail(missing + (missing == 1 ? " task was" : " tasks were") + " not run: no worker process was left");
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        for (WorkerProcess w : workers) {
            w.stop();
        }
    }

    /** Worker processes of this JVM still alive (tests and the benchmark check that none are left). */
    public static int liveWorkers() {
        return ChildProcesses.liveCount();
    }
}

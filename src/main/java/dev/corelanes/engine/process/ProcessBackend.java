package dev.corelanes.engine.process;

import dev.corelanes.engine.Backend;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.ResourceLimits;
import dev.corelanes.engine.RunContext;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.child.Children;
import dev.corelanes.engine.child.ClockSync;
import dev.corelanes.engine.child.TaskDeadlines;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    private final StartupCache.Use cache;
    private final TaskDeadlines deadlines;
    private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
    private final Set<Integer> settled = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    /** The first real cause a worker failed with: tasks nobody could run name it, not just "no worker left". */
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicReference<String> refusal = new AtomicReference<>();

    public ProcessBackend() {
        this(WorkerCommand.forThisJvm());
    }

    ProcessBackend(WorkerCommand command) {
        this(command, StartupCache.Use.of(command), TaskDeadlines.configured());
    }

    ProcessBackend(WorkerCommand command, StartupCache.Use cache, TaskDeadlines deadlines) {
        this.command = command;
        this.cache = cache;
        this.deadlines = deadlines;
    }

    /**
     * Before the run's clock: the parent's own one-off costs of its first spawn in this JVM — checking the
     * start-up cache (a checksum over ~16 MB), loading the classes that start and talk to a child. They were
     * ~40 ms of a cold CLI run's wall before the first spawn. No process is started here: each worker's start
     * stays inside its own spawning span.
     */
    @Override
    public void prepare(ExperimentSpec spec) {
        List<String> flags = cache.flags(); // validates once per JVM; later calls only compare the file's size and time
        for (String c : List.of("java.lang.ProcessImpl", WorkerProcess.class.getName(),
                WorkerConversation.class.getName(), WorkerLineParser.class.getName())) {
            try {
                Class.forName(c, true, ProcessBackend.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // only a head start: the run loads what it needs anyway
            }
        }
        rehearse(spec, flags);
    }

    private static volatile boolean rehearsed;

    /**
     * Runs once per JVM, on nothing, the parent's code between the run's clock and a worker's first task — a config
     * line, a worker's command with its copied environment, the handshake's lines parsed — so that a cold
     * JVM does not interpret it for the first time inside the run (it was ~5–10 ms of clock → first spawn, and
     * ~3 ms for the first ping). No process is started and nothing is kept.
     */
    private void rehearse(ExperimentSpec spec, List<String> flags) {
        if (rehearsed) {
            return; // the JIT has seen it: later runs of this JVM gain nothing from another pass
        }
        rehearsed = true;
        try {
            WorkerProtocol.config(1, spec.kind(), spec.taskSeconds(), spec.gil());
            if (command.problem() == null) {
                command.builder("P1", flags);
            }
            WorkerConversation c = new WorkerConversation();
            c.accept(WorkerLineParser.parse(WorkerProtocol.hello(ProcessHandle.current().pid(), -1)));
            c.pingSent(1);
            c.accept(WorkerLineParser.parse(WorkerProtocol.pong(1, 1)));
            new ClockSync().sample(0, 1, 2);
            WorkerProtocol.ping(1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        } catch (ProtocolException | RuntimeException e) {
            // only a head start
        }
    }

    @Override
    public void run(RunContext run) throws InterruptedException {
        ExperimentSpec spec = run.spec();
        String config = WorkerProtocol.config(run.calibration().stepsPerSecond(), run.calibration().cpuTick(), spec.kind(),
                spec.taskSeconds(), spec.gil());
        List<Thread> threads = new ArrayList<>();
        if (spec.mode() == ExecutionMode.PROCESSES) {
            for (int t = 1; t <= spec.tasks(); t++) {
                int task = t;
                String name = dev.corelanes.engine.WorkerNames.of(spec, t);
                threads.add(thread(name, () -> serve(run, name, config, task, () -> 0)));
            }
        } else if (spec.mode() == ExecutionMode.PROCESS_POOL) {
            AtomicInteger next = new AtomicInteger(1);
            IntSupplier queue = () -> {
                int t = next.getAndIncrement();
                return t <= spec.tasks() ? t : 0;
            };
            for (int w = 1; w <= spec.workers(); w++) {
                String name = dev.corelanes.engine.WorkerNames.of(spec, w);
                threads.add(thread(name, () -> serve(run, name, config, 0, queue)));
            }
        } else {
            throw new IllegalStateException(spec.mode() + " does not run in processes");
        }
        List<Thread> started = new ArrayList<>();
        try {
            for (Thread t : threads) {
                if (run.cancelled()) {
                    break; // Ctrl-C or Cancel: launch nothing more
                }
                try {
                    t.start();
                } catch (OutOfMemoryError e) {
                    // The system refused a thread to drive the next worker (ulimit -u, memory): say so once.
                    run.fail(ResourceLimits.refused(started.size(), threads.size(), "worker processes", e));
                    break;
                }
                started.add(t);
            }
            for (Thread t : started) {
                t.join();
            }
            reportRefusedProcesses(run, threads.size());
        } finally {
            for (WorkerProcess w : workers) {
                w.close(); // nothing outlives the run, whatever happened
            }
        }
        failTasksNobodyRan(run);
        if (!run.cancelled()) {
            // After the run, not during it: building the cache takes a core for ~1 s. Not after a cancel:
            // a Ctrl-C must not start a builder.
            cache.prepare();
        }
    }

    /**
     * Builds the worker start-up cache now if it is missing (a benchmark does this first, so it measures
     * the steady state). Completes with true when children will start from a cache.
     */
    public static CompletableFuture<Boolean> prepareStartupCache() {
        return StartupCache.prepare(WorkerCommand.forThisJvm());
    }

    /**
     * Waits at most {@code millis} for a start-up cache being built by this JVM: a command-line run waits
     * for it rather than leave a builder behind when it exits (nothing outlives the CLI).
     */
    public static void awaitStartupCache(long millis) {
        StartupCache.await(millis);
    }

    private static Thread thread(String name, Runnable body) {
        return Thread.ofPlatform().name("corelanes-" + name).unstarted(body);
    }

    /**
     * Drives one worker process: start it, then run {@code firstTask} (processes) or tasks from
     * {@code queue} until it is empty (pool), then end it. Only the user's cancel makes a task
     * {@code cancelled}; every other end of a worker fails its task and the run, with the cause.
     */
    private void serve(RunContext run, String name, String config, int firstTask, IntSupplier queue) {
        if (run.cancelled()) {
            return;
        }
        if (refusal.get() != null) {
            // The system already refused a process: trying more would only fail more (and slowly).
            refused.incrementAndGet();
            if (firstTask != 0) {
                long now = run.now();
                settle(run, new TaskRecord(firstTask, name, now, now, TaskStatus.FAILED, "not started: " + refusal.get()));
            }
            return;
        }
        try {
            serveOrThrow(run, name, config, firstTask, queue);
        } catch (OutOfMemoryError e) {
            // A thread this JVM needed for the worker (its stderr drain, a timer) was refused.
            String why = ResourceLimits.refusal(e);
            refused.incrementAndGet();
            refusal.compareAndSet(null, why);
            if (firstTask != 0) {
                long now = run.now();
                settle(run, new TaskRecord(firstTask, name, now, now, TaskStatus.FAILED, "not started: " + why));
            }
        }
    }

    private void serveOrThrow(RunContext run, String name, String config, int firstTask, IntSupplier queue) {
        WorkerProcess[] w = new WorkerProcess[1];
        int current = firstTask;
        long currentStart = run.now();
        long taskLimit = deadlines.taskMillis(run.spec(), Runtime.getRuntime().availableProcessors());
        try {
            start(run, name, config, w);
            int task = firstTask != 0 ? firstTask : queue.getAsInt();
            while (task != 0 && !run.cancelled()) {
                current = task;
                currentStart = run.now();
                int t = task;
                WorkerProcess.TaskResult r = w[0].within(taskLimit, "did not finish task " + task + " within "
                        + WorkerProcess.seconds(taskLimit) + " (the deadline for this workload)", () -> w[0].runTask(t));
                settle(run, new TaskRecord(task, name, r.startNanos() >= 0 ? r.startNanos() : currentStart,
                        r.endNanos(), r.status(), r.status() == TaskStatus.CANCELLED ? "cancelled" : "", r.cpuNanos()));
                run.addCpu(r.cpuNanos());
                current = 0;
                task = firstTask != 0 ? 0 : queue.getAsInt();
            }
            long overhead = w[0].within(deadlines.startupMillis(), "did not end within "
                    + WorkerProcess.seconds(deadlines.startupMillis()) + " after its last task", w[0]::finish);
            if (overhead > 0) {
                run.addCpu(overhead);
            }
        } catch (WorkerFailure f) {
            boolean byStop = f.byStop();
            if (f.refused()) {
                if (current != 0) {
                    settle(run, new TaskRecord(current, name, currentStart, currentStart, TaskStatus.FAILED,
                            "not started: " + f.getMessage()));
                }
                return;
            }
            if (!byStop) {
                firstFailure.compareAndSet(null, f.getMessage());
            }
            if (current != 0) {
                long start = w[0] != null && w[0].taskStartNanos() >= 0 ? w[0].taskStartNanos() : currentStart;
                if (byStop) {
                    settle(run, new TaskRecord(current, name, start, Math.max(start, run.now()),
                            TaskStatus.CANCELLED, "cancelled"));
                } else {
                    run.fail("task " + current + " failed: " + f.getMessage());
                    settle(run, new TaskRecord(current, name, start, Math.max(start, run.now()), TaskStatus.FAILED,
                            f.getMessage()));
                }
            } else if (!byStop) {
                run.fail(f.getMessage());
            }
        } finally {
            if (w[0] != null) {
                w[0].close();
            }
        }
    }

    /**
     * Starts a worker and shakes hands. A child that dies at start while using the start-up cache is
     * started once more without it, and the cache is removed: a damaged cache must not fail every run.
     */
    private void start(RunContext run, String name, String config, WorkerProcess[] w) throws WorkerFailure {
        List<String> flags = cache.flags();
        run.pinThisThread(); // the child inherits this thread's CPUs (Linux)
        for (int attempt = 1; ; attempt++) {
            w[0] = new WorkerProcess(name, command, run::now, run.sink(), run::recordWorker);
            w[0].startupTimeout(deadlines.startupMillis());
            workers.add(w[0]);
            if (cancelled) {
                w[0].stop(); // cancel() may have walked the list just before this worker joined it
            }
            try {
                WorkerProcess p = w[0];
                p.start(flags);
                p.within(deadlines.startupMillis(), "did not finish its handshake within "
                        + WorkerProcess.seconds(deadlines.startupMillis()), () -> {
                    p.handshake(config);
                    return null;
                });
                return;
            } catch (WorkerFailure f) {
                if (w[0].refusedBySystem()) {
                    refused.incrementAndGet(); // reported once for all, after the run (see reportRefusedProcesses)
                    workers.remove(w[0]);
                    refusal.compareAndSet(null, f.getMessage());
                    throw WorkerFailure.refused(f.getMessage());
                }
                if (attempt > 1 || flags.isEmpty() || !w[0].diedWhileStarting()) {
                    throw f;
                }
                w[0].close();
                cache.discard(f.getMessage());
                flags = List.of();
            }
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
                settle(run, new TaskRecord(id, "", now, now, TaskStatus.FAILED, "not run: " + noWorkerLeft()));
            }
        }
        if (missing > 0) {
            run.fail(missing + (missing == 1 ? " task was" : " tasks were") + " not run: " + noWorkerLeft());
        }
    }

    /** One line for all the processes the system refused to start, with how many could be started. */
    private void reportRefusedProcesses(RunContext run, int planned) {
        int n = refused.get();
        if (n > 0) {
            // First: the other failures (workers that died for want of threads) follow from this one.
            run.failFirst("started " + (planned - n) + " of " + planned + " worker processes; the system refused the other "
                    + n + ": " + refusal.get() + ResourceLimits.noteFor(refusal.get()));
        }
    }

    private String noWorkerLeft() {
        String cause = firstFailure.get();
        return "no worker process was left" + (cause == null ? "" : " (" + cause + ")");
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
        return Children.liveCount();
    }
}

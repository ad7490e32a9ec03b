package dev.corelanes.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on threads of this JVM: one thread for all (sequential), one platform or virtual thread per
 * task, or a fixed pool of platform threads that take tasks in turn.
 */
final class ThreadBackend implements Backend {

    // A queue, not a copy-on-write list: 10 000 adds must stay linear.
    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();

    /** Made before the run's clock starts (see {@link Experiment}): what it prepares is not a task's cost. */
    ThreadBackend(ExecutionMode mode) {
        if (mode == ExecutionMode.VIRTUAL) {
            startVirtualScheduler();
        }
    }

    private static volatile boolean schedulerStarted;

    /**
     * Starts the JDK's virtual-thread scheduler once per JVM, with one empty virtual thread. In a cold JVM that
     * first start loads and initialises the scheduler (a carrier pool and its timer) — a one-time cost of the
     * JVM, not of a thread — which otherwise fell inside the first run's launch ramp and delayed every task.
     */
    private static void startVirtualScheduler() {
        if (schedulerStarted) {
            return;
        }
        try {
            Thread.ofVirtual().name("corelanes-warm-up").start(() -> { }).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run sees the interrupt and stops as a cancel
            return;
        }
        schedulerStarted = true;
    }

    @Override
    public void run(RunContext run) throws InterruptedException {
        ExperimentSpec spec = run.spec();
        // One lock per interpreter: all threads of this run share it.
        PythonGil gil = spec.gil() ? new PythonGil() : null;
        TaskEnvironment env = run.environment(gil);
        AtomicInteger next = new AtomicInteger(1);
        // Threads are created and started in one pass, so the first task starts at once (building 10 000
        // virtual threads before starting any would delay them all).
        int count = switch (spec.mode()) {
            case SEQUENTIAL -> 1;
            case POOL -> spec.workers();
            case THREADS, VIRTUAL -> spec.tasks();
            default -> throw new IllegalStateException(spec.mode() + " does not run on threads");
        };
        boolean virtual = spec.mode() == ExecutionMode.VIRTUAL;
        boolean perTask = spec.mode() == ExecutionMode.THREADS || virtual;
        for (int i = 1; i <= count && !run.cancelled(); i++) {
            String name = switch (spec.mode()) {
                case SEQUENTIAL -> "main";
                case POOL -> "W" + i;
                default -> (virtual ? "V" : "T") + i;
            };
            int task = i;
            Runnable body = perTask ? () -> runTask(run, env, task, name) : () -> takeTasks(run, env, name, next);
            threads.add(virtual ? Thread.ofVirtual().name(name).start(body) : Thread.ofPlatform().name(name).start(body));
        }
        for (Thread t : threads) {
            run.recordWorker(WorkerInfo.thread(t.getName()));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void takeTasks(RunContext run, TaskEnvironment env, String worker, AtomicInteger next) {
        for (int task = next.getAndIncrement(); task <= run.spec().tasks(); task = next.getAndIncrement()) {
            if (run.cancelled()) {
                return; // the runner records the tasks that never started
            }
            runTask(run, env, task, worker);
        }
    }

    private static void runTask(RunContext run, TaskEnvironment env, int task, String worker) {
        if (run.cancelled()) {
            return;
        }
        long start = run.now();
        ExperimentSpec spec = run.spec();
        try {
            TaskOutcome out = TaskBody.run(task, worker, spec.kind(), spec.taskSeconds(), env);
            run.addCpu(out.cpuNanos());
            run.recordTask(new TaskRecord(task, worker, start, run.now(), out.status(),
                    out.status() == TaskStatus.CANCELLED ? "cancelled" : "", out.cpuNanos()));
        } catch (RuntimeException | Error e) {
            String why = "task " + task + " failed: " + e;
            run.fail(why);
            run.recordTask(new TaskRecord(task, worker, start, run.now(), TaskStatus.FAILED, why));
        }
    }

    @Override
    public void cancel() {
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}

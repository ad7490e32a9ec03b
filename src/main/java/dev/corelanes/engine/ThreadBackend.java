package dev.corelanes.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
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
     * Starts the JDK's virtual-thread scheduler once per JVM, with one virtual thread that only reads its
     * carrier's CPU clock. In a cold JVM that first start loads and initialises the scheduler (a carrier pool and
     * its timer) — a one-time cost of the JVM, not of a thread — which otherwise fell inside the first run's
     * launch ramp and delayed every task; the clock's native binding ({@link CarrierClock}) is made here too, not
     * by the first task.
     */
    private static void startVirtualScheduler() {
        if (schedulerStarted) {
            return;
        }
        try {
            Thread.ofVirtual().name("corelanes-warm-up").start(CarrierClock::cpuNanos).join();
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
            case TRACED -> throw new IllegalArgumentException("a traced program is not run by a backend");
            default -> throw new IllegalStateException(spec.mode() + " does not run on threads");
        };
        boolean virtual = spec.mode() == ExecutionMode.VIRTUAL;
        boolean perTask = spec.mode() == ExecutionMode.THREADS || virtual;
        int refusedFrom = Integer.MAX_VALUE;
        // Compute threads wait at a gate until all are started. Otherwise each new thread competes for the
        // cores with those already computing, and starting N of them takes time quadratic in N: 1024
        // threads took tens of seconds to start on 2 cores, kept being started after Ctrl-C, and their
        // tasks began spread over that time. Sleep and virtual threads leave the cores free: no gate.
        CountDownLatch gate = !virtual && spec.kind() == TaskKind.COMPUTE && count > 1 ? new CountDownLatch(1) : null;
        try {
            refusedFrom = launch(run, env, spec, count, virtual, perTask, next, gate);
        } finally {
            if (gate != null) {
                gate.countDown();
            }
        }
        for (Thread t : threads) {
            run.recordWorker(WorkerInfo.thread(t.getName()));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int task = refusedFrom; task <= spec.tasks(); task++) {
            long now = run.now();
            run.recordTask(new TaskRecord(task, "", now, now, TaskStatus.FAILED, "not started: the system refused its thread"));
        }
    }

    /** Starts the threads; returns the first task refused a thread, or {@code Integer.MAX_VALUE}. */
    private int launch(RunContext run, TaskEnvironment env, ExperimentSpec spec, int count, boolean virtual,
                       boolean perTask, AtomicInteger next, CountDownLatch gate) {
        for (int i = 1; i <= count && !run.cancelled(); i++) {
            String name = WorkerNames.of(spec, i);
            int task = i;
            Runnable work = perTask ? () -> runTask(run, env, task, name) : () -> takeTasks(run, env, name, next);
            Runnable body = () -> {
                run.pinThisThread(); // a virtual thread's carrier was not started by the pinned coordinator
                // A virtual thread has no OS thread of its own (its carrier's id would be another's tomorrow): its
                // process is still this JVM, which the kernel's record names its carriers by.
                run.noteWorkerThread(name);
                if (gate != null) {
                    passGate(gate);
                }
                work.run();
            };
            try {
                threads.add(virtual ? Thread.ofVirtual().name(name).start(body) : Thread.ofPlatform().name(name).start(body));
            } catch (OutOfMemoryError e) {
                // The system refused a thread (ulimit -u, memory): one line, and no more tries.
                run.fail(ResourceLimits.refused(i - 1, count, virtual ? "virtual threads" : "threads", e));
                // A pool keeps its tasks for the threads it has; with none, every task is refused.
                return perTask ? i : threads.isEmpty() ? 1 : Integer.MAX_VALUE;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Waits for the gate; a cancel's interrupt lets the thread through to see the cancel. */
    private static void passGate(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            // cancelled while waiting: the task checks the run's cancel flag first
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

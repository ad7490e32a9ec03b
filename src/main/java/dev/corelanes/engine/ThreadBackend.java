package dev.corelanes.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on threads of this JVM: one thread for all (sequential), one platform or virtual thread per
 * task, or a fixed pool of platform threads that take tasks in turn.
 */
final class ThreadBackend implements Backend {

    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void run(RunContext run) throws InterruptedException {
        ExperimentSpec spec = run.spec();
        // One lock per interpreter: all threads of this run share it.
        PythonGil gil = spec.gil() ? new PythonGil() : null;
        TaskEnvironment env = run.environment(gil);
        AtomicInteger next = new AtomicInteger(1);
        switch (spec.mode()) {
            case SEQUENTIAL -> threads.add(Thread.ofPlatform().name("main").unstarted(
                    () -> takeTasks(run, env, "main", next)));
            case POOL -> {
                for (int w = 1; w <= spec.workers(); w++) {
                    String name = "W" + w;
                    threads.add(Thread.ofPlatform().name(name).unstarted(() -> takeTasks(run, env, name, next)));
                }
            }
            case THREADS, VIRTUAL -> {
                boolean virtual = spec.mode() == ExecutionMode.VIRTUAL;
                for (int t = 1; t <= spec.tasks(); t++) {
                    int task = t;
                    String name = (virtual ? "V" : "T") + t;
                    Runnable body = () -> runTask(run, env, task, name);
                    threads.add(virtual ? Thread.ofVirtual().name(name).unstarted(body)
                            : Thread.ofPlatform().name(name).unstarted(body));
                }
            }
            default -> throw new IllegalStateException(spec.mode() + " does not run on threads");
        }
        List<Thread> started = new ArrayList<>(threads.size());
        for (Thread t : threads) {
            if (run.cancelled()) {
                break;
            }
            t.start();
            started.add(t);
            run.recordWorker(WorkerInfo.thread(t.getName()));
        }
        for (Thread t : started) {
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
                    out.status() == TaskStatus.CANCELLED ? "cancelled" : ""));
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

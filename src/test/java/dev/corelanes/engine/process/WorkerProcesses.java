package dev.corelanes.engine.process;

import java.util.List;

/** Test helpers: find worker processes still alive. */
final class WorkerProcesses {

    private WorkerProcesses() {
    }

    /** Live descendants of this JVM that are worker processes. */
    static List<ProcessHandle> liveWorkers() {
        return ProcessHandle.current().descendants().filter(WorkerProcesses::isWorker).toList();
    }

    static boolean isWorker(ProcessHandle p) {
        return p.isAlive() && p.info().commandLine().map(c -> c.contains(WorkerCommand.WORKER_FLAG)).orElse(false);
    }

    /** Waits until none of {@code pids} is alive; true if so within {@code millis}. */
    static boolean allGoneWithin(List<Long> pids, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (pids.stream().noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}

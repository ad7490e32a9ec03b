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
        return p.isAlive() && commandLine(p).contains(WorkerCommand.WORKER_FLAG);
    }

    /**
     * The full command line. ProcessHandle.Info cuts a long one short on Linux (one page), and a worker's
     * class path alone can be longer than that, which would hide its --worker flag.
     */
    static String commandLine(ProcessHandle p) {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            if (java.nio.file.Files.isReadable(proc)) {
                return new String(java.nio.file.Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8)
                        .replace('\0', ' ');
            }
        } catch (java.io.IOException e) {
            // gone, or not readable: fall back to what the JDK can tell
        }
        return p.info().commandLine().orElse("");
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

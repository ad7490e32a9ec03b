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
    /**
     * True while the process runs. An orphan that has exited stays a zombie until the machine's init reaps
     * it (here that can take a second or two); it runs no code any more, so it counts as gone.
     */
    static boolean running(long pid) {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(pid), "stat");
        try {
            if (java.nio.file.Files.isReadable(stat)) {
                String s = java.nio.file.Files.readString(stat);
                char state = s.charAt(s.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false; // gone while we looked
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static boolean allGoneWithin(List<Long> pids, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (pids.stream().noneMatch(WorkerProcesses::running)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}

package dev.corelanes.engine;

/**
 * One task of a run: which worker ran it, when it started and ended (nanoseconds since the run started),
 * how it ended, and why if it failed. {@code message} is empty unless the task failed or was cancelled.
 */
public record TaskRecord(int id, String worker, long startNanos, long endNanos, TaskStatus status,
                         String message) {
    public TaskRecord {
        if (message == null) {
            message = "";
        }
    }
}

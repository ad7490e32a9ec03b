package dev.corelanes.engine;

/**
 * One task of a run: which worker ran it, when it started and ended (nanoseconds since the run started),
 * how it ended, and why if it failed. {@code message} is empty unless the task failed or was cancelled.
 * {@code cpuNanos} is the CPU time the task's own thread used, or {@link #CPU_UNKNOWN} where it cannot be
 * measured per task (virtual threads, a task that never ran, run files written before it was recorded).
 */
public record TaskRecord(int id, String worker, long startNanos, long endNanos, TaskStatus status,
                         String message, long cpuNanos) {

    public static final long CPU_UNKNOWN = -1;

    public TaskRecord {
        if (message == null) {
            message = "";
        }
        if (cpuNanos < 0) {
            cpuNanos = CPU_UNKNOWN;
        }
    }

    /** A task whose CPU time is not known. */
    public TaskRecord(int id, String worker, long startNanos, long endNanos, TaskStatus status, String message) {
        this(id, worker, startNanos, endNanos, status, message, CPU_UNKNOWN);
    }

    public boolean cpuKnown() {
        return cpuNanos != CPU_UNKNOWN;
    }
}

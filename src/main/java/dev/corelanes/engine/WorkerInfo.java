package dev.corelanes.engine;

/**
 * A worker of a run: a thread, or a child process with its own process id and memory. {@code pid} and
 * {@code peakRssBytes} are -1 for threads (they share the parent's) or when unknown.
 */
public record WorkerInfo(String name, long pid, long peakRssBytes) {
    public static WorkerInfo thread(String name) {
        return new WorkerInfo(name, -1, -1);
    }
}

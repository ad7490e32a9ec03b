package dev.corelanes.engine;

/**
 * A worker of a run: a thread, or a child process with its own process id and memory. {@code pid} and
 * {@code peakRssBytes} are -1 for threads (they share the parent's) or when unknown. {@code tid} is the OS thread
 * id of the thread that ran its tasks (on Linux the id {@code perf}, Perfetto and {@code sched-truth} name it by),
 * -1 when unknown; {@code pid} then names the process it belongs to where known.
 */
public record WorkerInfo(String name, long pid, long peakRssBytes, long tid) {

    public WorkerInfo {
        pid = pid < 0 ? -1 : pid;
        peakRssBytes = peakRssBytes < 0 ? -1 : peakRssBytes;
        tid = tid < 0 ? -1 : tid;
    }

    /** A worker whose thread id is not known. */
    public WorkerInfo(String name, long pid, long peakRssBytes) {
        this(name, pid, peakRssBytes, -1);
    }

    public static WorkerInfo thread(String name) {
        return new WorkerInfo(name, -1, -1, -1);
    }

    /** A thread of this JVM ({@code pid}) with its OS thread id. */
    public static WorkerInfo thread(String name, long pid, long tid) {
        return new WorkerInfo(name, pid, -1, tid);
    }

    public boolean tidKnown() {
        return tid >= 0;
    }
}

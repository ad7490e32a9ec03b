package dev.corelanes.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the tasks of an experiment are run. */
public enum ExecutionMode {
    /** One after another on a single thread. */
    SEQUENTIAL("sequential", "Sequential", false, false),
    /** One platform (OS) thread per task. */
    THREADS("threads", "Threads", false, false),
    /** One virtual thread per task. */
    VIRTUAL("virtual", "Virtual threads", false, false),
    /** A fixed pool of {@code workers} platform threads taking tasks in turn. */
    POOL("pool", "Thread pool", true, false),
    /** One child process (a CoreLanes worker JVM) per task. */
    PROCESSES("processes", "Processes", false, true),
    /** A pool of {@code workers} long-lived child processes taking tasks in turn. */
    PROCESS_POOL("process-pool", "Process pool", true, true),
    /**
     * Any program CoreLanes did not write, run or attached to by {@code corelanes trace}: one task per thread it
     * had, sampled from the OS. Not a mode an experiment is run in ({@link #runnable()} is false).
     */
    TRACED("traced", "Traced program", false, false);

    private final String id;
    private final String label;
    private final boolean pooled;
    private final boolean processBased;

    ExecutionMode(String id, String label, boolean pooled, boolean processBased) {
        this.id = id;
        this.label = label;
        this.pooled = pooled;
        this.processBased = processBased;
    }

    /** The name used on the command line and in run files. */
    public String id() {
        return id;
    }

    /** A human label for menus and titles. */
    public String label() {
        return label;
    }

    /** True when the number of workers is chosen by the user rather than one per task. */
    public boolean pooled() {
        return pooled;
    }

    /** True when tasks run in child processes, each with its own memory. */
    public boolean processBased() {
        return processBased;
    }

    /** True for the modes an experiment can be run in; false for {@link #TRACED}, which only a trace makes. */
    public boolean runnable() {
        return this != TRACED;
    }

    /** The modes an experiment can be run in, for menus and messages. */
    public static java.util.List<ExecutionMode> runnableModes() {
        return Arrays.stream(values()).filter(ExecutionMode::runnable).toList();
    }

    public static ExecutionMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ExecutionMode m : values()) {
            if (m.id.equals(t)) {
                return m;
            }
        }
        throw new SpecException("Unknown mode '" + text + "': use one of "
                + runnableModes().stream().map(ExecutionMode::id).collect(Collectors.joining(", ")) + ".");
    }
}

package dev.corelanes.engine;

import java.util.Objects;

/**
 * What to run: {@code tasks} tasks of one {@code kind}, each worth {@code taskSeconds} of work, run in
 * {@code mode}. {@code workers} is the pool size for the pooled modes and, for the others, the number of
 * workers the mode itself implies (one per task, or one for sequential). {@code gil} emulates CPython's
 * global interpreter lock.
 *
 * <p>The canonical constructor validates, so an invalid spec cannot exist: every message is one line a
 * user can act on.
 */
public record ExperimentSpec(ExecutionMode mode, TaskKind kind, int tasks, double taskSeconds, int workers,
                             boolean gil) {

    public static final double MIN_SECONDS = 0.05;
    public static final double MAX_SECONDS = 30.0;
    public static final int MAX_THREAD_TASKS = 1024;
    public static final int MAX_LIGHT_TASKS = 100_000;
    public static final int MAX_WORKERS = 256;
    public static final int MAX_PROCESSES = 64;
    /**
     * The longest a run may be expected to take: two hours (see {@link #longestSeconds()}). A run file holds
     * times up to a day ({@code RunFile.MAX_SECONDS}), so even a run slowed down twelvefold reads back.
     */
    public static final double MAX_RUN_SECONDS = 2 * 3600;

    public ExperimentSpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kind, "kind");
        if (!(taskSeconds >= MIN_SECONDS && taskSeconds <= MAX_SECONDS)) {
            throw new SpecException("Seconds per task must be between " + MIN_SECONDS + " and " + MAX_SECONDS
                    + " (got " + taskSeconds + ").");
        }
        int maxTasks = maxTasks(mode, kind);
        if (tasks < 1 || tasks > maxTasks) {
            throw new SpecException("Tasks must be between 1 and " + maxTasks + " for " + kind.id() + " tasks in mode "
                    + mode.id() + " (got " + tasks + ")" + maxTasksHint(mode, kind) + ".");
        }
        if (mode.pooled()) {
            int maxWorkers = mode.processBased() ? MAX_PROCESSES : MAX_WORKERS;
            if (workers < 1 || workers > maxWorkers) {
                throw new SpecException("Workers must be between 1 and " + maxWorkers + " for mode " + mode.id()
                        + " (got " + workers + ").");
            }
        } else {
            workers = impliedWorkers(mode, tasks);
        }
    }

    /**
     * This spec, if it may be run: one that could take longer than {@link #MAX_RUN_SECONDS} is refused
     * before it starts. Not part of the constructor, so a run file saved before the cap still opens.
     */
    public ExperimentSpec requireRunnable() {
        double longest = longestSeconds();
        if (longest > MAX_RUN_SECONDS) {
            throw new SpecException("This run could take " + Math.round(longest) + " s ("
                    + (kind == TaskKind.COMPUTE ? "all its work on one core" : "its waits in the waves the mode allows")
                    + "); a run may take at most " + Math.round(MAX_RUN_SECONDS) + " s (2 hours): use fewer or"
                    + " shorter tasks.");
        }
        return this;
    }

    /**
     * The longest this run should take, the figure the {@link #MAX_RUN_SECONDS} cap applies to: compute
     * tasks all on one core (a busy laptop may leave no more), sleep tasks in the waves the mode allows.
     */
    public double longestSeconds() {
        return longestSeconds(mode, kind, tasks, taskSeconds, workers);
    }

    private static double longestSeconds(ExecutionMode mode, TaskKind kind, int tasks, double taskSeconds,
                                         int workers) {
        if (kind == TaskKind.COMPUTE || mode == ExecutionMode.SEQUENTIAL) {
            return tasks * taskSeconds;
        }
        if (mode.pooled()) {
            return Math.ceil((double) tasks / workers) * taskSeconds;
        }
        return taskSeconds;
    }

    /** A spec for the non-pooled modes, where the number of workers follows from the mode. */
    public static ExperimentSpec of(ExecutionMode mode, TaskKind kind, int tasks, double taskSeconds, boolean gil) {
        return new ExperimentSpec(mode, kind, tasks, taskSeconds, impliedWorkersOrOne(mode, tasks), gil);
    }

    /** The largest number of tasks the mode can run for that kind. */
    public static int maxTasks(ExecutionMode mode, TaskKind kind) {
        return switch (mode) {
            // A process per task: each is a JVM of ~40 MiB.
            case PROCESSES -> MAX_PROCESSES;
            // One OS thread per task: cap it so a typo cannot exhaust the machine.
            case THREADS -> MAX_THREAD_TASKS;
            // Sleep tasks cost no CPU; compute tasks queue behind each other anyway.
            case SEQUENTIAL, POOL, PROCESS_POOL -> kind == TaskKind.SLEEP ? MAX_LIGHT_TASKS : MAX_THREAD_TASKS;
            case VIRTUAL -> MAX_LIGHT_TASKS;
            // One task per thread of a traced program.
            case TRACED -> MAX_THREAD_TASKS;
        };
    }

    private static String maxTasksHint(ExecutionMode mode, TaskKind kind) {
        if (mode == ExecutionMode.THREADS) {
            return "; for more, use virtual threads or a pool";
        }
        if (mode == ExecutionMode.PROCESSES) {
            return "; for more, use a process pool";
        }
        return "";
    }

    private static int impliedWorkers(ExecutionMode mode, int tasks) {
        return mode == ExecutionMode.SEQUENTIAL ? 1 : tasks;
    }

    private static int impliedWorkersOrOne(ExecutionMode mode, int tasks) {
        return mode.pooled() ? 1 : impliedWorkers(mode, Math.max(1, tasks));
    }

    /** Total work in seconds of one core: tasks × seconds (what sequential would take). */
    public double totalWorkSeconds() {
        return tasks * taskSeconds;
    }

    /** A one-line description, e.g. "4 compute tasks × 1 s · threads · GIL". */
    public String describe() {
        if (mode == ExecutionMode.TRACED) {
            return "traced program · " + tasks + (tasks == 1 ? " thread" : " threads");
        }
        return tasks + " " + kind.id() + (tasks == 1 ? " task" : " tasks") + " × " + taskSecondsText() + " s · " + mode.id()
                + (mode.pooled() ? " (" + workers + " workers)" : "") + (gil ? " · GIL" : "");
    }

    /** The seconds per task as typed: "0.3", "1". */
    public String taskSecondsText() {
        return taskSeconds == Math.rint(taskSeconds) ? String.valueOf((long) taskSeconds) : String.valueOf(taskSeconds);
    }
}

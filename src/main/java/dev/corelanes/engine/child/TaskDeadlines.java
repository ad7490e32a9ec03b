package dev.corelanes.engine.child;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;

/**
 * How long a child may take, derived from the workload — the same for a JVM worker and a Python interpreter:
 * to start (and shake hands), and to run one task — several times what the task should take on this
 * machine's cores, plus slack for a busy machine. A frozen child ({@code kill -STOP}) or a task that never
 * ends fails its run after that; the user's cancel works at any moment. Deadlines count
 * {@link RunningTime}, so a job the user suspended (Ctrl-Z) does not miss them.
 */
public record TaskDeadlines(long startupMillis, double factor, long slackMillis) {

    /** A child that has not started within 30 s is stuck (the machine may be busy: be generous). */
    public static final TaskDeadlines DEFAULT = new TaskDeadlines(30_000, 4, 10_000);

    /**
     * {@link #DEFAULT}, or what the system property {@value #PROPERTY} says ("STARTUP_MS,FACTOR,SLACK_MS"):
     * tests of a whole command line make the deadlines short that way.
     */
    public static TaskDeadlines configured() {
        String v = System.getProperty(PROPERTY);
        if (v != null) {
            String[] f = v.split(",");
            try {
                if (f.length == 3) {
                    return new TaskDeadlines(Long.parseLong(f[0].strip()), Double.parseDouble(f[1].strip()),
                            Long.parseLong(f[2].strip()));
                }
            } catch (NumberFormatException e) {
                // the default then
            }
        }
        return DEFAULT;
    }

    public static final String PROPERTY = "corelanes.deadlines";

    /** The deadline of one task of {@code spec}, in milliseconds, on a machine with {@code cores} usable CPUs. */
    public long taskMillis(ExperimentSpec spec, int cores) {
        int concurrent = spec.mode() == ExecutionMode.PROCESS_POOL || spec.mode() == ExecutionMode.POOL
                ? spec.workers() : spec.mode() == ExecutionMode.SEQUENTIAL ? 1 : spec.tasks();
        // Compute tasks share the cores: with more of them than cores each one gets a share.
        double share = spec.kind() == TaskKind.COMPUTE
                ? Math.max(1, Math.ceil(concurrent / (double) Math.max(1, cores))) : 1;
        return Math.round(spec.taskSeconds() * share * factor * 1000) + slackMillis;
    }

    /** "1.4 s", "26 s". */
    public static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}

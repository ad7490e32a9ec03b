package dev.corelanes.cli;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.Lessons;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code corelanes window [workload flags] [--lesson NAME] [--run] [--present]}: the window, ready for a demo — a
 * teacher's desktop shortcut. The flags are checked here like {@code run}'s (a mistake is one line and exit
 * code 2, before any window opens); the window itself is opened by {@code Main}, since the command line
 * never loads JavaFX.
 */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = "Open the window with a workload or a lesson set; --run starts it at once.")
public final class WindowCommand implements Callable<Integer> {

    /** What the window should show when it opens. */
    public record Request(ExperimentSpec spec, Lesson lesson, boolean run, boolean present) {
    }

    private static volatile Request requested;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "sequential, threads, virtual, pool, processes or process-pool.")
    String mode;

    @Option(names = "--kind", paramLabel = "KIND", description = "sleep or compute.")
    String kind;

    @Option(names = "--tasks", defaultValue = "2", paramLabel = "N", description = "Number of tasks (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S",
            description = "Seconds of work per task, 0.05–30 (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--workers", paramLabel = "W",
            description = "Pool size for pool; with processes, a pool of W worker processes.")
    Integer workers;

    @Option(names = "--gil", description = "Emulate CPython's GIL: one lock per process, switched every 5 ms.")
    boolean gil;

    @Option(names = "--lesson", paramLabel = "NAME", description = "Open this lesson (its id, e.g. cpu-python).")
    String lesson;

    @Option(names = "--run", description = "Start the workload (or the lesson's first step) as soon as the window is ready.")
    boolean run;

    @Option(names = "--present", description = "Open in presenter mode: full screen, type sized for the back row "
            + "(a projector shortcut; Esc or F11 leaves it).")
    boolean present;

    @Override
    public Integer call() {
        ExperimentSpec spec = null;
        if (mode != null || kind != null) {
            if (mode == null || kind == null) {
                throw new UserError("a workload needs both --mode and --kind.");
            }
            if (lesson != null) {
                throw new UserError("give a workload or --lesson, not both.");
            }
            // The same rules as `corelanes run` (one place decides what a workload is).
            RunCommand r = new RunCommand();
            r.mode = mode;
            r.kind = kind;
            r.tasks = tasks;
            r.seconds = seconds;
            r.workers = workers;
            r.gil = gil;
            spec = r.experiment();
        }
        Lesson l = null;
        if (lesson != null) {
            l = Lessons.byId(lesson).orElseThrow(() -> new UserError("no lesson '" + lesson + "'; the lessons are: "
                    + Lessons.all().stream().map(Lesson::id).collect(Collectors.joining(", ")) + "."));
        }
        requested = new Request(spec, l, run, present);
        return Cli.OK;
    }

    /** The window asked for by the last successful {@code window} command (then forgotten); null if none. */
    public static Request takeRequest() {
        Request r = requested;
        requested = null;
        return r;
    }
}

package dev.corelanes.engine.process;

import java.util.List;

/**
 * Starts other CoreLanes children the same way as workers (the same runtime, class path and fast-start
 * flags; never through a shell): the memory lab's counters and the overhead lab's worker JVM.
 */
public final class ChildCommands {

    private ChildCommands() {
    }

    /** This app's {@code Main} with {@code args}, as a child process. */
    public static ProcessBuilder corelanes(List<String> args) {
        return WorkerCommand.forThisJvm().builderFor(List.copyOf(args), List.of());
    }

    /** A real worker process, which announces itself with a hello line as soon as it runs. */
    public static ProcessBuilder worker(String name) {
        return WorkerCommand.forThisJvm().builder(name, List.of());
    }

    /** Why children cannot be started here, or null when they can. */
    public static String problem() {
        return WorkerCommand.forThisJvm().problem();
    }
}

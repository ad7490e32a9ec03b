package dev.corelanes.cli;

import dev.corelanes.engine.lab.CounterGuard;
import dev.corelanes.engine.lab.CounterResult;
import dev.corelanes.engine.lab.ProcessCounterLab;
import dev.corelanes.engine.lab.SharedCounterLab;
import dev.corelanes.engine.process.ChildCommands;
import dev.corelanes.teach.MemoryFindings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code corelanes memory}: threads share one counter; processes each have their own. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Shared vs private memory: threads increment one counter, processes each their own.")
final class MemoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workers", defaultValue = "4", paramLabel = "N", description = "Threads or processes (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--increments", defaultValue = "1000000", paramLabel = "K",
            description = "Increments per worker (default ${DEFAULT-VALUE}).")
    long increments;

    @Option(names = "--guard", defaultValue = "none", paramLabel = "G",
            description = "For threads: none (a real race), lock or atomic (default ${DEFAULT-VALUE}).")
    String guard;

    @Option(names = "--processes", description = "Use child processes instead of threads.")
    boolean processes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CounterGuard g = switch (guard.toLowerCase(Locale.ROOT)) {
            case "none", "no-lock" -> CounterGuard.NONE;
            case "lock" -> CounterGuard.LOCK;
            case "atomic" -> CounterGuard.ATOMIC;
            default -> throw new UserError("--guard must be none, lock or atomic (got '" + guard + "').");
        };
        CounterResult r;
        try {
            r = processes ? new ProcessCounterLab(workers, increments, ChildCommands::corelanes).run()
                    : new SharedCounterLab(workers, increments, g).run();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (r.processes()) {
            out.printf(Locale.ROOT, "%d processes × %,d increments, each of its own counter%n", r.workers(), r.perWorker());
            for (int i = 0; i < r.workers(); i++) {
                out.printf(Locale.ROOT, "  child %d counted %,d (its own memory: %s)%n", i + 1, r.finalValues().get(i),
                        MemoryFindings.row(r.memory(), i));
            }
            out.printf(Locale.ROOT, "The parent's counter: %,d — it learns the children's values only from their messages.%n",
                    r.parentSees());
        } else {
            out.printf(Locale.ROOT, "%d threads × %,d increments of ONE shared counter (%s)%n", r.workers(), r.perWorker(),
                    r.guard().label());
            out.printf(Locale.ROOT, "  expected %,d, counted %,d: %,d updates lost%n", r.expected(), r.finalValues().get(0),
                    r.lost());
            if (!SharedCounterLab.raceLikelyVisible()) {
                out.println("  (one CPU: threads rarely interleave mid-increment, so the race may not show)");
            }
        }
        out.println(MemoryFindings.summary(r.memory()));
        out.println(r.processes() ? "(Run it without --processes to see what one more thread costs.)"
                : "(Run it with --processes to see what one more process costs.)");
        return Cli.OK;
    }
}

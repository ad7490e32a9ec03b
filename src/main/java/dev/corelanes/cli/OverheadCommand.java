package dev.corelanes.cli;

import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.process.ChildCommands;
import dev.corelanes.engine.lab.OverheadLab;
import dev.corelanes.teach.OverheadFindings;
import dev.corelanes.view.OverheadChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code corelanes overhead}: what creating and talking to threads and processes costs here. */
@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = "Measure the cost of creating threads and processes, and of passing a message between them.")
final class OverheadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repetitions", defaultValue = "15", paramLabel = "N",
            description = "Samples per measurement after warm-up, 3–1000 (cheap ones take 20–100× as many; default ${DEFAULT-VALUE}).")
    int repetitions;

    @Override
    public Integer call() throws Exception {
        if (repetitions < 3 || repetitions > 1000) {
            throw new UserError("--repetitions must be between 3 and 1000 (got " + repetitions + ").");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Progress redraws one line with \r: only on a terminal, never into a file or a pipe.
        boolean progress = Terminal.isTerminal(2);
        OverheadLab lab = new OverheadLab(repetitions, ChildCommands.problem() == null ? () -> ChildCommands.worker("overhead") : null, () -> false,
                (f, what) -> {
                    if (progress) {
                        err.printf(Locale.ROOT, "\r%3.0f %% %-32s", f * 100, what);
                        err.flush();
                    }
                });
        List<Measurement> results = lab.measureAll();
        if (progress) {
            err.print("\r" + " ".repeat(40) + "\r");
            err.flush();
        }
        OverheadFindings findings = OverheadFindings.of(results);
        out.println(findings.headline());
        out.println();
        print(out, results);
        out.println();
        findings.explanation().forEach(out::println);
        return Cli.OK;
    }

    static void print(PrintWriter out, List<Measurement> results) {
        out.println("| what | how | median | p10–p90 | samples |");
        out.println("|---|---|---|---|---|");
        for (Measurement m : results) {
            if (!m.available()) {
                out.printf(Locale.ROOT, "| %s | %s | not measured | %s | 0 |%n", m.name(), m.description(), m.note());
                continue;
            }
            out.printf(Locale.ROOT, "| %s | %s | %s | %s–%s | %d |%n", m.name(), m.description(),
                    duration(m.medianNanos()), duration(m.percentileNanos(10)), duration(m.percentileNanos(90)),
                    m.samplesNanos().size());
        }
    }

    /** The same wording as the chart and the findings. */
    static String duration(double nanos) {
        return OverheadChart.duration(nanos);
    }
}

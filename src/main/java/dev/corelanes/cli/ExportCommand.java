package dev.corelanes.cli;

import dev.corelanes.engine.AtomicFiles;
import dev.corelanes.engine.RunFile;
import dev.corelanes.engine.RunFileException;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code corelanes export RUNFILE …}: render a saved run without a window. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a saved run file (from run --json) to other formats, without a window.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUNFILE", description = "A run file written by 'run --json'.")
    Path runFile;

    @Option(names = "--trace-event", paramLabel = "FILE", description = "Chrome trace-event JSON (Perfetto, chrome://tracing).")
    Path traceEvent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (traceEvent == null) {
            throw new UserError("nothing to export: give --trace-event FILE.");
        }
        String problem = AtomicFiles.problemWriting(traceEvent);
        if (problem != null) {
            throw new UserError("cannot write " + traceEvent + ": " + problem + ".");
        }
        try {
            Trace trace = RunFile.read(runFile);
            TraceEvents.write(trace, traceEvent);
            out.println("Trace      " + traceEvent + " (trace-event JSON)");
        } catch (RunFileException e) {
            throw new UserError(e.getMessage());
        }
        return Cli.OK;
    }
}

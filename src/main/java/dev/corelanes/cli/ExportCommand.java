package dev.corelanes.cli;

import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.files.RunFileException;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.TraceEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code corelanes export RUNFILE… …}: render saved runs without a window. Several run files make one
 * image with their timelines stacked on a shared time axis.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export saved run files (from run --json) to images, an interactive HTML page or trace-event JSON, without a window. "
                + "Several run files stack on one time axis.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "RUNFILE", description = "Run files written by 'run --json'.")
    List<Path> runFiles;

    @Option(names = "--trace-event", paramLabel = "FILE", description = "Chrome trace-event JSON (Perfetto, chrome://tracing); one run file only.")
    Path traceEvent;

    @Mixin
    SlideOutputs images = new SlideOutputs();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (traceEvent == null && !images.any()) {
            throw new UserError("nothing to export: give --png FILE, --svg FILE, --html FILE or --trace-event FILE.");
        }
        if (traceEvent != null && runFiles.size() > 1) {
            throw new UserError("--trace-event takes one run file (got " + runFiles.size() + ").");
        }
        images.check();
        OutputFiles outputs = new OutputFiles().add("--trace-event", traceEvent);
        images.addTo(outputs);
        outputs.check(runFiles);
        try {
            List<Trace> traces = new ArrayList<>();
            for (Path p : runFiles) {
                traces.add(RunFile.read(p));
            }
            // Everything is drawn before the first file is written, and written all or none.
            AtomicFiles.Batch batch = new AtomicFiles.Batch();
            List<String> lines = new ArrayList<>();
            if (traceEvent != null) {
                batch.add(traceEvent, TraceEvents.content(traces.get(0)));
                lines.add("Trace      " + traceEvent + " (trace-event JSON)");
            }
            lines.addAll(images.addTo(batch, traces));
            batch.commit();
            lines.forEach(out::println);
        } catch (RunFileException | OutputFileException e) {
            throw new UserError(e.getMessage());
        }
        return Cli.OK;
    }
}

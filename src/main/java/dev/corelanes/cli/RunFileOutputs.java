package dev.corelanes.cli;

import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.files.TraceEvents;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The data files shared by {@code run} and {@code trace}: the run file and Chrome trace-event JSON. */
final class RunFileOutputs {

    @Option(names = "--json", paramLabel = "FILE", description = "Write the run file (JSON) here.")
    Path json;

    @Option(names = "--trace-event", paramLabel = "FILE",
            description = "Write Chrome trace-event JSON here (opens in Perfetto or chrome://tracing).")
    Path traceEvent;

    boolean any() {
        return json != null || traceEvent != null;
    }

    /** Adds the files asked for to the command's outputs (checked before any work). */
    void addTo(OutputFiles outputs) {
        outputs.add("--json", json).add("--trace-event", traceEvent);
    }

    /** What to write for {@code trace}, each with the line the command prints once it is written. */
    List<OutputFiles.Output> outputs(Trace trace) {
        List<OutputFiles.Output> out = new ArrayList<>();
        if (json != null) {
            out.add(new OutputFiles.Output("--json", json, RunFile.content(trace), "Run file   " + json));
        }
        if (traceEvent != null) {
            out.add(new OutputFiles.Output("--trace-event", traceEvent, TraceEvents.content(trace),
                    "Trace      " + traceEvent + " (trace-event JSON)"));
        }
        return out;
    }
}

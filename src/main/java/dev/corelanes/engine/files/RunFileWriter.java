package dev.corelanes.engine.files;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ThreadCpuClock;
import dev.corelanes.engine.CoreClass;
import dev.corelanes.engine.platform.CpuList;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunBaseline;
import dev.corelanes.engine.RunConditions;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.RunRuntime;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceSink;
import dev.corelanes.engine.WorkerInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static dev.corelanes.engine.files.RunFile.*;

/**
 * Writes run files ({@link RunFile}): the trace as JSON, streamed and capped at {@link RunFile#MAX_BYTES}; a run
 * that could not be read back is refused rather than written. Its figures are written for other readers and
 * never read back.
 */
final class RunFileWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RunFileWriter() {
    }

    static void write(Trace trace, Path file) throws RunFileException {
        try {
            AtomicFiles.write(file, content(trace));
        } catch (OutputFileException e) {
            throw new RunFileException(e.getMessage(), e);
        }
    }

    /**
     * The file's content, for writing it together with others ({@link AtomicFiles.Batch}). A run that this
     * reader could not read back (longer than {@link #MAX_SECONDS}, more than {@link #MAX_SPANS} spans or
     * {@link #MAX_BYTES}) is refused rather than written.
     */
    static AtomicFiles.Content content(Trace trace) {
        return out -> {
            String why = tooLarge(trace);
            if (why != null) {
                throw new IOException(why);
            }
            CappedStream capped = new CappedStream(out);
            try (JsonGenerator g = JSON.getFactory().createGenerator(capped)) {
                g.setPrettyPrinter(new RowsPrettyPrinter());
                g.writeStartObject();
                // Everything but the spans as a tree; the spans (up to MAX_SPANS) straight to the file.
                ObjectNode head = head(trace);
                for (var field : head.properties()) {
                    g.writeFieldName(field.getKey());
                    JSON.writeTree(g, field.getValue());
                }
                g.writeArrayFieldStart("spans");
                for (Span sp : trace.spans()) {
                    g.writeStartObject();
                    g.writeNumberField("task", sp.task());
                    g.writeStringField("worker", sp.worker());
                    if (sp.hasCore()) {
                        g.writeNumberField("core", sp.core());
                    } else {
                        g.writeNullField("core");
                    }
                    g.writeStringField("state", sp.state().id());
                    if (sp.waitKind().drawn()) {
                        g.writeStringField("wait", sp.waitKind().id());
                    }
                    g.writeNumberField("startSeconds", sp.startSeconds());
                    g.writeNumberField("endSeconds", sp.endSeconds());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        };
    }

    /** Why a run file of {@code t} could not be read back, or null. */
    static String tooLarge(Trace t) {
        if (t.wallNanos() > MAX_SECONDS * 1e9) {
            return "the run lasted " + Math.round(t.wallSeconds()) + " s, longer than a run file holds ("
                    + (long) MAX_SECONDS + " s).";
        }
        if (t.spans().size() > MAX_SPANS) {
            return "the run has " + t.spans().size() + " spans, more than a run file holds (" + MAX_SPANS + ").";
        }
        return null;
    }

    /** Stops a file at {@link #MAX_BYTES}: what the reader would refuse is never written. */
    private static final class CappedStream extends java.io.FilterOutputStream {
        private long written;

        CappedStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) throws IOException {
            written += n;
            if (written > MAX_BYTES) {
                throw new IOException("the run file would be larger than " + (MAX_BYTES >> 20)
                        + " MB, more than a run file holds.");
            }
        }
    }

    static String toJsonString(Trace trace) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            content(trace).writeTo(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Everything but the spans, which {@link #content} streams straight to the file. */
    private static ObjectNode head(Trace t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("startedAt", t.startedAt().toString());
        ObjectNode spec = root.putObject("spec");
        spec.put("mode", t.spec().mode().id());
        spec.put("kind", t.spec().kind().id());
        spec.put("tasks", t.spec().tasks());
        spec.put("taskSeconds", t.spec().taskSeconds());
        spec.put("workers", t.spec().workers());
        spec.put("gil", t.spec().gil());
        ObjectNode rt = root.putObject("runtime");
        rt.put("id", t.runtime().id());
        rt.put("interpreter", t.runtime().interpreter());
        rt.put("version", t.runtime().version());
        rt.put("gil", t.runtime().gil());
        rt.put("startMethod", t.runtime().startMethod());
        ObjectNode m = root.putObject("machine");
        m.put("cpu", t.machine().cpu());
        m.put("logicalCores", t.machine().logicalCores());
        m.put("physicalCores", t.machine().physicalCores());
        ArrayNode smt = m.putArray("smtGroups");
        t.machine().smtGroups().forEach(g -> {
            ArrayNode a = smt.addArray();
            g.forEach(a::add);
        });
        m.put("memoryBytes", t.machine().memoryBytes());
        m.put("os", t.machine().os());
        m.put("java", t.machine().java());
        m.put("usableCores", t.machine().usableCores());
        if (!t.machine().pinnedCpus().isEmpty()) {
            m.put("pinnedCpus", CpuList.format(t.machine().pinnedCpus()));
        }
        if (!t.machine().cpuClasses().isEmpty()) {
            StringBuilder classes = new StringBuilder(); // "PPPPEEEE": one letter per logical CPU
            t.machine().cpuClasses().forEach(k -> classes.append(k.letter()));
            m.put("cpuClasses", classes.toString());
        }
        ObjectNode cal = root.putObject("calibration");
        cal.put("stepsPerSecond", t.calibration().stepsPerSecond());
        cal.put("measuredMillis", t.calibration().measuredMillis());
        // The thread CPU clock's step as measured (null: not measured), and whether it was a simulated tick.
        putOptional(cal, "cpuTickNanos", t.calibration().cpuTick().known() ? t.calibration().cpuTick().nanos() : -1);
        cal.put("cpuTickSimulated", t.calibration().cpuTick().simulated());
        root.put("wallSeconds", t.wallNanos() / 1e9);
        root.put("cpuSeconds", t.cpuNanos() / 1e9);
        RunFigures f = RunFigures.of(t);
        root.put("idealSeconds", f.idealSeconds());
        root.put("status", t.status().id());
        root.put("message", t.message());
        root.put("droppedSpans", t.droppedSpans());
        ObjectNode conditions = root.putObject("conditions");
        putOptional(conditions, "stepsPerSecondAfter", t.conditions().rateChecked()
                ? t.conditions().stepsPerSecondAfter() : -1);
        putOptional(conditions, "otherLoad", t.conditions().otherLoad());
        conditions.put("runtimeCpuMeasured", t.conditions().runtimeCpuMeasured());
        // Time 0 on CLOCK_MONOTONIC (Linux; the JVM's nanoTime elsewhere): the run lines up with perf, Perfetto, tracefs.
        if (t.conditions().originKnown()) {
            conditions.put("monotonicOriginNanos", t.conditions().monotonicOriginNanos());
        } else {
            conditions.putNull("monotonicOriginNanos");
        }
        if (t.conditions().samplerKnown()) {
            conditions.put("samplerCpuSeconds", t.conditions().samplerCpuNanos() / 1e9);
        }
        if (t.conditions().windowKnown()) {
            conditions.put("windowCpuSeconds", t.conditions().windowCpuNanos() / 1e9);
        }
        if (!t.conditions().placedBy().isEmpty()) { // a traced program: kernel switch records, or sampled /proc
            conditions.put("placedBy", t.conditions().placedBy());
        }
        baseline(root.putObject("baseline"), t.baseline());
        figures(root.putObject("figures"), f, t);
        ArrayNode workers = root.putArray("workers");
        for (WorkerInfo w : t.workers()) {
            ObjectNode o = workers.addObject();
            o.put("name", w.name());
            putOptional(o, "pid", w.pid());
            putOptional(o, "peakRssBytes", w.peakRssBytes());
            putOptional(o, "tid", w.tid());
        }
        ArrayNode tasks = root.putArray("tasks");
        for (TaskRecord r : t.tasks()) {
            ObjectNode o = tasks.addObject();
            o.put("id", r.id());
            o.put("worker", r.worker());
            o.put("startSeconds", r.startNanos() / 1e9);
            o.put("endSeconds", r.endNanos() / 1e9);
            o.put("status", r.status().id());
            o.put("message", r.message());
            putOptional(o, "cpuSeconds", r.cpuKnown() ? r.cpuNanos() / 1e9 : Double.NaN);
        }
        return root;
    }

    /**
     * The baseline chosen when the run ended, read back as it was: what the speedup divides, and the run it
     * names as measured (so a class can check the figure by hand, and a restart shows the same).
     */
    private static void baseline(ObjectNode o, RunBaseline b) {
        o.put("kind", b.kind().id());
        if (b.run() != null) {
            RunBaseline.Reference r = b.run();
            o.put("self", r.self());
            if (r.startedAt() != null) {
                o.put("startedAt", r.startedAt().toString());
            }
            o.put("wallSeconds", r.wallNanos() / 1e9);
            putOptional(o, "otherLoad", r.otherLoad());
            o.put("usableCores", r.usableCores());
            o.put("runtime", r.runtime());
        }
        o.put("why", b.why());
    }

    /**
     * The derived figures, for readers other than CoreLanes (a spreadsheet, a script): written, never read
     * back, since {@link RunFigures} derives them again from the trace.
     */
    private static void figures(ObjectNode o, RunFigures f, Trace t) {
        // "usableCores" has always meant how many tasks could run at once; "tasksAtATime" says so, and "cores" is
        // what the run could use (machine.usableCores), in the words every export uses ("1 core (CPU 1)").
        o.put("usableCores", f.usableCores());
        o.put("tasksAtATime", f.usableCores());
        o.put("cores", f.machineCores());
        o.put("coresText", FigureText.cores(t.machine()));
        o.put("concurrency", f.concurrency());
        RunFigures.CpuSplit cpu = f.cpuSplit();
        putOptional(o, "taskCpuSeconds", cpu.taskSeconds());
        putOptional(o, "runtimeCpuSeconds", cpu.runtimeSeconds());
        o.put("cpuSplitUnknownReason", cpu.unknownReason());
        putOptional(o, "efficiency", f.efficiency());
        putOptional(o, "speedup", f.speedup());
        if (f.hasSpeedup()) {
            o.put("speedupBaseline", f.baseline().id());
        } else {
            o.putNull("speedupBaseline");
        }
        o.put("noSpeedupReason", f.noSpeedupReason());
        o.put("noEfficiencyReason", f.noEfficiencyReason());
        RunFigures.Drift d = f.drift();
        if (d.detected()) {
            ObjectNode drift = o.putObject("drift");
            drift.put("tasksChecked", d.tasksChecked());
            drift.put("tasksOff", d.tasksOff());
            drift.put("worstRatio", d.worstRatio());
            drift.put("wallUnderIdeal", d.wallUnderIdeal());
            drift.put("why", d.why());
            drift.put("processWarmUp", d.processWarmUp());
            drift.put("text", FigureText.drift(f));
        } else {
            o.putNull("drift");
        }
    }

    private static void putOptional(ObjectNode o, String field, double value) {
        if (Double.isFinite(value)) {
            o.put(field, value);
        } else {
            o.putNull(field);
        }
    }

    private static void putOptional(ObjectNode o, String field, long value) {
        if (value >= 0) {
            o.put(field, value);
        } else {
            o.putNull(field);
        }
    }
}

package dev.corelanes.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes run files: a trace as JSON (format {@code corelanes-run}, documented in
 * {@code src/site/markdown/run-format.md}). Writing goes to a temporary file that is then moved into place,
 * so a failure never leaves half a file. Reading checks everything and says what is wrong.
 */
public final class RunFile {

    public static final String FORMAT = "corelanes-run";
    public static final int VERSION = 1;
    /** Far above any real run (a 20 000-span run is ~2 MB); guards against opening a wrong huge file. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RunFile() {
    }

    // ---------------------------------------------------------------- writing

    public static void write(Trace trace, Path file) throws RunFileException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, toJson(trace)));
    }

    public static String toJsonString(Trace trace) {
        try {
            return JSON.writeValueAsString(toJson(trace));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode toJson(Trace t) {
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
        ObjectNode cal = root.putObject("calibration");
        cal.put("stepsPerSecond", t.calibration().stepsPerSecond());
        cal.put("measuredMillis", t.calibration().measuredMillis());
        root.put("wallSeconds", t.wallNanos() / 1e9);
        root.put("cpuSeconds", t.cpuNanos() / 1e9);
        root.put("idealSeconds", t.idealSeconds());
        root.put("status", t.status().id());
        root.put("message", t.message());
        root.put("droppedSpans", t.droppedSpans());
        ArrayNode workers = root.putArray("workers");
        for (WorkerInfo w : t.workers()) {
            ObjectNode o = workers.addObject();
            o.put("name", w.name());
            putOptional(o, "pid", w.pid());
            putOptional(o, "peakRssBytes", w.peakRssBytes());
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
        }
        ArrayNode spans = root.putArray("spans");
        for (Span s : t.spans()) {
            ObjectNode o = spans.addObject();
            o.put("task", s.task());
            o.put("worker", s.worker());
            if (s.hasCore()) {
                o.put("core", s.core());
            } else {
                o.putNull("core");
            }
            o.put("state", s.state().id());
            o.put("startSeconds", s.startSeconds());
            o.put("endSeconds", s.endSeconds());
        }
        return root;
    }

    private static void putOptional(ObjectNode o, String field, long value) {
        if (value >= 0) {
            o.put(field, value);
        } else {
            o.putNull(field);
        }
    }

    // ---------------------------------------------------------------- reading

    public static Trace read(Path file) throws RunFileException {
        try {
            if (Files.isDirectory(file)) {
                throw new RunFileException(file + " is a folder, not a run file.");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new RunFileException(file.getFileName() + " is " + (size >> 20) + " MB: too large for a run file"
                        + " (at most " + (MAX_BYTES >> 20) + " MB).");
            }
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new RunFileException("No such file: " + file);
        } catch (AccessDeniedException e) {
            throw new RunFileException("Cannot read " + file + ": permission denied.");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new RunFileException(file.getFileName() + " is not a CoreLanes run file (not text).");
        } catch (IOException e) {
            throw new RunFileException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses run-file text; {@code name} names the source in messages. */
    public static Trace parse(String text, String name) throws RunFileException {
        if (text.isBlank()) {
            throw new RunFileException(name + " is empty: not valid JSON, not a run file.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new RunFileException(name + " is not a CoreLanes run file: it is not valid JSON" + where + ".");
        }
        if (root == null || !root.isObject()) {
            throw new RunFileException(name + " is not a CoreLanes run file: expected a JSON object.");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new RunFileException(name + " is not a CoreLanes run file (its \"format\" is not \"" + FORMAT + "\").");
        }
        JsonNode v = root.get("version");
        if (v == null || !v.isIntegralNumber()) {
            throw new RunFileException(name + ": \"version\" is missing or not a whole number.");
        }
        if (v.asLong() > VERSION) {
            throw new RunFileException(name + " was written by a newer CoreLanes (run-file version " + v.asText()
                    + "); this one reads version " + VERSION + ". Update CoreLanes to open it.");
        }
        if (v.asLong() < 1) {
            throw new RunFileException(name + ": unknown run-file version " + v.asText() + ".");
        }
        try {
            return new Reader(name).trace(root);
        } catch (IllegalArgumentException e) {
            throw new RunFileException(name + ": " + e.getMessage());
        }
    }

    /** Field-by-field reading with messages that name the field. */
    private record Reader(String name) {

        Trace trace(JsonNode root) throws RunFileException {
            JsonNode s = object(root, "spec");
            ExperimentSpec spec;
            try {
                spec = new ExperimentSpec(ExecutionMode.parse(text(s, "mode")), TaskKind.parse(text(s, "kind")),
                        integer(s, "tasks"), number(s, "taskSeconds"), integer(s, "workers"), bool(s, "gil"));
            } catch (SpecException e) {
                throw new RunFileException(name + ": the experiment in it is not valid: " + e.getMessage());
            }
            JsonNode m = object(root, "machine");
            List<List<Integer>> smt = new ArrayList<>();
            for (JsonNode g : array(m, "smtGroups")) {
                List<Integer> group = new ArrayList<>();
                for (JsonNode c : g) {
                    group.add(checkedInt(c, "machine.smtGroups"));
                }
                smt.add(group);
            }
            MachineInfo machine = new MachineInfo(text(m, "cpu"), integer(m, "logicalCores"),
                    integer(m, "physicalCores"), smt, longValue(m, "memoryBytes"), text(m, "os"), text(m, "java"));
            JsonNode c = object(root, "calibration");
            Calibration cal = new Calibration(longValue(c, "stepsPerSecond"), number(c, "measuredMillis"));
            Instant startedAt;
            try {
                startedAt = Instant.parse(text(root, "startedAt"));
            } catch (DateTimeParseException e) {
                throw new RunFileException(name + ": \"startedAt\" is not a date-time.");
            }
            List<WorkerInfo> workers = new ArrayList<>();
            for (JsonNode w : array(root, "workers")) {
                workers.add(new WorkerInfo(text(w, "name"), optionalLong(w, "pid"), optionalLong(w, "peakRssBytes")));
            }
            List<TaskRecord> tasks = new ArrayList<>();
            for (JsonNode t : array(root, "tasks")) {
                tasks.add(new TaskRecord(integer(t, "id"), text(t, "worker"), nanos(t, "startSeconds"),
                        nanos(t, "endSeconds"), status(t), text(t, "message")));
            }
            List<Span> spans = new ArrayList<>();
            for (JsonNode sp : array(root, "spans")) {
                JsonNode core = sp.get("core");
                int coreId = core == null || core.isNull() ? Span.NO_CORE : checkedInt(core, "spans.core");
                if (coreId < Span.NO_CORE) {
                    throw new RunFileException(name + ": a span has a negative core.");
                }
                SpanState state;
                try {
                    state = SpanState.parse(text(sp, "state"));
                } catch (IllegalArgumentException e) {
                    throw new RunFileException(name + ": " + e.getMessage() + " in spans.");
                }
                spans.add(new Span(integer(sp, "task"), text(sp, "worker"), coreId, state, nanos(sp, "startSeconds"),
                        nanos(sp, "endSeconds")));
            }
            return new Trace(spec, machine, cal, startedAt, nanos(root, "wallSeconds"), nanos(root, "cpuSeconds"),
                    status(root), text(root, "message"), tasks, workers, spans, longValue(root, "droppedSpans"),
                    runtime(root));
        }

        /** Files written before runtimes were recorded ran on Java. */
        private RunRuntime runtime(JsonNode root) throws RunFileException {
            JsonNode r = root.get("runtime");
            if (r == null || r.isNull()) {
                return RunRuntime.JAVA;
            }
            if (!r.isObject()) {
                throw new RunFileException(name + ": \"runtime\" must be an object.");
            }
            try {
                return new RunRuntime(text(r, "id"), text(r, "interpreter"), text(r, "version"), text(r, "gil"),
                        text(r, "startMethod"));
            } catch (IllegalArgumentException e) {
                throw new RunFileException(name + ": runtime: " + e.getMessage() + ".");
            }
        }

        private TaskStatus status(JsonNode n) throws RunFileException {
            try {
                return TaskStatus.parse(text(n, "status"));
            } catch (IllegalArgumentException e) {
                throw new RunFileException(name + ": " + e.getMessage() + ".");
            }
        }

        private JsonNode field(JsonNode n, String f) throws RunFileException {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                throw new RunFileException(name + ": field \"" + f + "\" is missing.");
            }
            return v;
        }

        private JsonNode object(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isObject()) {
                throw new RunFileException(name + ": \"" + f + "\" must be an object.");
            }
            return v;
        }

        private JsonNode array(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isArray()) {
                throw new RunFileException(name + ": \"" + f + "\" must be a list.");
            }
            return v;
        }

        private String text(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isTextual()) {
                throw new RunFileException(name + ": \"" + f + "\" must be text.");
            }
            return v.asText();
        }

        private boolean bool(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isBoolean()) {
                throw new RunFileException(name + ": \"" + f + "\" must be true or false.");
            }
            return v.asBoolean();
        }

        private int integer(JsonNode n, String f) throws RunFileException {
            return checkedInt(field(n, f), f);
        }

        private int checkedInt(JsonNode v, String f) throws RunFileException {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new RunFileException(name + ": \"" + f + "\" must be a whole number in range.");
            }
            return v.asInt();
        }

        private long longValue(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new RunFileException(name + ": \"" + f + "\" must be a whole number in range.");
            }
            return v.asLong();
        }

        private long optionalLong(JsonNode n, String f) throws RunFileException {
            JsonNode v = n.get(f);
            return v == null || v.isNull() ? -1 : longValue(n, f);
        }

        private double number(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new RunFileException(name + ": \"" + f + "\" must be a number.");
            }
            return v.asDouble();
        }

        /** Seconds on the run's timeline, as nanoseconds; at most a day, never negative. */
        private long nanos(JsonNode n, String f) throws RunFileException {
            double s = number(n, f);
            if (s < 0 || s > 86_400) {
                throw new RunFileException(name + ": \"" + f + "\" is out of range (" + s + " s).");
            }
            return Math.round(s * 1e9);
        }
    }
}

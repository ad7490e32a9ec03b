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
import dev.corelanes.engine.WaitKind;
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
 * Reads run files ({@link RunFile}): streamed, capped, every field checked, fields this version does not read
 * skipped unread, and what is wrong said in one line a user can act on.
 */
final class RunFileReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The parser factory for reading: field names are not canonicalized, because a file may hold millions of
     * distinct names in a field this version skips, and a symbol table of them cost seconds and memory (17 s for
     * 100 MB of them); the few names a run file really has cost nothing to allocate again. Without it Jackson reads
     * characters, not bytes: {@link #utf8} decodes them, strictly.
     */
    private static final com.fasterxml.jackson.core.JsonFactory READING = com.fasterxml.jackson.core.JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    private RunFileReader() {
    }

    static Trace read(Path file) throws RunFileException {
        if (Files.isDirectory(file)) {
            throw new RunFileException(file + " is a folder, not a run file.");
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        // The cap is counted while reading, not taken from Files.size(): a device or a pipe (/dev/zero, a
        // FIFO) has no size and would otherwise be read until memory runs out.
        try (CappedInput in = new CappedInput(Files.newInputStream(file))) {
            try {
                return parse(READING.createParser(utf8(in)), name);
            } catch (RunFileException e) {
                if (in.over) {
                    throw tooLarge(file);
                }
                throw e;
            }
        } catch (CappedInput.TooLarge e) {
            throw tooLarge(file);
        } catch (NoSuchFileException e) {
            throw new RunFileException("No such file: " + file);
        } catch (AccessDeniedException e) {
            throw new RunFileException("Cannot read " + file + ": permission denied.");
        } catch (IOException e) {
            throw new RunFileException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The bytes as UTF-8 text: bytes that are not UTF-8 are an error (not replaced), and a byte-order mark at the
     * start is dropped, as some Windows editors save one.
     */
    private static java.io.Reader utf8(InputStream in) {
        java.io.Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
        java.io.PushbackReader p = new java.io.PushbackReader(new java.io.BufferedReader(r, 64 * 1024), 1);
        return new java.io.FilterReader(p) {
            private boolean first = true;

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                skipBom();
                return super.read(cbuf, off, len);
            }

            @Override
            public int read() throws IOException {
                skipBom();
                return super.read();
            }

            private void skipBom() throws IOException {
                if (first) {
                    first = false;
                    int c = p.read();
                    if (c >= 0 && c != '\uFEFF') {
                        p.unread(c);
                    }
                }
            }
        };
    }

    private static RunFileException tooLarge(Path file) {
        return new RunFileException(file + " is larger than " + (MAX_BYTES >> 20) + " MB: too large for a run file.");
    }

    /** Counts bytes as they are read and stops at {@link #MAX_BYTES}. */
    private static final class CappedInput extends java.io.FilterInputStream {
        static final class TooLarge extends IOException {
        }

        private long read;
        boolean over;

        CappedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BYTES) {
                over = true;
                throw new TooLarge();
            }
        }
    }

    /** Parses run-file text; {@code name} names the source in messages. */
    static Trace parse(String text, String name) throws RunFileException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte-order mark, as some Windows editors save
        }
        try {
            return parse(READING.createParser(text), name);
        } catch (IOException e) {
            throw new RunFileException(name + ": " + e.getMessage());
        }
    }

    /**
     * Reads the top-level object field by field. The spans are read one at a time and checked as they come,
     * so memory follows the number of spans (each a small record), never a tree of the whole file.
     */
    private static Trace parse(JsonParser p, String name) throws RunFileException, IOException {
        Reader reader = new Reader(name, new java.util.HashMap<>());
        ObjectNode root = JSON.createObjectNode();
        List<Span> spans = null;
        RunFileException spanProblem = null;
        try (p) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new RunFileException(name + " is empty: not valid JSON, not a run file.");
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren(); // a complete value (an array, a number) is "not an object"; broken text is not JSON
                throw new RunFileException(name + " is not a CoreLanes run file: expected a JSON object.");
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            Budget budget = new Budget(name, MAX_HEAD_VALUES);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!seen.add(field)) {
                    throw new RunFileException(name + " is not a CoreLanes run file: it is not valid JSON"
                            + " (field \"" + field + "\" twice).");
                }
                if (field.equals("spans") && value == JsonToken.START_ARRAY) {
                    root.putArray("spans"); // a placeholder: the spans are kept as records
                    spans = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode sp = tree(p, new Budget(name, MAX_SPAN_VALUES));
                        if (spanProblem != null) {
                            continue; // keep reading to report broken JSON or a foreign format first
                        }
                        if (spans.size() == MAX_SPANS) {
                            spanProblem = new RunFileException(name + ": \"spans\" has more than " + MAX_SPANS
                                    + " entries; a run file holds at most " + MAX_SPANS + ".");
                            continue;
                        }
                        try {
                            spans.add(reader.span(sp));
                        } catch (RunFileException e) {
                            spanProblem = e;
                        } catch (IllegalArgumentException e) {
                            spanProblem = new RunFileException(name + ": " + e.getMessage());
                        }
                    }
                } else if (READ.contains(field)) {
                    root.set(field, tree(p, budget));
                } else {
                    // A field this version does not read (a newer one's, or anything else): skipped while streaming,
                    // so its size costs no memory (an unknown field of 8 000 000 keys ran a 512 MiB heap out).
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new RunFileException(name + " is not a CoreLanes run file: it is not valid JSON (text after the end).");
            }
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new RunFileException(name + " is not a CoreLanes run file: a value in it is too long.");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Invalid UTF-8")) {
                throw new RunFileException(name + " is not a CoreLanes run file (not text).");
            }
            throw new RunFileException(name + " is not a CoreLanes run file: it is not valid JSON" + where + ".");
        } catch (java.io.CharConversionException | java.nio.charset.CharacterCodingException e) {
            throw new RunFileException(name + " is not a CoreLanes run file (not text).");
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
        if (spanProblem != null) {
            throw spanProblem;
        }
        try {
            if (spans == null) {
                reader.array(root, "spans"); // missing, or not a list: says which
            }
            return reader.trace(root, spans);
        } catch (IllegalArgumentException e) {
            throw new RunFileException(name + ": " + e.getMessage());
        }
    }

    /** The top-level fields this version reads; any other is skipped unread ("figures" is written for others). */
    private static final java.util.Set<String> READ = java.util.Set.of("format", "version", "startedAt", "spec",
            "runtime", "machine", "calibration", "wallSeconds", "cpuSeconds", "status", "message", "droppedSpans",
            "conditions", "workers", "tasks", "baseline");

    /** Counts the values read into trees, and refuses the file past its limit. */
    private static final class Budget {
        private final String name;
        private int left;
        private final int max;

        Budget(String name, int max) {
            this.name = name;
            this.left = max;
            this.max = max;
        }

        void take() throws RunFileException {
            if (--left < 0) {
                throw new RunFileException(name + " is not a CoreLanes run file: it holds more values than a run file "
                        + "can (" + (max == MAX_SPAN_VALUES ? "a span with more than " + max
                        : "more than " + max + " outside its spans") + ").");
            }
        }
    }

    private static JsonProcessingException duplicate(JsonParser p, String field) {
        return new com.fasterxml.jackson.core.JsonParseException(p, "Duplicate field '" + field + "'");
    }

    /**
     * The value at the parser's current token as a tree, as Jackson would build it, counting every value against
     * {@code budget} and refusing a field named twice in one object.
     */
    private static JsonNode tree(JsonParser p, Budget budget) throws IOException, RunFileException {
        budget.take();
        var nodes = JSON.getNodeFactory();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    if (o.has(k)) {
                        throw duplicate(p, k);
                    }
                    o.set(k, tree(p, budget));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(tree(p, budget));
                }
                return a;
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        }
    }

    /** Field-by-field reading with messages that name the field. */
    private record Reader(String name, java.util.Map<String, String> workerNames) {

        Trace trace(JsonNode root, List<Span> spans) throws RunFileException {
            JsonNode s = object(root, "spec");
            ExperimentSpec spec;
            try {
                spec = new ExperimentSpec(ExecutionMode.parse(text(s, "mode")), TaskKind.parse(text(s, "kind")),
                        integer(s, "tasks"), number(s, "taskSeconds"), integer(s, "workers"), bool(s, "gil"));
            } catch (SpecException e) {
                throw new RunFileException(name + ": the experiment in it is not valid: " + e.getMessage());
            }
            JsonNode m = object(root, "machine");
            int logical = integerIn(m, "logicalCores", 1, MachineInfo.MAX_CPUS);
            int physical = integerIn(m, "physicalCores", 1, logical);
            List<List<Integer>> smt = new ArrayList<>();
            int listed = 0;
            for (JsonNode g : array(m, "smtGroups")) {
                if (!g.isArray()) {
                    throw new RunFileException(name + ": \"machine.smtGroups\" must be a list of lists of CPU numbers.");
                }
                List<Integer> group = new ArrayList<>();
                for (JsonNode c : g) {
                    if (++listed > logical) {
                        throw new RunFileException(name + ": \"machine.smtGroups\" lists more CPUs than the machine's "
                                + logical + ".");
                    }
                    group.add(checkedIn(c, "machine.smtGroups", 0, logical - 1));
                }
                smt.add(group);
            }
            List<Integer> pinned = pinnedCpus(m);
            for (int cpu : pinned) {
                if (cpu >= logical) {
                    throw new RunFileException(name + ": \"machine.pinnedCpus\" names CPU " + cpu + " of " + logical + ".");
                }
            }
            MachineInfo machine = new MachineInfo(text(m, "cpu"), logical, physical, smt,
                    longIn(m, "memoryBytes", 0, Long.MAX_VALUE), text(m, "os"), text(m, "java"),
                    m.has("usableCores") ? integerIn(m, "usableCores", 1, logical) : logical, pinned,
                    cpuClasses(m, logical));
            JsonNode c = object(root, "calibration");
            double measured = number(c, "measuredMillis");
            if (measured < 0) {
                throw new RunFileException(name + ": \"measuredMillis\" is negative.");
            }
            long tick = optionalLong(c, "cpuTickNanos"); // absent in files from before the tick was measured
            Calibration cal = new Calibration(longIn(c, "stepsPerSecond", 0, Long.MAX_VALUE), measured,
                    new ThreadCpuClock.Tick(Math.max(0, tick), c.has("cpuTickSimulated") && bool(c, "cpuTickSimulated")));
            Instant startedAt;
            try {
                startedAt = Instant.parse(text(root, "startedAt"));
            } catch (DateTimeParseException e) {
                throw new RunFileException(name + ": \"startedAt\" is not a date-time.");
            }
            List<WorkerInfo> workers = new ArrayList<>();
            for (JsonNode w : limited(root, "workers", MAX_TASKS + 1)) {
                workers.add(new WorkerInfo(text(w, "name"), optionalLong(w, "pid"), optionalLong(w, "peakRssBytes"),
                        optionalLong(w, "tid")));
            }
            List<TaskRecord> tasks = new ArrayList<>();
            for (JsonNode t : limited(root, "tasks", MAX_TASKS)) {
                tasks.add(new TaskRecord(integerIn(t, "id", 1, MAX_TASKS), text(t, "worker"), nanos(t, "startSeconds"),
                        nanos(t, "endSeconds"), status(t), text(t, "message"), optionalNanos(t, "cpuSeconds")));
            }
            return new Trace(spec, machine, cal, startedAt, nanos(root, "wallSeconds"), cpuNanos(root),
                    status(root), text(root, "message"), tasks, workers, spans,
                    longIn(root, "droppedSpans", 0, Long.MAX_VALUE), conditions(root), runtime(root),
                    baseline(root));
        }

        /** Files written before baselines were kept with the run have none: the run on its own. */
        private RunBaseline baseline(JsonNode root) throws RunFileException {
            JsonNode b = root.get("baseline");
            if (b == null || b.isNull()) {
                return null;
            }
            if (!b.isObject()) {
                throw new RunFileException(name + ": \"baseline\" must be an object.");
            }
            RunBaseline.Kind kind;
            try {
                kind = RunBaseline.Kind.parse(text(b, "kind"));
            } catch (IllegalArgumentException e) {
                throw new RunFileException(name + ": " + e.getMessage() + ".");
            }
            JsonNode why = b.get("why");
            String reason = why == null || why.isNull() ? "" : text(b, "why");
            if (kind != RunBaseline.Kind.SEQUENTIAL_RUN) {
                return new RunBaseline(kind, null, reason);
            }
            Instant at = null;
            JsonNode started = b.get("startedAt");
            if (started != null && !started.isNull()) {
                try {
                    at = Instant.parse(text(b, "startedAt"));
                } catch (DateTimeParseException e) {
                    throw new RunFileException(name + ": baseline \"startedAt\" is not a date-time.");
                }
            }
            double other = otherLoad(b, "baseline ");
            long wall = nanos(b, "wallSeconds");
            if (wall <= 0) {
                throw new RunFileException(name + ": baseline \"wallSeconds\" must be more than 0.");
            }
            return new RunBaseline(kind, new RunBaseline.Reference(at, wall, other,
                    integerIn(b, "usableCores", 1, MachineInfo.MAX_CPUS), text(b, "runtime"), bool(b, "self")), reason);
        }

        /** One span, checked; the worker's name is shared by all its spans. */
        Span span(JsonNode sp) throws RunFileException {
            if (!sp.isObject()) {
                throw new RunFileException(name + ": every entry of \"spans\" must be an object.");
            }
            JsonNode core = sp.get("core");
            int coreId = core == null || core.isNull() ? Span.NO_CORE
                    : checkedIn(core, "spans.core", 0, MachineInfo.MAX_CPUS - 1);
            SpanState state;
            try {
                state = SpanState.parse(text(sp, "state"));
            } catch (IllegalArgumentException e) {
                throw new RunFileException(name + ": " + e.getMessage() + " in spans.");
            }
            String worker = workerNames.computeIfAbsent(text(sp, "worker"), w -> w);
            JsonNode waitNode = sp.get("wait"); // files before wait kinds were drawn have none
            WaitKind wait = WaitKind.NONE;
            if (waitNode != null && !waitNode.isNull()) {
                if (!waitNode.isTextual() || state != SpanState.SLEEPING) {
                    throw new RunFileException(name + ": \"wait\" in spans must be text, on a sleeping span.");
                }
                try {
                    wait = WaitKind.parse(waitNode.asText());
                } catch (IllegalArgumentException e) {
                    throw new RunFileException(name + ": " + e.getMessage() + " in spans.");
                }
            }
            return new Span(integerIn(sp, "task", Span.NO_TASK, MAX_TASKS), worker, coreId, state,
                    nanos(sp, "startSeconds"), nanos(sp, "endSeconds"), wait);
        }

        /** Run files before the drift check have no "conditions": they read as unknown. */
        private RunConditions conditions(JsonNode root) throws RunFileException {
            JsonNode c = root.get("conditions");
            if (c == null || c.isNull()) {
                return RunConditions.UNKNOWN;
            }
            if (!c.isObject()) {
                throw new RunFileException(name + ": \"conditions\" must be an object.");
            }
            long after = optionalLong(c, "stepsPerSecondAfter");
            double other = otherLoad(c, "");
            // Absent in files from before it was measured: their CPU time may hold the tasks' alone.
            boolean runtimeMeasured = c.has("runtimeCpuMeasured") && bool(c, "runtimeCpuMeasured");
            // Absent or null in files from before the clock origin was recorded. Any long: nanoTime may be negative.
            JsonNode o = c.get("monotonicOriginNanos");
            long origin = o == null || o.isNull() ? RunConditions.UNKNOWN_ORIGIN : longValue(c, "monotonicOriginNanos");
            JsonNode sc = c.get("samplerCpuSeconds");
            long sampler = sc == null || sc.isNull() ? -1 : nanos(c, "samplerCpuSeconds");
            JsonNode wc = c.get("windowCpuSeconds");
            long window = wc == null || wc.isNull() ? -1 : nanos(c, "windowCpuSeconds");
            JsonNode pb = c.get("placedBy"); // absent for runs not traced, and in files from before it was said
            String placedBy = pb == null || !pb.isTextual() ? "" : pb.asText();
            return new RunConditions(Math.max(0, after), other, runtimeMeasured, origin, sampler, window, placedBy);
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

        JsonNode array(JsonNode n, String f) throws RunFileException {
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

        /** A whole number from {@code min} to {@code max}: counts and indexes are bounded before anything is sized by them. */
        private int integerIn(JsonNode n, String f, int min, int max) throws RunFileException {
            return checkedIn(field(n, f), f, min, max);
        }

        private int checkedIn(JsonNode v, String f, int min, int max) throws RunFileException {
            int i = checkedInt(v, f);
            if (i < min || i > max) {
                throw new RunFileException(name + ": \"" + f + "\" is " + i + ", out of range (" + min + " to " + max + ").");
            }
            return i;
        }

        private long longIn(JsonNode n, String f, long min, long max) throws RunFileException {
            long v = longValue(n, f);
            if (v < min || v > max) {
                throw new RunFileException(name + ": \"" + f + "\" is " + v + ", out of range (" + min + " to " + max + ").");
            }
            return v;
        }

        /** A list of at most {@code max} entries. */
        private JsonNode limited(JsonNode n, String f, int max) throws RunFileException {
            JsonNode v = array(n, f);
            if (v.size() > max) {
                throw new RunFileException(name + ": \"" + f + "\" has " + v.size() + " entries; a run file holds at most "
                        + max + ".");
            }
            return v;
        }

        /** CPU time: tasks on many cores can use more CPU seconds than a day of wall time, never more than all CPUs could. */
        private long cpuNanos(JsonNode root) throws RunFileException {
            double s = number(root, "cpuSeconds");
            if (s < 0 || s > MAX_SECONDS * MachineInfo.MAX_CPUS) {
                throw new RunFileException(name + ": \"cpuSeconds\" is out of range (" + s + " s).");
            }
            return Math.round(s * 1e9);
        }

        private long longValue(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new RunFileException(name + ": \"" + f + "\" must be a whole number in range.");
            }
            return v.asLong();
        }

        /** Older files have no pinning: the run could use every CPU. */
        private List<Integer> pinnedCpus(JsonNode m) throws RunFileException {
            if (!m.has("pinnedCpus")) {
                return List.of();
            }
            try {
                return CpuList.parse(text(m, "pinnedCpus"));
            } catch (IllegalArgumentException e) {
                throw new RunFileException(name + ": \"machine.pinnedCpus\": " + e.getMessage() + ".");
            }
        }

        /** One letter per logical CPU ("PPEE"); older files and one-class machines have none. */
        private List<CoreClass> cpuClasses(JsonNode m, int logical) throws RunFileException {
            if (!m.has("cpuClasses")) {
                return List.of();
            }
            String letters = text(m, "cpuClasses");
            if (letters.length() != logical) {
                throw new RunFileException(name + ": \"machine.cpuClasses\" must have one letter per logical CPU ("
                        + logical + ").");
            }
            List<CoreClass> classes = new ArrayList<>(letters.length());
            for (char ch : letters.toCharArray()) {
                if (ch != 'P' && ch != 'E') {
                    throw new RunFileException(name + ": \"machine.cpuClasses\" may hold only P and E.");
                }
                classes.add(ch == 'P' ? CoreClass.PERFORMANCE : CoreClass.EFFICIENCY);
            }
            return classes;
        }

        /** Other programs' share of the CPUs, 0..1, or NaN where absent (older files, an OS that does not tell). */
        private double otherLoad(JsonNode n, String where) throws RunFileException {
            JsonNode load = n.get("otherLoad");
            double other = load == null || load.isNull() ? Double.NaN : number(n, "otherLoad");
            if (other < 0 || other > 1) {
                throw new RunFileException(name + ": " + where + "\"otherLoad\" must be between 0 and 1.");
            }
            return other;
        }

        private long optionalLong(JsonNode n, String f) throws RunFileException {
            JsonNode v = n.get(f);
            return v == null || v.isNull() ? -1 : longValue(n, f);
        }

        /** Optional seconds (null or absent in older files) as nanoseconds, or -1. */
        private long optionalNanos(JsonNode n, String f) throws RunFileException {
            JsonNode v = n.get(f);
            return v == null || v.isNull() ? TaskRecord.CPU_UNKNOWN : nanos(n, f);
        }

        private double number(JsonNode n, String f) throws RunFileException {
            JsonNode v = field(n, f);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new RunFileException(name + ": \"" + f + "\" must be a number.");
            }
            return v.asDouble();
        }

        /** Seconds on the run's timeline, as nanoseconds; at most {@link #MAX_SECONDS}, never negative. */
        private long nanos(JsonNode n, String f) throws RunFileException {
            double s = number(n, f);
            if (s < 0 || s > MAX_SECONDS) {
                throw new RunFileException(name + ": \"" + f + "\" is out of range (" + s + " s).");
            }
            return Math.round(s * 1e9);
        }
    }
}

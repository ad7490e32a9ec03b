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

/**
 * Reads and writes run files: a trace as JSON (format {@code corelanes-run}, documented in
 * {@code src/site/markdown/run-format.md}). Writing goes to a temporary file that is then moved into place,
 * so a failure never leaves half a file. Reading checks everything and says what is wrong.
 */
public final class RunFile {

    public static final String FORMAT = "corelanes-run";
    public static final int VERSION = 1;
    /**
     * The largest run file read (and written): far above a normal run (a 20 000-span run is ~2 MB), and a
     * guard against opening a wrong huge file. A run keeps at most {@link #MAX_SPANS} spans, which, one
     * compact line each, always fit. Reading streams the spans, so memory follows the spans, not the text.
     */
    public static final long MAX_BYTES = 128L * 1024 * 1024;
    /** Spans a run file holds; a run keeps no more (the rest are counted as dropped, see {@link TraceSink}). */
    public static final int MAX_SPANS = TraceSink.DEFAULT_MAX_SPANS;
    /** Tasks a run file holds: the most any mode runs ({@link ExperimentSpec#MAX_LIGHT_TASKS}). */
    public static final int MAX_TASKS = ExperimentSpec.MAX_LIGHT_TASKS;
    /**
     * The latest time on a run's timeline a file holds: a day. A run is capped at
     * {@link ExperimentSpec#MAX_RUN_SECONDS} of expected time, so even a run slowed down many times by a
     * busy machine reads back.
     */
    public static final double MAX_SECONDS = 86_400;

    /**
     * Values (objects, arrays, numbers, strings) read outside the spans, at most: the largest run file holds
     * {@value ExperimentSpec#MAX_LIGHT_TASKS} tasks of 8 values and as many workers of 4, and a machine of
     * {@value MachineInfo#MAX_CPUS} CPUs in SMT groups. More cannot be a run file, and must not fill the heap.
     */
    static final int MAX_HEAD_VALUES = 2_000_000;
    /** Values in one span at most (it has 6). */
    static final int MAX_SPAN_VALUES = 64;

    private RunFile() {
    }

    /** Writes the run as its file, all or nothing (see {@link AtomicFiles}). */
    public static void write(Trace trace, Path file) throws RunFileException {
        RunFileWriter.write(trace, file);
    }

    /**
     * The file's content, for writing it together with others ({@link AtomicFiles.Batch}). A run that this
     * reader could not read back (longer than {@link #MAX_SECONDS}, more than {@link #MAX_SPANS} spans or
     * {@link #MAX_BYTES}) is refused rather than written.
     */
    public static AtomicFiles.Content content(Trace trace) {
        return RunFileWriter.content(trace);
    }

    /** The run file's text. */
    public static String toJsonString(Trace trace) {
        return RunFileWriter.toJsonString(trace);
    }

    /** Reads a run file, checked: a file that is not a valid run says why in one line. */
    public static Trace read(Path file) throws RunFileException {
        return RunFileReader.read(file);
    }

    /** Reads a run file's text; {@code name} names it in messages. */
    public static Trace parse(String text, String name) throws RunFileException {
        return RunFileReader.parse(text, name);
    }
}

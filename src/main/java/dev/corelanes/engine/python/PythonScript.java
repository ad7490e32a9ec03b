package dev.corelanes.engine.python;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.process.StartupCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Python program a run executes: the worker resource ({@code corelanes_experiment.py}, standard
 * library only) with the experiment's block filled in. The code view shows this very text, and a student
 * can run it with {@code python3 FILE} to get the same experiment without CoreLanes.
 */
public final class PythonScript {

    static final String RESOURCE = "corelanes_experiment.py";
    static final String BEGIN = "# --- the experiment (CoreLanes writes this block) ---\n";
    static final String END = "# --- end of the experiment ---\n";

    private PythonScript() {
    }

    /** The mode's name in the script (and in Python's own words). */
    public static String pythonMode(ExecutionMode mode) {
        return switch (mode) {
            case SEQUENTIAL -> "sequential";
            case THREADS -> "threads";
            case POOL -> "thread-pool";
            case VIRTUAL -> "asyncio";
            case PROCESSES -> "processes";
            case PROCESS_POOL -> "process-pool";
        };
    }

    /** Refuses what the Python runtime cannot run, in one line. */
    public static void check(ExperimentSpec spec) {
        if (spec.mode() == ExecutionMode.VIRTUAL && spec.kind() == TaskKind.COMPUTE) {
            throw new SpecException("In Python, virtual threads are asyncio tasks, which suit sleep tasks only: a "
                    + "compute task never awaits, so it would hold the event loop. Use threads or processes.");
        }
    }

    /** The full program for this experiment (start method "" = the interpreter's default). */
    public static String text(ExperimentSpec spec, String startMethod) {
        String template = template();
        int b = template.indexOf(BEGIN);
        int e = template.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalStateException(RESOURCE + " has no experiment block");
        }
        boolean processes = spec.mode().processBased();
        String block = BEGIN
                + "KIND = \"" + spec.kind().id() + "\"" + pad(spec.kind().id().length() + 9)
                + "# \"sleep\": waits like I/O; \"compute\": keeps a CPU busy\n"
                + "TASKS = " + spec.tasks() + pad(8 + String.valueOf(spec.tasks()).length()) + "# how many tasks\n"
                + "SECONDS = " + seconds(spec.taskSeconds()) + pad(10 + seconds(spec.taskSeconds()).length())
                + "# seconds of work per task\n"
                + "MODE = \"" + pythonMode(spec.mode()) + "\"" + pad(9 + pythonMode(spec.mode()).length())
                + "# sequential | threads | thread-pool | processes | process-pool | asyncio\n"
                + "WORKERS = " + spec.workers() + pad(10 + String.valueOf(spec.workers()).length())
                + "# pool size (thread-pool, process-pool)\n"
                + "START_METHOD = \"" + (processes ? startMethod : "") + "\""
                + pad(17 + (processes ? startMethod.length() : 0))
                + "# multiprocessing start method: fork | spawn | forkserver (\"\" = the OS default)\n";
        return template.substring(0, b) + block + template.substring(e);
    }

    private static String pad(int used) {
        return " ".repeat(Math.max(1, 25 - used));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%s", s == Math.rint(s) ? String.format(Locale.ROOT, "%.1f", s)
                : Double.toString(s));
    }

    static String template() {
        try (InputStream in = PythonScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the program to the app's cache folder (named after its content, so a file is never rewritten
     * under a running interpreter) and returns its path. multiprocessing's spawn and forkserver start
     * methods need a file: a child re-imports the main module from it.
     */
    public static Path write(String text) {
        try {
            Path dir = StartupCache.cacheDir();
            dir = dir == null ? Files.createTempDirectory("corelanes-python") : dir.resolve("python");
            Files.createDirectories(dir);
            Path file = dir.resolve("corelanes_experiment_" + hash(text) + ".py");
            if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
                return file;
            }
            Path tmp = Files.createTempFile(dir, ".corelanes", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new PythonUnavailable("Cannot write the Python program to the cache folder: " + e.getMessage());
        }
    }

    private static String hash(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(text.hashCode());
        }
    }
}

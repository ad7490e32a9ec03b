package dev.corelanes.engine.python;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.files.CacheFolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
            case TRACED -> throw new IllegalArgumentException("a traced program is not a Python experiment");
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

    /** The program's file; a temporary one (no usable cache folder) is deleted by {@link #close()}. */
    public record File(Path path, boolean temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                    Files.deleteIfExists(path.getParent());
                } catch (IOException e) {
                    // the temporary folder's own cleaning takes it
                }
            }
        }
    }

    /** Programs kept in the cache at most: each distinct workload is a file of ~22 KB. */
    static final int KEEP = 32;
    /** A program younger than this may belong to a run still going on in another CoreLanes: never pruned. */
    static final long KEEP_YOUNG_MILLIS = 24L * 3600 * 1000;

    /**
     * Writes the program to the app's cache folder (named after its content, so a file is never rewritten
     * under a running interpreter) and returns it; with no usable cache folder, to a temporary folder that is
     * deleted after the run. multiprocessing's spawn and forkserver start methods need a file: a child
     * re-imports the main module from it.
     */
    public static File write(String text) {
        return write(text, CacheFolder.dir());
    }

    /** As {@link #write(String)}, with {@code cache} the cache folder (null: there is none). */
    static File write(String text, Path cache) {
        Path dir = null;
        try {
            boolean temporary = cache == null;
            dir = temporary ? Files.createTempDirectory("corelanes-python") : cache.resolve("python");
            Files.createDirectories(dir);
            Path file = dir.resolve(PREFIX + hash(text) + ".py");
            if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
                touch(file);
                return new File(file, temporary);
            }
            Path tmp = Files.createTempFile(dir, ".corelanes", ".tmp");
            try {
                Files.writeString(tmp, text);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (!temporary) {
                prune(dir, file);
            }
            return new File(file, temporary);
        } catch (IOException | RuntimeException e) {
            if (cache == null && dir != null) {
                new File(dir.resolve("x"), true).close();
            }
            throw new PythonUnavailable("Cannot write the Python program to " + (cache == null ? "the temporary folder"
                    : "the cache folder " + cache) + ": " + InterpreterProbe.oneLine(e.getMessage()) + ".");
        }
    }

    static final String PREFIX = "corelanes_experiment_";

    /** A program used again is young again (pruning keeps the recently used). */
    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // pruned earlier than it might be, and written again when needed
        }
    }

    /** Keeps the {@value #KEEP} most recently used programs of the cache, and any used within a day. */
    static void prune(Path dir, Path keep) {
        List<Path> programs = new ArrayList<>();
        try (var files = Files.newDirectoryStream(dir, PREFIX + "*.py")) {
            files.forEach(programs::add);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (programs.size() <= KEEP) {
            return;
        }
        Map<Path, Long> age = new HashMap<>();
        for (Path p : programs) {
            try {
                age.put(p, Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                age.put(p, Long.MAX_VALUE); // unreadable: leave it
            }
        }
        programs.sort(Comparator.comparing(age::get).reversed());
        long young = System.currentTimeMillis() - KEEP_YOUNG_MILLIS;
        for (Path p : programs.subList(KEEP, programs.size())) {
            if (!p.equals(keep) && age.get(p) < young) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // next time
                }
            }
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

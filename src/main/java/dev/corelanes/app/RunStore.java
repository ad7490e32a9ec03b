package dev.corelanes.app;

import dev.corelanes.engine.files.AppFolders;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.files.RunFileException;
import dev.corelanes.engine.Trace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every finished run, kept as a run file in the app's data folder the moment it ends, so the runs table
 * comes back after a restart (or a crash): {@code $XDG_DATA_HOME/corelanes/runs} on Linux (default
 * {@code ~/.local/share/corelanes/runs}), {@code %APPDATA%\CoreLanes\runs} on Windows,
 * {@code ~/Library/Application Support/CoreLanes/runs} on macOS. Its methods do file work: call them off
 * the FX thread.
 */
final class RunStore {

    /** A run read back, with the file it came from. */
    record Saved(Path file, Trace trace) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final Path dir;
    private final AtomicInteger sequence = new AtomicInteger();

    RunStore(Path dir) {
        this.dir = dir;
    }

    /** The user's runs folder; null when there is no home or data folder to use (nothing is kept then). */
    static RunStore user() {
        Path d = defaultDir(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
        return d == null ? null : new RunStore(d);
    }

    /** Where runs are kept on {@code os}, from its environment and home folder (null when neither says). */
    static Path defaultDir(String os, java.util.Map<String, String> env, String home) {
        Path data = AppFolders.of(os, env, home).data();
        return data == null ? null : data.resolve("runs");
    }

    Path dir() {
        return dir;
    }

    /** Writes the run as a new file (never over another one); returns it. */
    Path save(Trace t) throws RunFileException, IOException {
        Files.createDirectories(dir);
        String name = "run-" + STAMP.format(t.startedAt()) + "-" + sequence.incrementAndGet() + "-"
                + t.spec().mode().id() + ".corelanes.json"; // the type the installers register: a double-click opens it
        Path file = dir.resolve(name);
        RunFile.write(t, file);
        return file;
    }

    /** Every run file in the folder, oldest first; unreadable files are skipped and named in {@code problems}. */
    List<Saved> load(List<String> problems) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "run-*.json")) {
            s.forEach(files::add);
        } catch (IOException e) {
            problems.add(dir + ": " + e.getMessage());
            return List.of();
        }
        files.sort(null);
        List<Saved> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(new Saved(f, RunFile.read(f)));
            } catch (RunFileException e) {
                problems.add(f.getFileName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Deletes the kept run files (only ours: run-*.json in the runs folder); returns how many. */
    int clear() throws IOException {
        int n = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "run-*.json")) {
            for (Path f : s) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(f)) {
                    n++;
                }
            }
        }
        return n;
    }
}

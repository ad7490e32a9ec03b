package dev.corelanes.app;

import dev.corelanes.engine.platform.Os;
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

    /**
     * A run read back, with the file it came from and the number it had in the runs table (0 for a file
     * kept before numbers were written into the name: it gets the next free one).
     */
    record Saved(Path file, Trace trace, int number) {
    }

    /** The number in a kept file's name ({@code run-<stamp>-n<number>-<mode>…}), or 0 when it has none. */
    static int numberOf(Path file) {
        java.util.regex.Matcher m = NUMBERED.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("run-[0-9-]+?-n([0-9]{1,9})-.*");
    /** Where Clear runs puts the files it takes away, one folder per clear, until Undo or the window closes. */
    private static final String TRASH = "cleared";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final Path dir;
    private final AtomicInteger sequence = new AtomicInteger();

    RunStore(Path dir) {
        this.dir = dir;
    }

    /** The user's runs folder; null when there is no home or data folder to use (nothing is kept then). */
    static RunStore user() {
        Path d = defaultDir(Os.current(), System.getenv(), System.getProperty("user.home"));
        return d == null ? null : new RunStore(d);
    }

    /** Where runs are kept on {@code os}, from its environment and home folder (null when neither says). */
    static Path defaultDir(Os os, java.util.Map<String, String> env, String home) {
        Path data = AppFolders.of(os, env, home).data();
        return data == null ? null : data.resolve("runs");
    }

    Path dir() {
        return dir;
    }

    /**
     * Writes the run as a new file (never over another one), its table number in the name so it comes back
     * under the same number after a restart; returns it.
     */
    Path save(Trace t, int number) throws RunFileException, IOException {
        Files.createDirectories(dir);
        String base = "run-" + STAMP.format(t.startedAt()) + "-n" + number + "-" + t.spec().mode().id();
        // .corelanes.json: the type the installers register, so a double-click opens it
        Path file = dir.resolve(base + ".corelanes.json");
        while (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            file = dir.resolve(base + "-" + sequence.incrementAndGet() + ".corelanes.json");
        }
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
        // In table order: numbered files by their number, older unnumbered ones after them by time.
        files.sort(java.util.Comparator.<Path>comparingInt(f -> numberOf(f) == 0 ? Integer.MAX_VALUE : numberOf(f))
                .thenComparing(f -> f.getFileName().toString()));
        List<Saved> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(new Saved(f, RunFile.read(f), numberOf(f)));
            } catch (RunFileException e) {
                problems.add(f.getFileName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** True when {@code file} is one of the kept runs (a run opened from here needs no second copy). */
    boolean holds(Path file) {
        return file != null && file.toAbsolutePath().normalize().getParent() != null
                && file.toAbsolutePath().normalize().getParent().equals(dir.toAbsolutePath().normalize());
    }

    /**
     * Clear runs: moves the kept run files (only ours: run-*.json in the runs folder) into a trash folder of
     * their own, so {@link #undo} can bring them back until {@link #emptyTrash} (the window closes). Returns
     * the folder they went to.
     */
    Path clear() throws IOException {
        Path trash = dir.resolve(TRASH).resolve(STAMP.format(java.time.Instant.now()) + "-" + sequence.incrementAndGet());
        if (!Files.isDirectory(dir)) {
            return trash;
        }
        Files.createDirectories(trash);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "run-*.json")) {
            for (Path f : s) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(f, trash.resolve(f.getFileName()));
                }
            }
        }
        return trash;
    }

    /** Puts back the files one {@link #clear} moved to {@code trash} (never over a file of the same name). */
    void undo(Path trash) throws IOException {
        if (!Files.isDirectory(trash)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(trash, "run-*.json")) {
            for (Path f : s) {
                Path back = dir.resolve(f.getFileName());
                if (!Files.exists(back, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(f, back);
                }
            }
        }
        deleteTree(trash);
    }

    /** Deletes what Clear runs moved away (the window closes; or a window that crashed left it behind). */
    void emptyTrash() throws IOException {
        deleteTree(dir.resolve(TRASH));
    }

    /** The run files in the trash (tests). */
    long inTrash() throws IOException {
        Path t = dir.resolve(TRASH);
        if (!Files.isDirectory(t)) {
            return 0;
        }
        try (var s = Files.walk(t)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-")).count();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.corelanes.engine.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data-sharing archive of the worker's classes (JDK 19+ {@code -XX:+AutoCreateSharedArchive}),
 * kept in the user's cache folder: later children map the classes instead of loading and verifying them,
 * which shortens their start-up.
 *
 * <p>The JVM writes the archive when a child that was given {@code AutoCreateSharedArchive} exits and the
 * archive was missing or stale. Two children writing it at once could interleave, so only one child at a
 * time gets that flag; the others just read the archive if it exists (a stale one is ignored by the JVM).
 */
final class CdsArchive {

    /** Who may (re)create the archive: one child of this JVM at a time. */
    private static final AtomicBoolean CREATOR_BUSY = new AtomicBoolean();

    /** The flags for one child, and whether it holds the creator role (give it back when it exits). */
    record Flags(List<String> jvmArgs, boolean creator) {
        void release() {
            if (creator) {
                CREATOR_BUSY.set(false);
            }
        }
    }

    private CdsArchive() {
    }

    static Flags flagsForNextChild() {
        Path file = archiveFile();
        if (file == null) {
            return new Flags(List.of(), false);
        }
        List<String> args = new ArrayList<>();
        args.add("-XX:SharedArchiveFile=" + file);
        boolean creator = CREATOR_BUSY.compareAndSet(false, true);
        if (creator) {
            args.add("-XX:+AutoCreateSharedArchive");
        } else if (!Files.isRegularFile(file)) {
            return new Flags(List.of(), false);
        }
        return new Flags(List.copyOf(args), creator);
    }

    /** Per JDK feature version, so two installed JDKs do not keep invalidating each other's archive. */
    static Path archiveFile() {
        if (Runtime.version().feature() < 19) {
            return null; // AutoCreateSharedArchive arrived in JDK 19
        }
        Path dir = cacheDir();
        if (dir == null) {
            return null;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            return null;
        }
        return Files.isWritable(dir) ? dir.resolve("corelanes-worker-jdk" + Runtime.version().feature() + ".jsa") : null;
    }

    private static Path cacheDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return local == null || local.isBlank() ? null : Path.of(local, "CoreLanes", "cache");
        }
        if (home == null || home.isBlank()) {
            return null;
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "CoreLanes");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && xdg.startsWith("/") ? Path.of(xdg, "corelanes") : Path.of(home, ".cache", "corelanes");
    }
}

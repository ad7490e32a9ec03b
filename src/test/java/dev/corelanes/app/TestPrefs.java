package dev.corelanes.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Preferences for tests: a file of their own in a temporary folder, never the user's. */
public final class TestPrefs {

    /** The folders this JVM made: another build running at the same time keeps its own. */
    private static final Set<Path> MINE = ConcurrentHashMap.newKeySet();

    private TestPrefs() {
    }

    public static AppPrefs fresh() {
        return new AppPrefs(file());
    }

    /** A settings file that does not exist yet, in a new temporary folder. */
    static Path file() {
        try {
            Path dir = Files.createTempDirectory("corelanes-prefs-");
            MINE.add(dir);
            return dir.resolve(AppPrefs.FILE_NAME);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the folders this JVM made (call after the tests). */
    public static void removeAll() {
        for (Path dir : MINE) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                // already gone
            }
            MINE.remove(dir);
        }
    }
}

package dev.corelanes.engine.files;

import dev.corelanes.engine.platform.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The user's cache folder for CoreLanes ({@link AppFolders#cache()}), created if needed, or null when there is
 * none or it cannot be written: worker start-up caches, crash reports and Python programs go there.
 */
public final class CacheFolder {

    private static volatile Path dir;
    private static volatile boolean known;

    private CacheFolder() {
    }

    /** This user's cache folder, created if needed; null when unusable (then nothing is cached). */
    public static Path dir() {
        if (!known) {
            dir = find(Os.current(), System.getProperty("user.home"),
                    System.getenv("XDG_CACHE_HOME"), System.getenv("LOCALAPPDATA"));
            known = true;
        }
        return dir;
    }

    /** The cache folder for this OS, home and variables, created if needed; null when unusable. */
    public static Path find(Os os, String home, String xdg, String local) {
        Map<String, String> env = new HashMap<>();
        if (xdg != null) {
            env.put("XDG_CACHE_HOME", xdg);
        }
        if (local != null) {
            env.put("LOCALAPPDATA", local);
        }
        try {
            Path d = AppFolders.of(os, env, home).cache();
            if (d == null) {
                return null;
            }
            Files.createDirectories(d);
            return Files.isDirectory(d) && Files.isWritable(d) ? d : null;
        } catch (IOException | RuntimeException e) {
            return null; // no cache then
        }
    }
}

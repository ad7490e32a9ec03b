package dev.corelanes.engine.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The start-up cache's build: one builder at a time; and no cache at all (not a failure) when the cache folder
 * cannot be used. (Its files — trusted only when complete and intact, never replaced while in use — are
 * CacheFilesTest's.)
 */
class StartupCacheTest {

    @TempDir
    Path dir;

    @Test
    void oneBuilderAtATime() throws IOException {
        FileChannel first = StartupCache.lockForBuild(dir);
        assertNotNull(first);
        try {
            assertNull(StartupCache.lockForBuild(dir), "a second builder must not start while the first builds");
        } finally {
            first.close();
        }
        FileChannel again = StartupCache.lockForBuild(dir);
        assertNotNull(again, "the lock is free once the first builder is done");
        again.close();
    }

    @Test
    void anUnusableCacheFolderMeansNoCacheNotAFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertNull(StartupCache.findCacheDir(dev.corelanes.engine.platform.Os.of("Linux"), dir.toString(), file.resolve("sub").toString(), null),
                "XDG_CACHE_HOME under a regular file");
        assertNull(StartupCache.findCacheDir(dev.corelanes.engine.platform.Os.of("Linux"), null, null, null), "no home");
        assertNull(StartupCache.findCacheDir(dev.corelanes.engine.platform.Os.of("Linux"), "?", null, null), "no password-file entry");
        assertNull(StartupCache.findCacheDir(dev.corelanes.engine.platform.Os.of("Linux"), file.toString(), null, null), "home is a file");
        assertEquals(dir.resolve("xdg").resolve("corelanes"),
                StartupCache.findCacheDir(dev.corelanes.engine.platform.Os.of("Linux"), null, dir.resolve("xdg").toString(), null), "XDG_CACHE_HOME wins");
        assertEquals(dir.resolve(".cache").resolve("corelanes"), StartupCache.findCacheDir(dev.corelanes.engine.platform.Os.of("Linux"), dir.toString(), "relative", null),
                "a relative XDG_CACHE_HOME is ignored, as the spec says");
    }
}

package dev.corelanes.engine.files;

import dev.corelanes.engine.platform.Os;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** No start-up cache at all (not a failure) when the cache folder cannot be used. */
class CacheFolderTest {

    @TempDir
    Path dir;

    @Test
    void anUnusableCacheFolderMeansNoCacheNotAFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertNull(CacheFolder.find(Os.LINUX, dir.toString(), file.resolve("sub").toString(), null),
                "XDG_CACHE_HOME under a regular file");
        assertNull(CacheFolder.find(Os.LINUX, null, null, null), "no home");
        assertNull(CacheFolder.find(Os.LINUX, "?", null, null), "no password-file entry");
        assertNull(CacheFolder.find(Os.LINUX, file.toString(), null, null), "home is a file");
        assertEquals(dir.resolve("xdg").resolve("corelanes"),
                CacheFolder.find(Os.LINUX, null, dir.resolve("xdg").toString(), null), "XDG_CACHE_HOME wins");
        assertEquals(dir.resolve(".cache").resolve("corelanes"), CacheFolder.find(Os.LINUX, dir.toString(), "relative", null),
                "a relative XDG_CACHE_HOME is ignored, as the spec says");
    }
}

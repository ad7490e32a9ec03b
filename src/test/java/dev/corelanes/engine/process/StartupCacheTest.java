package dev.corelanes.engine.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up cache's files: trusted only when complete and intact, built under a temporary name, one
 * builder at a time; and no cache at all (not a failure) when the cache folder cannot be used.
 */
class StartupCacheTest {

    @TempDir
    Path dir;

    private Path cache() {
        return dir.resolve("corelanes-worker-jdk25-abc.aot");
    }

    private Path sum() {
        return dir.resolve("corelanes-worker-jdk25-abc.sum");
    }

    private Path build(int bytes) throws IOException {
        Path built = dir.resolve("corelanes-worker-jdk25-abc.aot.tmp-1.aot");
        byte[] data = new byte[bytes];
        new Random(7).nextBytes(data);
        Files.write(built, data);
        return built;
    }

    @Test
    void aCompleteBuildIsMovedIntoPlaceAndTrusted() throws IOException {
        Path built = build(300_000);
        StartupCache.commit(built, cache(), sum());
        assertFalse(Files.exists(built), "the temporary file became the cache");
        assertTrue(StartupCache.valid(cache(), sum()));
        assertEquals(Files.size(cache()) + " ", Files.readString(sum()).substring(0, Long.toString(Files.size(cache())).length() + 1));
    }

    @Test
    void bytesOverwrittenInTheMiddleMakeTheCacheUntrusted() throws IOException {
        StartupCache.commit(build(300_000), cache(), sum());
        try (RandomAccessFile f = new RandomAccessFile(cache().toFile(), "rw")) {
            f.seek(150_000);
            f.write(new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        }
        Files.setLastModifiedTime(cache(), FileTime.fromMillis(Files.getLastModifiedTime(cache()).toMillis() + 2_000));
        assertEquals(300_000, Files.size(cache()), "same size: only the checksum can tell");
        assertFalse(StartupCache.valid(cache(), sum()));
    }

    @Test
    void aFileLeftByAKilledBuilderIsNeverTrusted() throws IOException {
        Files.createFile(cache()); // 0 bytes under the final name, no checksum (the old builder did this)
        assertFalse(StartupCache.valid(cache(), sum()));
        Files.writeString(sum(), "0 0\n");
        assertFalse(StartupCache.valid(cache(), sum()), "an empty cache is never valid");
        Files.delete(cache());
        Files.copy(build(1000), cache());
        Files.delete(sum());
        assertFalse(StartupCache.valid(cache(), sum()), "a cache without its checksum file is incomplete");
    }

    @Test
    void aTruncatedCacheIsUntrusted() throws IOException {
        StartupCache.commit(build(300_000), cache(), sum());
        try (FileChannel ch = FileChannel.open(cache(), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(100_000);
        }
        assertFalse(StartupCache.valid(cache(), sum()));
    }

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
        assertNull(StartupCache.findCacheDir("Linux", dir.toString(), file.resolve("sub").toString(), null),
                "XDG_CACHE_HOME under a regular file");
        assertNull(StartupCache.findCacheDir("Linux", null, null, null), "no home");
        assertNull(StartupCache.findCacheDir("Linux", "?", null, null), "no password-file entry");
        assertNull(StartupCache.findCacheDir("Linux", file.toString(), null, null), "home is a file");
        assertEquals(dir.resolve("xdg").resolve("corelanes"),
                StartupCache.findCacheDir("Linux", null, dir.resolve("xdg").toString(), null), "XDG_CACHE_HOME wins");
        assertEquals(dir.resolve(".cache").resolve("corelanes"), StartupCache.findCacheDir("Linux", dir.toString(), "relative", null),
                "a relative XDG_CACHE_HOME is ignored, as the spec says");
    }
}

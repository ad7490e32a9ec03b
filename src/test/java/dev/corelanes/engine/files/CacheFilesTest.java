package dev.corelanes.engine.files;

import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Start-up cache files under Windows' rule — a file a running JVM maps can be neither deleted nor replaced —
 * checked here on any OS with a deleter that refuses such files as Windows does; and their integrity: a cache is
 * trusted only with a checksum that matches.
 */
class CacheFilesTest {

    private static final String PREFIX = "corelanes-worker-";
    private static final String BASE = PREFIX + "jdk25-abc";

    @TempDir
    Path dir;

    /**
     * Deletes as Windows does: a file a JVM maps (here: any file in {@code mapped}) cannot be deleted, and the
     * refusal is an exception, as DeleteFile's is through Java.
     */
    private static final class WindowsLikeDeleter implements CacheFiles.Deleter {
        final Set<Path> mapped = new HashSet<>();
        final List<Path> refused = new java.util.ArrayList<>();

        @Override
        public void delete(Path file) throws IOException {
            if (mapped.contains(file)) {
                refused.add(file);
                throw new FileSystemException(file.toString(), null,
                        "The process cannot access the file because it is being used by another process");
            }
            Files.deleteIfExists(file);
        }
    }

    private static final java.util.function.LongPredicate EVERYONE_ALIVE = pid -> true;

    @Test
    void oneBuilderAtATime() throws IOException {
        FileChannel first = CacheFiles.lockForBuild(dir);
        assertNotNull(first);
        try {
            assertNull(CacheFiles.lockForBuild(dir), "a second builder must not start while the first builds");
        } finally {
            first.close();
        }
        FileChannel again = CacheFiles.lockForBuild(dir);
        assertNotNull(again, "the lock is free once the first builder is done");
        again.close();
    }

    private Path build(int bytes, int seed) throws IOException {
        Path built = CacheFiles.temp(dir, BASE, ".aot");
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        Files.write(built, data);
        return built;
    }

    private static Object identity(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }

    @Test
    void aCompleteBuildIsPublishedWithItsChecksumAndTrusted() throws IOException {
        Path built = build(300_000, 1);
        CacheFiles.Generation g = CacheFiles.publish(built, dir, BASE, ".aot");
        assertFalse(Files.exists(built), "the build became the cache");
        assertTrue(CacheFiles.valid(g.data(), g.sum()));
        assertEquals(g, CacheFiles.newest(dir, BASE, ".aot"));
        assertTrue(Files.readString(g.sum()).startsWith(Files.size(g.data()) + " "));
        assertTrue(g.data().getFileName().toString().matches("corelanes-worker-jdk25-abc\\.g\\d+-\\d+\\.aot"),
                g.data().toString());
    }

    @Test
    void aNewBuildNeverTakesTheNameOfACacheInUse() throws IOException {
        WindowsLikeDeleter windows = new WindowsLikeDeleter();
        CacheFiles.Generation first = CacheFiles.publish(build(100_000, 1), dir, BASE, ".aot");
        windows.mapped.add(first.data()); // a worker of another run maps it
        byte[] before = Files.readAllBytes(first.data());
        Object inode = identity(first.data());

        CacheFiles.Generation second = CacheFiles.publish(build(100_000, 2), dir, BASE, ".aot");
        assertNotEquals(first.data(), second.data());
        assertNotEquals(first.sum(), second.sum());
        assertEquals(inode, identity(first.data()), "the mapped file was not replaced");
        assertArrayEquals(before, Files.readAllBytes(first.data()));
        assertEquals(second, CacheFiles.newest(dir, BASE, ".aot"), "later starts use the newest");
    }

    @Test
    void anOldCacheAJvmStillMapsStaysSilentlyAndGoesAtALaterStart() throws IOException {
        WindowsLikeDeleter windows = new WindowsLikeDeleter();
        CacheFiles.Generation old = CacheFiles.publish(build(100_000, 1), dir, BASE, ".aot");
        CacheFiles.Generation current = CacheFiles.publish(build(100_000, 2), dir, BASE, ".aot");
        windows.mapped.add(old.data());

        List<Path> gone = CacheFiles.sweep(dir, PREFIX, BASE, current, false, windows, EVERYONE_ALIVE);
        assertEquals(List.of(old.data()), windows.refused, "the delete was tried and refused, with no exception out");
        assertTrue(Files.exists(old.data()), "still mapped: stays for now");
        assertEquals(List.of(old.sum()), gone);
        assertTrue(CacheFiles.valid(current.data(), current.sum()), "the cache in use is untouched");

        windows.mapped.clear(); // that JVM has ended
        assertEquals(List.of(old.data()), CacheFiles.sweep(dir, PREFIX, BASE, current, false, windows, EVERYONE_ALIVE));
        assertEquals(current, CacheFiles.newest(dir, BASE, ".aot"));
    }

    @Test
    void aDiscardedCacheIsNeverTrustedAgainEvenWhileItsFileCannotGo() throws IOException {
        WindowsLikeDeleter windows = new WindowsLikeDeleter();
        CacheFiles.Generation g = CacheFiles.publish(build(100_000, 1), dir, BASE, ".aot");
        assertTrue(CacheFiles.valid(g.data(), g.sum())); // checked once: remembered by size and time
        windows.mapped.add(g.data()); // a child crashed with it, another run's worker still maps it

        CacheFiles.discard(g.data(), g.sum(), windows);
        assertTrue(Files.exists(g.data()), "Windows refused to delete it");
        assertFalse(Files.exists(g.sum()), "its checksum went first");
        assertFalse(CacheFiles.valid(g.data(), g.sum()));
        assertNull(CacheFiles.newest(dir, BASE, ".aot"), "no child starts with it again");

        windows.mapped.clear();
        CacheFiles.sweep(dir, PREFIX, BASE, null, true, windows, EVERYONE_ALIVE);
        assertFalse(Files.exists(g.data()), "a later build's sweep removes it");
    }

    @Test
    void aGenerationBeingPublishedIsLeftAloneOutsideTheLock() throws IOException {
        CacheFiles.Generation current = CacheFiles.publish(build(100_000, 1), dir, BASE, ".aot");
        // Another process's publish, half way: its checksum is there, its data not yet; then data without checksum.
        long later = current.millis() + 60_000;
        Path newerSum = Files.writeString(dir.resolve(BASE + ".g" + later + "-7.sum"), "1 0\n");
        Path newerData = Files.write(dir.resolve(BASE + ".g" + (later + 1) + "-7.aot"), new byte[10]);
        CacheFiles.sweep(dir, PREFIX, BASE, current, false, CacheFiles.SYSTEM, EVERYONE_ALIVE);
        assertTrue(Files.exists(newerSum) && Files.exists(newerData), "newer than the cache in use: may be being published");
        CacheFiles.sweep(dir, PREFIX, BASE, null, false, CacheFiles.SYSTEM, EVERYONE_ALIVE);
        assertTrue(Files.exists(newerSum) && Files.exists(newerData), "not without the lock");

        CacheFiles.sweep(dir, PREFIX, BASE, null, true, CacheFiles.SYSTEM, EVERYONE_ALIVE);
        assertFalse(Files.exists(newerSum), "under the build lock nobody publishes: an orphan checksum goes");
        assertFalse(Files.exists(newerData), "and so does data without a valid checksum");
        assertTrue(CacheFiles.valid(current.data(), current.sum()), "a valid cache stays");
    }

    @Test
    void filesOfABuilderThatIsGoneGoThoseOfOneStillBuildingStay() throws IOException {
        Path dead = Files.writeString(dir.resolve(BASE + ".tmp-101.aot"), "half");
        Path deadConfig = Files.writeString(dir.resolve(BASE + ".tmp-101.aotconf"), "half");
        Path live = Files.writeString(dir.resolve(BASE + ".tmp-202.aot"), "half");
        List<Path> gone = CacheFiles.sweep(dir, PREFIX, BASE, null, false, CacheFiles.SYSTEM, pid -> pid == 202);
        assertEquals(Set.of(dead, deadConfig), Set.copyOf(gone));
        assertTrue(Files.exists(live));
    }

    @Test
    void otherBuildsCachesAndOldUnversionedOnesGoThisBuildsNotesAndOtherPrefixesStay() throws IOException {
        CacheFiles.Generation current = CacheFiles.publish(build(1000, 1), dir, BASE, ".aot");
        Path otherBuild = Files.writeString(dir.resolve(PREFIX + "jdk25-0123456789ab.g1-1.aot"), "old");
        Path otherJdk = Files.writeString(dir.resolve(PREFIX + "jdk21-abc.g1-1.jsa"), "old");
        Path unversioned = Files.writeString(dir.resolve(BASE + ".aot"), "from an older CoreLanes");
        Path unversionedSum = Files.writeString(dir.resolve(BASE + ".sum"), "1 0");
        Path note = Files.writeString(dir.resolve(BASE + ".pipeline"), "sw");
        Path app = Files.writeString(dir.resolve("corelanes-app-jdk25-abc.g1-1.aot"), "the window's");
        Path lock = Files.writeString(dir.resolve("corelanes-build.lock"), "");
        List<Path> gone = CacheFiles.sweep(dir, PREFIX, BASE, current, false, CacheFiles.SYSTEM, EVERYONE_ALIVE);
        assertEquals(Set.of(otherBuild, otherJdk, unversioned, unversionedSum), Set.copyOf(gone));
        assertTrue(Files.exists(note) && Files.exists(app) && Files.exists(lock));
        assertTrue(CacheFiles.valid(current.data(), current.sum()));
    }

    @Test
    void bytesOverwrittenInTheMiddleMakeTheCacheUntrusted() throws IOException {
        CacheFiles.Generation g = CacheFiles.publish(build(300_000, 1), dir, BASE, ".aot");
        try (RandomAccessFile f = new RandomAccessFile(g.data().toFile(), "rw")) {
            f.seek(150_000);
            f.write(new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        }
        Files.setLastModifiedTime(g.data(), FileTime.fromMillis(Files.getLastModifiedTime(g.data()).toMillis() + 2_000));
        assertEquals(300_000, Files.size(g.data()), "same size: only the checksum can tell");
        assertFalse(CacheFiles.valid(g.data(), g.sum()));
        assertNull(CacheFiles.newest(dir, BASE, ".aot"));
    }

    @Test
    void aPublishedCacheIsTrustedByItsSizeAndTimeUntilEitherChanges() throws IOException {
        Path built = build(300_000, 1);
        long builtMillis = Files.getLastModifiedTime(built).toMillis();
        CacheFiles.Generation g = CacheFiles.publish(built, dir, BASE, ".aot");
        String[] line = Files.readString(g.sum()).strip().split(" ");
        assertEquals(3, line.length, "size, checksum and the data's time");
        assertEquals(Long.toString(builtMillis), line[2]);
        assertEquals(Long.toString(Files.getLastModifiedTime(g.data()).toMillis()), line[2], "the rename kept the time");
        // Bytes changed, size and time restored: a fresh JVM trusts the stamp and does not read the data (a crash
        // drops such a cache). The same damage with the time it got is found by the checksum.
        try (RandomAccessFile f = new RandomAccessFile(g.data().toFile(), "rw")) {
            f.seek(1_000);
            f.write(new byte[]{9, 9, 9});
        }
        Files.setLastModifiedTime(g.data(), FileTime.fromMillis(builtMillis));
        CacheFiles.forgetChecks();
        assertTrue(CacheFiles.valid(g.data(), g.sum()), "size and time as published: trusted without reading");
        Files.setLastModifiedTime(g.data(), FileTime.fromMillis(builtMillis + 2_000));
        CacheFiles.forgetChecks();
        assertFalse(CacheFiles.valid(g.data(), g.sum()), "a new time brings the full check back, which finds the damage");
    }

    @Test
    void aChecksumFileOfAnEarlierVersionIsStillCheckedInFull() throws IOException {
        CacheFiles.Generation g = CacheFiles.publish(build(300_000, 1), dir, BASE, ".aot");
        String[] line = Files.readString(g.sum()).strip().split(" ");
        Files.writeString(g.sum(), line[0] + " " + line[1] + "\n"); // "size crc32c", as published before
        CacheFiles.forgetChecks();
        assertTrue(CacheFiles.valid(g.data(), g.sum()));
        Files.writeString(g.sum(), line[0] + " 0\n");
        CacheFiles.forgetChecks();
        assertFalse(CacheFiles.valid(g.data(), g.sum()), "a wrong checksum is still found");
    }

    @Test
    void aTruncatedEmptyOrChecksumlessCacheIsNeverTrusted() throws IOException {
        CacheFiles.Generation g = CacheFiles.publish(build(300_000, 1), dir, BASE, ".aot");
        try (FileChannel ch = FileChannel.open(g.data(), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(100_000);
        }
        assertFalse(CacheFiles.valid(g.data(), g.sum()), "truncated");
        Path empty = Files.createFile(dir.resolve(BASE + ".g5-5.aot"));
        Files.writeString(dir.resolve(BASE + ".g5-5.sum"), "0 0\n");
        assertFalse(CacheFiles.valid(empty, dir.resolve(BASE + ".g5-5.sum")), "an empty cache is never valid");
        Path bare = Files.write(dir.resolve(BASE + ".g6-6.aot"), new byte[1000]);
        assertFalse(CacheFiles.valid(bare, dir.resolve(BASE + ".g6-6.sum")), "no checksum file: incomplete");
        assertNull(CacheFiles.newest(dir, BASE, ".aot"));
    }

    @Test
    void theNewestValidGenerationWins() throws IOException {
        CacheFiles.Generation older = CacheFiles.publish(build(1000, 1), dir, BASE, ".aot");
        CacheFiles.Generation newer = CacheFiles.publish(build(1000, 2), dir, BASE, ".aot");
        assertTrue(newer.millis() > older.millis() || newer.pid() != older.pid(), "distinct generations");
        assertEquals(newer, CacheFiles.newest(dir, BASE, ".aot"));
        Files.write(newer.data(), new byte[1000]); // damaged: the older one is still good
        Files.setLastModifiedTime(newer.data(), FileTime.fromMillis(Files.getLastModifiedTime(newer.data()).toMillis() + 2_000));
        assertEquals(older, CacheFiles.newest(dir, BASE, ".aot"));
        assertNull(CacheFiles.newest(dir, BASE, ".jsa"), "another kind of cache");
    }

    /** On Windows, HotSpot's archives (mode 0444 on JDK 17) carry the read-only attribute, which DeleteFile refuses. */
    @Test
    void theRealDeleterRemovesAReadOnlyArchiveOnWindows() throws IOException {
        assumeTrue(Needs.windows(), "needs Windows (its read-only attribute blocks a delete)");
        Path f = Files.write(dir.resolve(BASE + ".g1-1.jsa"), new byte[10]);
        Files.getFileAttributeView(f, DosFileAttributeView.class).setReadOnly(true);
        CacheFiles.SYSTEM.delete(f);
        assertFalse(Files.exists(f));
    }

    @Test
    void aFingerprintIsSixteenHexDigitsTheSameEachTimeAndAnotherForAnyChange(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        String a = CacheFiles.fingerprint(List.of(jar.toString(), "-XX:+UseSerialGC"));
        assertTrue(a.matches("[0-9a-f]{16}"), a);
        assertEquals(a, CacheFiles.fingerprint(List.of(jar.toString(), "-XX:+UseSerialGC")));
        assertNotEquals(a, CacheFiles.fingerprint(List.of(jar.toString(), "-XX:+UseG1GC")));
        assertNotEquals(a, CacheFiles.fingerprint(List.of(jar.toString())));
        Files.writeString(jar, "xy"); // a rebuilt jar
        assertNotEquals(a, CacheFiles.fingerprint(List.of(jar.toString(), "-XX:+UseSerialGC")));
    }

    @Test
    void theNameHashSpreadsNearbyTextsApart() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(CacheFiles.hash64("/home/u/corelanes.jar\n-Xmx" + i + "m\n")), "collision at " + i);
        }
        assertNotEquals(CacheFiles.hash64("ab"), CacheFiles.hash64("ba"));
        assertNotEquals(CacheFiles.hash64("\u0100"), CacheFiles.hash64("\u0001"));
    }
}

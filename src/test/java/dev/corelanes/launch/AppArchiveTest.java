package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window JVM's start-up archive: where it goes, when there is none, and what happens to old ones. */
class AppArchiveTest {

    @TempDir
    Path tmp;

    @Test
    void jarsGetAnArchiveInTheCacheFolderNamedByJdkAndJars() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path jar = Files.writeString(tmp.resolve("app.jar"), "not really a jar");
        // JDK 24 (and 25+ where training was put off): the archive; see AppTrainingTest for JDK 25's first session.
        List<String> flags = AppArchive.flags(AppArchive.names(List.of("-Xmx64m"), jar.toString(), cache, 24), 24);
        String file = flags.get(0).substring("-XX:SharedArchiveFile=".length());
        assertEquals(cache, Path.of(file).getParent());
        assertTrue(Path.of(file).getFileName().toString().startsWith(AppArchive.PREFIX + "jdk24-"));
        assertTrue(flags.contains("-XX:+AutoCreateSharedArchive"), "the first session writes it at exit");
        assertTrue(file.endsWith(".tmp-" + ProcessHandle.current().pid() + ".jsa"),
                "to a name of this launch's own, which no other window JVM maps: " + file);
        assertTrue(flags.contains(AppArchive.QUIET), "a stale archive prints nothing on the user's console");

        Files.writeString(jar, "rebuilt, another size");
        assertNotEquals(flags.get(0), AppArchive.flags(AppArchive.names(List.of("-Xmx64m"), jar.toString(), cache, 24), 24).get(0),
                "a rebuilt jar gets an archive of its own");
    }

    @Test
    void noArchiveForFoldersTheUsersOwnCdsChoiceOrNoCacheFolder() throws Exception {
        Path jar = Files.writeString(tmp.resolve("app.jar"), "x");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        assertTrue(AppArchive.flags(List.of(), jar + File.pathSeparator + classes, tmp).isEmpty(),
                "the JVM archives no classes from folders");
        assertTrue(AppArchive.flags(List.of("-Xshare:off"), jar.toString(), tmp).isEmpty());
        assertTrue(AppArchive.flags(List.of("-XX:AOTCache=app.aot"), jar.toString(), tmp).isEmpty());
        assertTrue(AppArchive.flags(List.of(), jar.toString(), null).isEmpty());
    }

    @Test
    void anArchiveOfAnotherBuildIsRemovedWhenANewOneIsDueOthersAreLeftAlone() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path old = Files.writeString(cache.resolve(AppArchive.PREFIX + "jdk21-0123456789ab.jsa"), "old");
        Path worker = Files.writeString(cache.resolve("corelanes-worker-jdk25-0123456789ab.aot"), "worker's");
        Path jar = Files.writeString(tmp.resolve("app.jar"), "x");
        AppArchive.flags(List.of(), jar.toString(), cache);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(worker));
    }

    /** What a window JVM writes at exit, simulated: the archive under the name its flags gave. */
    private static Path writtenAtExit(List<String> flags) throws Exception {
        return Files.write(Path.of(flags.get(0).substring(AppArchive.FILE_OPTION.length())), new byte[8192]);
    }

    @Test
    void theArchiveASessionWroteIsPublishedAndLaterLaunchesOnlyReadIt() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path jar = Files.writeString(tmp.resolve("app.jar"), "x");
        AppArchive.Names n = AppArchive.names(List.of(), jar.toString(), cache, 24);
        List<String> first = AppArchive.flags(n, 24);
        Path dump = writtenAtExit(first);
        List<String> cmd = new java.util.ArrayList<>(List.of("java"));
        cmd.addAll(first);
        AppArchive.afterSession(cmd, 0);
        assertFalse(Files.exists(dump), "renamed, not copied");
        CacheFiles.Generation archive = n.archive();
        assertTrue(archive != null && CacheFiles.valid(archive.data(), archive.sum()), "published with its checksum");
        assertEquals(List.of(AppArchive.FILE_OPTION + archive.data(), AppArchive.QUIET), AppArchive.flags(n, 24),
                "read only: no JVM writes to a file another window may map");
    }

    @Test
    void anArchiveOfASessionThatDidNotEndWellIsDropped() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path jar = Files.writeString(tmp.resolve("app.jar"), "x");
        AppArchive.Names n = AppArchive.names(List.of(), jar.toString(), cache, 24);
        List<String> flags = AppArchive.flags(n, 24);
        Path dump = writtenAtExit(flags);
        List<String> cmd = new java.util.ArrayList<>(List.of("java"));
        cmd.addAll(flags);
        AppArchive.afterSession(cmd, 143); // killed while it may have been writing it
        assertFalse(Files.exists(dump));
        assertEquals(null, n.archive());
    }

    @Test
    void aWindowJvmThatCrashedLosesItsArchiveOneThatEndedKeepsIt() throws Exception {
        Path built = Files.write(tmp.resolve(AppArchive.PREFIX + "jdk25-0123456789ab.tmp-1.jsa"), new byte[4096]);
        CacheFiles.Generation g = CacheFiles.publish(built, tmp, AppArchive.PREFIX + "jdk25-0123456789ab", ".jsa");
        Path archive = g.data();
        List<String> cmd = List.of("java", AppArchive.FILE_OPTION + archive, "-cp", "app.jar", "dev.corelanes.Main");
        Relaunch.dropArchiveAfterCrash(cmd, 0);
        Relaunch.dropArchiveAfterCrash(cmd, 143); // stopped by a signal: not the archive's fault
        assertTrue(Files.exists(archive));
        Relaunch.dropArchiveAfterCrash(cmd, Relaunch.JVM_CRASH);
        assertFalse(Files.exists(archive));
        assertFalse(Files.exists(g.sum()));

        Path users = Files.writeString(tmp.resolve("my.jsa"), "the user's own");
        Relaunch.dropArchiveAfterCrash(List.of("java", AppArchive.FILE_OPTION + users, "-cp", "app.jar"), Relaunch.JVM_CRASH);
        assertTrue(Files.exists(users), "an archive the user gave is not ours to remove");
    }
}

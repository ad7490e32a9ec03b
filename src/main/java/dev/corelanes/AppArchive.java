package dev.corelanes;

import dev.corelanes.engine.process.StartupCache;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A start-up cache for the window's JVM: a dynamic CDS archive of the classes a session loaded, in the user's
 * cache folder. The first session after an install or an update writes it when its JVM exits
 * ({@code -XX:+AutoCreateSharedArchive}, JDK 19+); later ones map those classes instead of loading, verifying
 * and linking them. The JVM checks the archive itself: one made by another JDK or for other jars is not used
 * and is written anew at exit; a missing or unreadable cache folder means no archive, never a failure.
 *
 * <p>Why not a JDK 25 AOT cache, which starts the window faster still (benchmarks.md): it is made by a
 * training run — the whole first session in "record" mode, which slows the JVM (and so in-process compute
 * runs, whose numbers the user reads), or a separate run that would have to show a window — and then an
 * assembly of ~10–20 s of CPU. An archive written at exit costs the session nothing.
 */
final class AppArchive {

    static final String PREFIX = "corelanes-app-";
    static final String FILE_OPTION = "-XX:SharedArchiveFile=";

    private AppArchive() {
    }

    /**
     * The JVM options that use (or, the first time, write) the archive for a JVM started with {@code jvmArgs}
     * and class path {@code classPath}; none when the user chose a CDS or AOT option, a class path entry is a
     * folder (the JVM archives no classes from folders), or there is no cache folder.
     */
    static List<String> flags(List<String> jvmArgs, String classPath) {
        return flags(jvmArgs, classPath, fromJar() ? StartupCache.cacheDir() : null);
    }

    /** The same, with the archive in {@code dir} (null: none). */
    static List<String> flags(List<String> jvmArgs, String classPath, Path dir) {
        if (dir == null || Runtime.version().feature() < 19 || jvmArgs.stream().anyMatch(AppArchive::choosesCds)) {
            return List.of();
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty() || !Files.isRegularFile(Path.of(entry))) {
                return List.of();
            }
        }
        // Named by the runtime and the jars only: the JVM checks the rest (options included) itself.
        Path archive = dir.resolve(PREFIX + "jdk" + Runtime.version().feature() + "-" + StartupCache.fingerprint(List.of(classPath)) + ".jsa");
        if (!Files.isRegularFile(archive)) {
            deleteOthers(dir, archive); // archives of other builds or JDKs are dead weight (~25 MB each)
        }
        // cds*=off: a stale archive, and classes the JVM declines to archive, would each print a line.
        return List.of(FILE_OPTION + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds*=off");
    }

    /** True when this class comes from a jar (under tests a class path jar only lists folders). */
    private static boolean fromJar() {
        try {
            var src = AppArchive.class.getProtectionDomain().getCodeSource();
            return src != null && Files.isRegularFile(Path.of(src.getLocation().toURI()));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    private static boolean choosesCds(String arg) {
        return arg.startsWith("-Xshare") || arg.startsWith("-XX:SharedArchiveFile") || arg.startsWith("-XX:AOT")
                || arg.contains("AutoCreateSharedArchive") || arg.startsWith("-XX:ArchiveClassesAtExit");
    }

    private static void deleteOthers(Path dir, Path keep) {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : old) {
                if (!p.equals(keep)) {
                    Files.deleteIfExists(p); // a JVM that maps it keeps its mapping
                }
            }
        } catch (IOException | RuntimeException e) {
            // housekeeping only
        }
    }
}

package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.engine.files.CacheFolder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The window JVM's start-up cache in the user's cache folder, chosen by the JDK 24+ restart ({@link Relaunch}).
 *
 * <ul>
 *   <li>JDK 25+, once trained: a JDK AOT cache ({@code -XX:AOTCache}, JEP 483/515), the fastest start
 *       (benchmarks.md). It is made without showing anything, during a session that has none yet, while its
 *       window is idle ({@link IdleTraining}): a trainer ({@link AppTraining}: the real window built off
 *       screen, one tiny run) and an assembler, children of the window JVM at low priority, stopped whenever a
 *       run starts, under the same build lock as the workers' cache; checked by size and CRC-32C at every use
 *       ({@link CacheFiles#valid}). A session that ends first leaves it to the next one: nobody waits for it.</li>
 *   <li>On JDK 19–24, and on JDK 25+ where training failed ({@link Names#untrained}; sessions that still train
 *       write none, which the user would wait for at exit): a dynamic CDS archive of the classes
 *       a session loaded, written when its JVM exits ({@code -XX:+AutoCreateSharedArchive}) to a name of that
 *       launch's own; the waiting parent
 *       publishes it with a checksum when the JVM ended normally ({@link #afterSession}), and later launches
 *       only read it.</li>
 * </ul>
 *
 * <p>Windows' rule shapes the files: a file a running JVM maps (another window open, a trainer) can be
 * neither replaced nor deleted there. So no JVM ever writes to a name another may map — each cache is a
 * generation of its own ({@link CacheFiles}) — and old ones are removed at a later launch, silently left for
 * the next when a JVM still maps them. Every file is named by the runtime, the jars (size and time) and the
 * window JVM's options, so a rebuilt jar or another JDK gets new files and the old ones go; a stale or
 * damaged cache is never used with a line on the console ({@code -Xlog:aot*=off,cds*=off}). A missing or
 * unwritable cache folder means no cache, never a failure. The same name, with {@code .pipeline}, keeps the
 * rendering pipeline JavaFX ended up with ({@link #pipelineFlags}), so it is probed again with each new jar or
 * JDK.
 */
final class AppArchive {

    static final String PREFIX = "corelanes-app-";
    static final String FILE_OPTION = "-XX:SharedArchiveFile=";
    static final String AOT_OPTION = "-XX:AOTCache=";
    /** A stale or damaged cache is not used; these keep the JVM from saying so on the user's console. */
    static final String QUIET = "-Xlog:aot*=off,cds*=off";
    /** Property that tells the window JVM where to note the rendering pipeline it got. */
    static final String PIPELINE_FILE = LaunchProperties.PIPELINE_FILE;
    /** What the window JVM notes when JavaFX fell back to software rendering on its own. */
    static final String SOFTWARE = "sw";
    /**
     * On a window JVM that trains the AOT cache while idle, followed by the cache's base name ({@link Names#base}, as
     * the launch named it): it writes no archive (LaunchProperties).
     */
    static final String TRAIN_MARK = "-D" + LaunchProperties.TRAIN_AFTER + "=";
    /** The first JDK with an AOT cache that a training run can write. */
    static final int AOT_JDK = 25;

    private AppArchive() {
    }

    /** The start-up files of one installation: runtime, jars and JVM options. */
    record Names(Path dir, String base) {
        /** The newest valid AOT cache, or null. */
        CacheFiles.Generation aot() {
            return CacheFiles.newest(dir, base, ".aot");
        }

        /** The newest valid CDS archive, or null. */
        CacheFiles.Generation archive() {
            return CacheFiles.newest(dir, base, ".jsa");
        }

        /** Where a window JVM started by this process writes its archive at exit: a name nobody else maps. */
        Path dump() {
            return temp(".jsa");
        }

        Path pipeline() {
            return dir.resolve(base + ".pipeline");
        }

        /** Noted when training failed here: not tried again until a new jar or JDK. */
        Path untrained() {
            return dir.resolve(base + ".untrained");
        }

        /** True when the next session is to train the AOT cache while idle (no attempt here failed). */
        boolean trainsNext() {
            return !Files.exists(untrained());
        }

        /** A name of this process's own for a file being built: a killed builder leaves nothing final. */
        Path temp(String ext) {
            return CacheFiles.temp(dir, base, ext);
        }
    }

    /**
     * The files for a window JVM with JVM options {@code jvmOptions} and class path {@code classPath} in
     * {@code dir}; null when there is no cache folder, a class path entry is a folder (the JVM caches no classes
     * from folders), or the user chose a CDS or AOT option of their own.
     */
    static Names names(List<String> jvmOptions, String classPath, Path dir, int jdk) {
        if (dir == null || jdk < 19) {
            return null;
        }
        for (String o : jvmOptions) {
            if (choosesCds(o)) {
                return null;
            }
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty() || !Files.isRegularFile(Path.of(entry))) {
                return null;
            }
        }
        List<String> identity = new ArrayList<>();
        identity.add(classPath);
        // Properties decide no class the JVM caches (and our own -D options vary from launch to launch).
        for (String o : jvmOptions) {
            if (!o.startsWith("-D")) {
                identity.add(o);
            }
        }
        return new Names(dir, PREFIX + "jdk" + jdk + "-" + CacheFiles.fingerprint(identity));
    }

    /** The same, in the user's cache folder, for this JDK; null under tests (classes in folders). */
    static Names names(List<String> jvmOptions, String classPath) {
        return names(jvmOptions, classPath, fromJar() ? CacheFolder.dir() : null, Runtime.version().feature());
    }

    /**
     * The JVM options that use the start-up cache (or, while there is no AOT cache, write the archive at exit)
     * for a JVM started with {@code jvmOptions} and {@code classPath}, with the files in {@code dir} (null: none),
     * on this JDK; none when there is no place for one.
     */
    static List<String> flags(List<String> jvmOptions, String classPath, Path dir) {
        int jdk = Runtime.version().feature();
        return flags(names(jvmOptions, classPath, dir, jdk), jdk);
    }

    static List<String> flags(Names n, int jdk) {
        if (n == null) {
            return List.of();
        }
        CacheFiles.Generation aot = jdk >= AOT_JDK ? n.aot() : null;
        if (aot != null) {
            // Older files of this build (the archive, ~25 MB, is no longer needed) and other builds' go.
            CacheFiles.sweep(n.dir(), PREFIX, n.base(), aot, false);
            return List.of(AOT_OPTION + aot.data(), QUIET);
        }
        CacheFiles.Generation archive = n.archive();
        if (archive != null) {
            CacheFiles.sweep(n.dir(), PREFIX, n.base(), archive, false);
            // Read only: without AutoCreateSharedArchive the JVM never writes to it (another window may map it).
            return List.of(FILE_OPTION + archive.data(), QUIET);
        }
        CacheFiles.sweep(n.dir(), PREFIX, n.base(), null, false); // other builds' files; the AOT cache may still come
        if (jdk >= AOT_JDK && n.trainsNext()) {
            // A session of this jar and JDK without the AOT cache: it trains one while its window is idle. Writing
            // the CDS archive at exit as well would make the user wait for the prompt (~3 s here) for a file used only
            // until the AOT cache exists; it is written where training failed.
            return List.of(QUIET, TRAIN_MARK + n.base());
        }
        return List.of(FILE_OPTION + n.dump(), "-XX:+AutoCreateSharedArchive", QUIET);
    }

    /**
     * After a window JVM started with {@code cmd} ended with {@code code}: the archive it wrote at exit to a name
     * of this launch's own ({@link Names#dump}) is published with its checksum when the JVM ended normally and
     * no other launch published one meanwhile; otherwise it is removed (a JVM killed while writing it may have
     * left half of it).
     */
    static void afterSession(List<String> cmd, int code) {
        Path dump = dumpIn(cmd);
        if (dump == null) {
            return;
        }
        String name = dump.getFileName().toString();
        String base = name.substring(0, name.indexOf(".tmp-"));
        try {
            if (code == 0 && Files.isRegularFile(dump) && Files.size(dump) > 0
                    && CacheFiles.newest(dump.getParent(), base, ".jsa") == null) {
                CacheFiles.publish(dump, dump.getParent(), base, ".jsa");
            }
        } catch (IOException | RuntimeException e) {
            // no archive this time: the next session writes one
        } finally {
            CacheFiles.deleteQuietly(dump, CacheFiles.SYSTEM);
        }
    }

    /** The archive a window JVM started with {@code cmd} writes at exit, when it writes one of ours; else null. */
    static Path dumpIn(List<String> cmd) {
        if (!cmd.contains("-XX:+AutoCreateSharedArchive")) {
            return null;
        }
        for (String arg : cmd) {
            if (arg.startsWith(FILE_OPTION)) {
                try {
                    Path file = Path.of(arg.substring(FILE_OPTION.length()));
                    String name = file.getFileName().toString();
                    if (name.startsWith(PREFIX) && name.contains(".tmp-") && file.getParent() != null) {
                        return file;
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The cache's base name when the JVM started with {@code cmd} is to train the AOT cache while idle (it has none,
     * this JDK can train one, and the launch marked it), else null.
     */
    static String trainingBase(List<String> cmd, int jdk) {
        if (jdk < AOT_JDK || cmd.stream().anyMatch(a -> a.startsWith(AOT_OPTION))) {
            return null;
        }
        return cmd.stream().filter(a -> a.startsWith(TRAIN_MARK) && a.length() > TRAIN_MARK.length())
                .map(a -> a.substring(TRAIN_MARK.length())).reduce((a, b) -> b).orElse(null);
    }

    /**
     * {@code -Dprism.order=sw} when an earlier window JVM of this installation found that JavaFX's hardware
     * pipeline was refused and it fell back to software rendering (Xvfb, many VMs, remote X), or when this machine
     * has no GPU device that pipeline could use (GpuDevices, Linux): asking for
     * software at once skips the failed probe, and with {@link #environment} Mesa's LLVM (~43 MiB resident). Nothing when the
     * user chose a pipeline, when hardware rendering worked, or when nothing was noted yet; then the window
     * JVM is told where to note what it gets.
     */
    static List<String> pipelineFlags(Names n, List<String> jvmOptions) {
        return pipelineFlags(n, jvmOptions, dev.corelanes.engine.platform.GpuDevices.noneForJavaFx());
    }

    /**
     * The same, where {@code noGpu} says the hardware pipeline cannot start on this machine at all
     * (GpuDevices): then software at once from the first launch, nothing noted.
     */
    static List<String> pipelineFlags(Names n, List<String> jvmOptions, boolean noGpu) {
        if (n == null || Relaunch.anyStartsWith(jvmOptions, "-Dprism.order=")) {
            return List.of();
        }
        if (noGpu || SOFTWARE.equals(readPipeline(n.pipeline()))) {
            return List.of("-Dprism.order=" + SOFTWARE);
        }
        return List.of("-D" + PIPELINE_FILE + "=" + n.pipeline());
    }

    /**
     * The environment a JVM started with {@code cmd} needs beyond {@code current}: with software rendering
     * asked for, {@code GDK_GL=disable}, or GTK 3 itself still probes OpenGL as it opens the display and loads
     * Mesa (and its LLVM, ~43 MiB resident) for nothing. Left alone when the user set it.
     */
    static java.util.Map<String, String> environment(List<String> cmd, java.util.Map<String, String> current) {
        String order = null;
        for (String a : cmd) {
            if (a.startsWith("-Dprism.order=")) {
                order = a.substring("-Dprism.order=".length()); // the last one wins, as in the JVM
            }
        }
        if (SOFTWARE.equals(order) && !current.containsKey("GDK_GL")) {
            return java.util.Map.of("GDK_GL", "disable");
        }
        return java.util.Map.of();
    }

    /** The pipeline noted in {@code file}, or null. */
    static String readPipeline(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII).strip() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
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

    static boolean choosesCds(String arg) {
        return arg.startsWith("-Xshare") || arg.startsWith("-XX:SharedArchiveFile") || arg.startsWith("-XX:AOT")
                || arg.contains("AutoCreateSharedArchive") || arg.startsWith("-XX:ArchiveClassesAtExit");
    }

    /**
     * Makes the start-up cache named in {@code cmd} untrusted (a window JVM crashed with it): the AOT cache or
     * archive loses its checksum, then the file itself goes if it can (another window may still map it on
     * Windows: then a later launch removes it). Only files of ours, never a cache the user gave.
     */
    static void dropCaches(List<String> cmd) {
        for (String arg : cmd) {
            String option = arg.startsWith(AOT_OPTION) ? AOT_OPTION : arg.startsWith(FILE_OPTION) ? FILE_OPTION : null;
            if (option == null) {
                continue;
            }
            try {
                Path file = Path.of(arg.substring(option.length()));
                String name = file.getFileName().toString();
                if (!name.startsWith(PREFIX) || file.getParent() == null) {
                    continue;
                }
                String base = name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.'));
                CacheFiles.Generation g = CacheFiles.parse(file, base);
                if (g != null) {
                    CacheFiles.discard(g.data(), g.sum(), CacheFiles.SYSTEM);
                } else {
                    CacheFiles.deleteQuietly(file, CacheFiles.SYSTEM); // this launch's own archive, half written
                }
            } catch (RuntimeException e) {
                // the next launch finds no valid cache (or the JVM ignores an archive it cannot read)
            }
        }
    }
}

package dev.corelanes.engine.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A start-up cache of the worker's classes in the user's cache folder, so that children map them instead
 * of loading, verifying and linking them: an AOT cache on JDK 25+ (JEP 483; measured here: hello after
 * ~73 ms instead of ~120 ms), a dynamic CDS archive on JDK 19–24 ({@code -XX:+AutoCreateSharedArchive};
 * ~97 ms). Only when the app runs from jars: the JVM caches no classes from directories.
 *
 * <p>Real workers only ever read the cache. It is built after a run, in the background, by a trainer
 * ({@code --worker --train}: a few tiny tasks, then exit) — recording slows a JVM down (a 1 s compute task
 * took ~2 s), so a worker of a run must never be the one recording — and then, for AOT, by an assembling
 * JVM (~0.5 s). Neither has a lifeline to the parent nor needs one: both do bounded work and exit.
 *
 * <p>The file name carries a fingerprint of the runtime, the JVM flags and the class path (each entry's
 * size and time): the JVM ignores a cache made for other classes, so a rebuilt jar gets a new file rather
 * than a stale one forever, and caches of other builds are deleted.
 */
public final class StartupCache {

    static final String TRAIN_ARG = "--train";
    private static final String PREFIX = "corelanes-worker-";

    private static final AtomicReference<CompletableFuture<Boolean>> BUILDING = new AtomicReference<>();

    /** Where the cache of this installation lives; {@code config} is the AOT training record. */
    private record Target(boolean aot, Path cache, Path config) {
    }

    private StartupCache() {
    }

    /** The JVM options that make a child use the cache, or none while there is no cache. */
    static List<String> flagsForChild(WorkerCommand command) {
        Target t = target(command);
        if (t == null || !Files.isRegularFile(t.cache())) {
            return List.of();
        }
        if (t.aot() && BUILDING.get() == null) {
            deleteQuietly(t.config()); // left by an assembler that outlived its parent (a CLI run)
        }
        return List.of(t.aot() ? "-XX:AOTCache=" + t.cache() : "-XX:SharedArchiveFile=" + t.cache());
    }

    /**
     * Builds the cache in the background if it is missing (once at a time per JVM). Completes with true
     * when a cache exists afterwards.
     */
    static CompletableFuture<Boolean> prepare(WorkerCommand command) {
        Target t = target(command);
        if (t == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (Files.isRegularFile(t.cache())) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = BUILDING.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        deleteOthers(t);
        CompletableFuture<Boolean> built = t.aot() && Files.isRegularFile(t.config())
                ? assemble(command, t) // a record left by a trainer whose parent ended before assembling
                : train(command, t).thenCompose(ok -> ok && t.aot() ? assemble(command, t)
                        : CompletableFuture.completedFuture(ok));
        built.whenComplete((ok, e) -> {
            BUILDING.set(null);
            mine.complete(e == null && Boolean.TRUE.equals(ok) && Files.isRegularFile(t.cache()));
        });
        return mine;
    }

    private static CompletableFuture<Boolean> train(WorkerCommand command, Target t) {
        List<String> record = t.aot()
                ? List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + t.config())
                : List.of("-XX:SharedArchiveFile=" + t.cache(), "-XX:+AutoCreateSharedArchive");
        return run(command.builder(TRAIN_ARG, record));
    }

    /** Assembles the AOT cache from the record; writes under the final name (the JVM checks a cache before use). */
    private static CompletableFuture<Boolean> assemble(WorkerCommand command, Target t) {
        List<String> cmd = new ArrayList<>(command.identity());
        cmd.add("-XX:AOTMode=create");
        cmd.add("-XX:AOTConfiguration=" + t.config());
        cmd.add("-XX:AOTCache=" + t.cache());
        return run(new ProcessBuilder(cmd)).whenComplete((ok, e) -> deleteQuietly(t.config()));
    }

    private static CompletableFuture<Boolean> run(ProcessBuilder pb) {
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            return p.onExit().thenApply(x -> x.exitValue() == 0);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    private static Target target(WorkerCommand command) {
        int feature = Runtime.version().feature();
        if (feature < 19 || !command.acceptsJvmOptions() || !command.runsFromJars()) {
            return null;
        }
        Path dir = cacheDir();
        if (dir == null) {
            return null;
        }
        boolean aot = feature >= 25;
        String base = PREFIX + "jdk" + feature + "-" + fingerprint(command.identity());
        return new Target(aot, dir.resolve(base + (aot ? ".aot" : ".jsa")), dir.resolve(base + ".aotconf"));
    }

    /** Caches of other builds are dead weight (an AOT cache is ~16 MB). */
    private static void deleteOthers(Target keep) {
        String mine = keep.cache().getFileName().toString().replaceFirst("\\.[a-z]+$", "");
        try (DirectoryStream<Path> old = Files.newDirectoryStream(keep.cache().getParent(), PREFIX + "*")) {
            for (Path p : old) {
                if (!p.getFileName().toString().startsWith(mine)) {
                    deleteQuietly(p); // a JVM using it keeps its mapping
                }
            }
        } catch (IOException | RuntimeException e) {
            // housekeeping only
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            // housekeeping only
        }
    }

    static String fingerprint(List<String> identity) {
        StringBuilder b = new StringBuilder(System.getProperty("java.vm.version", "")).append('\n');
        for (String part : identity) {
            b.append(part).append('\n');
            for (String entry : part.split(File.pathSeparator)) {
                File f = new File(entry);
                if (!entry.isEmpty() && f.isFile()) {
                    b.append(f.length()).append(' ').append(f.lastModified()).append('\n');
                }
            }
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(b.toString().hashCode());
        }
    }

    /** The app's cache folder (XDG on Linux), created if needed; null when there is none to write. */
    public static Path cacheDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        Path dir;
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            dir = local == null || local.isBlank() ? null : Path.of(local, "CoreLanes", "cache");
        } else if (home == null || home.isBlank()) {
            dir = null;
        } else if (os.contains("mac")) {
            dir = Path.of(home, "Library", "Caches", "CoreLanes");
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            dir = xdg != null && xdg.startsWith("/") ? Path.of(xdg, "corelanes") : Path.of(home, ".cache", "corelanes");
        }
        if (dir == null) {
            return null;
        }
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? dir : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}

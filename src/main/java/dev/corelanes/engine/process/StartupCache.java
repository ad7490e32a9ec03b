package dev.corelanes.engine.process;

import dev.corelanes.engine.files.AppFolders;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.Map;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * A start-up cache of the worker's classes in the user's cache folder, so that children map them instead
 * of loading, verifying and linking them: an AOT cache on JDK 25+ (JEP 483; measured here: hello after
 * ~73 ms instead of ~120 ms), a dynamic CDS archive on JDK 19–24 ({@code -XX:+AutoCreateSharedArchive};
 * ~97 ms). Only when the app runs from jars: the JVM caches no classes from directories.
 *
 * <p>Real workers only ever read the cache. It is built after a run, in the background, by a trainer
 * ({@code --worker --train}: a few tiny tasks, then exit) — recording slows a JVM down (a 1 s compute task
 * took ~2 s), so a worker of a run must never be the one recording — and then, for AOT, by an assembling
 * JVM (~0.5 s). Both are children of this JVM like workers: killed when it exits, so none outlives it; the
 * trainer also ends at once if this JVM is killed outright (its stdin closes), the assembler within ~0.5 s.
 *
 * <p>A cache is trusted only when complete and intact: it is built under a temporary name by one process
 * at a time (a file lock), renamed into place when complete, and followed by a checksum file (size and
 * CRC-32C) that every use checks. A worker that crashes at start with the cache is started again without
 * it, and the cache is removed (see ProcessBackend).
 *
 * <p>The file name carries a fingerprint of the runtime, the JVM flags and the class path (each entry's
 * size and time): the JVM ignores a cache made for other classes, so a rebuilt jar gets a new file rather
 * than a stale one forever, and caches of other builds are deleted.
 */
public final class StartupCache {

    static final String TRAIN_ARG = "--train";
    private static final String PREFIX = "corelanes-worker-";
    private static final String LOCK = "corelanes-build.lock";

    private static final AtomicReference<CompletableFuture<Boolean>> BUILDING = new AtomicReference<>();
    /** Cache files already checked by this JVM, with the size and time they had then. */
    private static final Map<Path, String> VALIDATED = new ConcurrentHashMap<>();

    /** Where the cache of this installation lives; {@code sum} holds its size and checksum. */
    private record Target(boolean aot, Path cache, Path sum) {
        /** A name of its own for one build: a killed builder leaves nothing under the final name. */
        Path temp(String ext) {
            return cache.resolveSibling(cache.getFileName() + ".tmp-" + ProcessHandle.current().pid() + ext);
        }
    }

    /** How a backend uses the cache: its flags, dropping it after a crash, building it after a run. */
    interface Use {
        /** The JVM options that make a child use the cache, or none. */
        List<String> flags();

        /** A child crashed at start with the cache: remove it, so the next runs start without it. */
        void discard(String why);

        /** Builds the cache in the background if it is missing. */
        void prepare();

        static Use of(WorkerCommand command) {
            return new Use() {
                @Override
                public List<String> flags() {
                    return flagsForChild(command);
                }

                @Override
                public void discard(String why) {
                    StartupCache.discard(command);
                }

                @Override
                public void prepare() {
                    StartupCache.prepare(command);
                }
            };
        }
    }

    private StartupCache() {
    }

    /** The JVM options that make a child use the cache, or none while there is no valid cache. */
    static List<String> flagsForChild(WorkerCommand command) {
        Target t = target(command);
        if (t == null || !valid(t)) {
            return List.of();
        }
        return List.of(t.aot() ? "-XX:AOTCache=" + t.cache() : "-XX:SharedArchiveFile=" + t.cache());
    }

    /** Removes this installation's cache (a child crashed at start with it). */
    static void discard(WorkerCommand command) {
        Target t = target(command);
        if (t != null) {
            VALIDATED.remove(t.cache());
            deleteQuietly(t.sum());
            deleteQuietly(t.cache());
        }
    }

    /**
     * Valid when the checksum file written after a complete build matches the cache's size and CRC-32C.
     * A cache damaged in place, cut short, or left by a killed builder is not used (and is rebuilt).
     */
    public static boolean valid(Path cache, Path sum) {
        try {
            if (!Files.isRegularFile(cache) || !Files.isRegularFile(sum) || Files.size(cache) == 0) {
                return false;
            }
            String stamp = Files.size(cache) + ":" + Files.getLastModifiedTime(cache).toMillis();
            if (stamp.equals(VALIDATED.get(cache))) {
                return true;
            }
            String expected = Files.readString(sum, StandardCharsets.US_ASCII).strip();
            if (!expected.equals(checksumLine(cache))) {
                return false;
            }
            VALIDATED.put(cache, stamp);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean valid(Target t) {
        return valid(t.cache(), t.sum());
    }

    /** "size crc32c" of a file. CRC-32C is hardware-assisted: a 16 MB cache is checked in a few ms. */
    static String checksumLine(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        long size = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                size += buf.remaining();
                crc.update(buf);
                buf.clear();
            }
        }
        return size + " " + Long.toHexString(crc.getValue());
    }

    /**
     * Moves a complete build into place: the cache under its final name, then its checksum file (both by
     * rename, so a reader sees either nothing or a complete file).
     */
    public static void commit(Path built, Path cache, Path sum) throws IOException {
        String line = checksumLine(built);
        Path sumTemp = sum.resolveSibling(sum.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.writeString(sumTemp, line + "\n", StandardCharsets.US_ASCII);
        Files.move(built, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(sumTemp, sum, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Builds the cache in the background if it is missing or invalid: one build at a time per JVM, and one
     * per machine (a file lock; a run that finds the lock taken leaves the build to its holder). Completes
     * with true when a valid cache exists afterwards.
     */
    static CompletableFuture<Boolean> prepare(WorkerCommand command) {
        Target t = target(command);
        if (t == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (valid(t)) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = BUILDING.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        FileChannel held = lockForBuild(t.cache().getParent());
        if (held == null) {
            BUILDING.set(null);
            mine.complete(false); // another process is building it (or the folder cannot be locked)
            return mine;
        }
        deleteOthers(t);
        Path built = t.temp(t.aot() ? ".aot" : ".jsa");
        Path config = t.temp(".aotconf");
        CompletableFuture<Boolean> done = train(command, t, built, config)
                .thenCompose(ok -> ok && t.aot() ? assemble(command, config, built) : CompletableFuture.completedFuture(ok));
        done.whenComplete((ok, e) -> {
            boolean good = false;
            try {
                if (e == null && Boolean.TRUE.equals(ok) && Files.isRegularFile(built) && Files.size(built) > 0) {
                    commit(built, t.cache(), t.sum());
                    good = valid(t);
                }
            } catch (IOException | RuntimeException x) {
                good = false;
            } finally {
                deleteQuietly(built);
                deleteQuietly(config);
                closeQuietly(held); // releases the lock
                BUILDING.set(null);
                mine.complete(good);
            }
        });
        return mine;
    }

    /**
     * Takes the folder's build lock, or returns null when another builder holds it (another process, or
     * this one). Closing the channel releases it; so does the end of the process, however it ends.
     */
    public static FileChannel lockForBuild(Path dir) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock != null) {
                return ch;
            }
        } catch (IOException | RuntimeException e) {
            // OverlappingFileLockException: this JVM already builds; others: no lock, no build
        }
        closeQuietly(ch);
        return null;
    }

    /** Waits at most {@code millis} for a build of this JVM to end. */
    static void await(long millis) {
        CompletableFuture<Boolean> b = BUILDING.get();
        if (b == null) {
            return;
        }
        try {
            b.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the builder is killed with the other children when this JVM exits
        }
    }

    private static CompletableFuture<Boolean> train(WorkerCommand command, Target t, Path built, Path config) {
        List<String> record = t.aot()
                ? List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config)
                : List.of("-XX:SharedArchiveFile=" + built, "-XX:+AutoCreateSharedArchive");
        return run(command.builder(TRAIN_ARG, record), true);
    }

    /** Assembles the AOT cache from the record, under a temporary name. */
    private static CompletableFuture<Boolean> assemble(WorkerCommand command, Path config, Path built) {
        List<String> cmd = new ArrayList<>(command.identity());
        cmd.add("-XX:AOTMode=create");
        cmd.add("-XX:AOTConfiguration=" + config);
        cmd.add("-XX:AOTCache=" + built);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        WorkerCommand.cleanEnvironment(pb);
        return run(pb, false);
    }

    /** Builders are children like workers: killed when this JVM exits, so none outlives a CLI run. */
    private static CompletableFuture<Boolean> run(ProcessBuilder pb, boolean lifeline) {
        try {
            Process p = dev.corelanes.engine.child.Children.startHelper(
                    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
            if (!lifeline) {
                p.getOutputStream().close();
            }
            return p.onExit().thenApply(x -> {
                try {
                    x.getOutputStream().close();
                } catch (IOException e) {
                    // already closed
                }
                return x.exitValue() == 0;
            });
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
        return new Target(aot, dir.resolve(base + (aot ? ".aot" : ".jsa")), dir.resolve(base + ".sum"));
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** Caches of other builds are dead weight (an AOT cache is ~16 MB). */
    private static void deleteOthers(Target keep) {
        java.util.Set<Path> mine = java.util.Set.of(keep.cache(), keep.sum());
        try (DirectoryStream<Path> old = Files.newDirectoryStream(keep.cache().getParent(), PREFIX + "*")) {
            for (Path p : old) {
                if (!mine.contains(p)) {
                    deleteQuietly(p); // a JVM using it keeps its mapping; a temp file is a killed build's
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

    /**
     * A short hash of the runtime and of what decides which classes a JVM loads: its options and class path,
     * with each file's size and time, so that a rebuilt jar gets another name.
     */
    public static String fingerprint(List<String> identity) {
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

    /** The user's cache folder for CoreLanes, created if needed; null when there is none or it is not writable. */
    public static Path cacheDir() {
        return dev.corelanes.engine.files.CacheFolder.dir();
    }

    /** The cache folder for this OS, home and variables ({@link AppFolders}), created if needed; null when unusable. */
    static Path findCacheDir(String osName, String home, String xdg, String local) {
        return dev.corelanes.engine.files.CacheFolder.find(osName, home, xdg, local);
    }
}

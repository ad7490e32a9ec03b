package dev.corelanes.engine.process;

import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.engine.files.CacheFolder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * JVM (~0.5 s). Both are children of this JVM like workers: killed when it exits, so none outlives it; the
 * trainer also ends at once if this JVM is killed outright (its stdin closes), the assembler within ~0.5 s.
 *
 * <p>A cache is trusted only when complete and intact: it is built under a temporary name by one process
 * at a time (a file lock), then published under a name of its own with a checksum file (size and CRC-32C)
 * that every use checks ({@link CacheFiles}). A worker that crashes at start with the cache is started again
 * without it, and the cache is discarded (see ProcessBackend).
 *
 * <p>The file name carries a fingerprint of the runtime, the JVM flags and the class path (each entry's
 * size and time): the JVM ignores a cache made for other classes, so a rebuilt jar gets a new file rather
 * than a stale one forever. Windows' rule decides the rest: a cache a running worker maps can be neither
 * replaced nor deleted there, so a new build never takes an existing file's name (each is a generation of its
 * own), and old generations and other builds' caches are removed at a later start, when no JVM maps them any
 * more ({@link CacheFiles#sweep}; a failed delete is retried then, silently).
 */
public final class StartupCache {

    static final String TRAIN_ARG = "--train";
    private static final String PREFIX = "corelanes-worker-";

    private static final AtomicReference<CompletableFuture<Boolean>> BUILDING = new AtomicReference<>();
    /** Set once this JVM has removed old caches: once per JVM is enough (and costs a folder listing). */
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    /** Where the caches of this installation live: {@code dir}, named {@code base.g<generation>ext}. */
    private record Target(boolean aot, Path dir, String base) {
        String ext() {
            return aot ? ".aot" : ".jsa";
        }

        /** The newest valid cache, or null. */
        CacheFiles.Generation newest() {
            return CacheFiles.newest(dir, base, ext());
        }

        /** A name of this process's own for one build: a killed builder leaves nothing final. */
        Path temp(String ext) {
            return CacheFiles.temp(dir, base, ext);
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
                /** The cache the last flags named: the one a crashed child used. */
                private volatile CacheFiles.Generation given;
                /** The installed app's shipped cache, until a child crashed with it (it is not ours to delete). */
                private volatile Path shipped = ShippedWorkerCache.find(command);

                @Override
                public List<String> flags() {
                    Path s = shipped;
                    if (s != null) {
                        return ShippedWorkerCache.flags(s);
                    }
                    Target t = target(command);
                    CacheFiles.Generation g = t == null ? null : t.newest();
                    given = g;
                    return StartupCache.flags(t, g);
                }

                @Override
                public void discard(String why) {
                    if (shipped != null) {
                        shipped = null; // this JVM's later children start without it (and build one of the user's)
                        return;
                    }
                    CacheFiles.Generation g = given;
                    if (g != null) {
                        CacheFiles.discard(g.data(), g.sum(), CacheFiles.SYSTEM);
                    }
                }

                @Override
                public void prepare() {
                    if (shipped != null) {
                        return;
                    }
                    StartupCache.prepare(command);
                }
            };
        }
    }

    private StartupCache() {
    }

    /** The JVM options that make a child use cache {@code g}, or none while there is no valid cache. */
    private static List<String> flags(Target t, CacheFiles.Generation g) {
        if (t == null || g == null) {
            return List.of();
        }
        return List.of(t.aot() ? "-XX:AOTCache=" + g.data() : "-XX:SharedArchiveFile=" + g.data());
    }

    /**
     * Builds the cache in the background if it is missing or invalid: one build at a time per JVM, and one
     * per machine (a file lock; a run that finds the lock taken leaves the build to its holder). Completes
     * with true when a valid cache exists afterwards.
     */
    static CompletableFuture<Boolean> prepare(WorkerCommand command) {
        if (ShippedWorkerCache.find(command) != null) {
            return CompletableFuture.completedFuture(true); // the installed app ships one
        }
        Target t = target(command);
        if (t == null) {
            return CompletableFuture.completedFuture(false);
        }
        CacheFiles.Generation current = t.newest();
        if (current != null) {
            sweepOnce(t, current); // a later start: what earlier ones left can go now
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = BUILDING.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        FileChannel held = CacheFiles.lockForBuild(t.dir());
        if (held == null) {
            BUILDING.set(null);
            mine.complete(false); // another process is building it (or the folder cannot be locked)
            return mine;
        }
        if (t.newest() != null) { // another process finished one while this one waited for the lock
            closeQuietly(held);
            BUILDING.set(null);
            mine.complete(true);
            return mine;
        }
        // Under the lock nobody publishes: broken caches, other builds' and killed builders' files can go.
        CacheFiles.sweep(t.dir(), PREFIX, t.base(), null, true);
        Path built = t.temp(t.ext());
        Path config = t.temp(".aotconf");
        CompletableFuture<Boolean> done = train(command, t, built, config)
                .thenCompose(ok -> ok && t.aot() ? assemble(command, config, built) : CompletableFuture.completedFuture(ok));
        done.whenComplete((ok, e) -> {
            boolean good = false;
            try {
                if (e == null && Boolean.TRUE.equals(ok) && Files.isRegularFile(built) && Files.size(built) > 0) {
                    CacheFiles.Generation g = CacheFiles.publish(built, t.dir(), t.base(), t.ext());
                    good = CacheFiles.valid(g.data(), g.sum());
                }
            } catch (IOException | RuntimeException x) {
                good = false;
            } finally {
                CacheFiles.deleteQuietly(built, CacheFiles.SYSTEM);
                CacheFiles.deleteQuietly(config, CacheFiles.SYSTEM);
                closeQuietly(held); // releases the lock
                BUILDING.set(null);
                mine.complete(good);
            }
        });
        return mine;
    }

    /**
     * Once per JVM, with a valid cache in use: removes older generations, other builds' caches and files of
     * builders that are gone. What a running JVM still maps (Windows) stays until a later start.
     */
    private static void sweepOnce(Target t, CacheFiles.Generation keep) {
        if (SWEPT.compareAndSet(false, true)) {
            CacheFiles.sweep(t.dir(), PREFIX, t.base(), keep, false);
        }
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

    /** The builder step running now, if any: stopped when a measurement starts (see {@link #GIVES_WAY}). */
    private static final java.util.concurrent.atomic.AtomicReference<Process> STEP = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * A build starts right after a processes run, and takes a core for about a second: a run started meanwhile (the
     * next lesson step, Run again) would share the CPUs with it. Its step is killed before that run's clock starts,
     * like the window's idle training; the build fails, publishes nothing, and is tried again after the next run.
     */
    private static final dev.corelanes.engine.BackgroundWork.Job GIVES_WAY = () -> {
        Process p = STEP.get();
        if (p != null && p.isAlive()) {
            dev.corelanes.engine.child.Children.killTree(p);
            try {
                p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    static {
        dev.corelanes.engine.BackgroundWork.register(GIVES_WAY);
    }

    /** Builders are children like workers: killed when this JVM exits, so none outlives a CLI run. */
    static CompletableFuture<Boolean> run(ProcessBuilder pb, boolean lifeline) {
        try {
            Process p = dev.corelanes.engine.child.Children.startHelper(
                    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
            STEP.set(p);
            if (!lifeline) {
                p.getOutputStream().close();
            }
            return p.onExit().thenApply(x -> {
                STEP.compareAndSet(x, null);
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
        Path dir = CacheFolder.dir();
        if (dir == null) {
            return null;
        }
        String base = PREFIX + "jdk" + feature + "-" + CacheFiles.fingerprint(command.identity());
        return new Target(feature >= 25, dir, base);
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


}

package dev.corelanes;

import dev.corelanes.engine.process.StartupCache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the window JVM's AOT cache (JDK 25+, see {@link AppArchive}) after a session, in the parent of the
 * JDK 24+ restart, which waits for the window JVM anyway: a trainer — the window JVM's own command with
 * {@code -XX:AOTMode=record} and {@code -Dcorelanes.trainWindow=true}, which builds the real window off screen
 * and makes one tiny run, showing nothing — then an assembler ({@code -XX:AOTMode=create}), as the workers'
 * cache is made ({@link StartupCache}: the same build lock, temporary names, commit with a checksum).
 *
 * <p>It runs only after the user closed the window, so it never competes with a run, at the lowest priority
 * ({@code nice}, where there is one), and each step is bounded in time. Both steps are children of the parent:
 * the trainer ends itself when the parent dies (it follows its parent like the window JVM), and the parent's
 * shutdown hook kills whichever step runs (Ctrl-C). A trainer that fails leaves a note, so a machine where
 * training cannot work does not pay for it at every exit; a new jar or JDK tries again.
 */
final class AppTraining {

    /** The most each step may take (measured on a quiet 2-core machine: ~5 s training, ~2.5 s assembling). */
    static final long STEP_SECONDS = 60;

    private static final AtomicReference<Process> STEP = new AtomicReference<>();
    private static volatile boolean stopping;

    private AppTraining() {
    }

    /** The trainer's and the assembler's commands, and the files they write, for window JVM command {@code cmd}. */
    record Plan(AppArchive.Names names, List<String> record, List<String> create, Path config, Path built) {
    }

    /**
     * The plan for the window JVM started with {@code cmd} ({@code java options… -cp path main args…}), or
     * null when it has no start-up files or this JDK cannot train an AOT cache.
     */
    static Plan plan(List<String> cmd, Path dir, int jdk) {
        int cp = cmd.indexOf("-cp");
        if (jdk < AppArchive.AOT_JDK || cp < 1 || cp + 2 >= cmd.size()) {
            return null;
        }
        List<String> options = new ArrayList<>();
        for (String o : cmd.subList(1, cp)) {
            if (!isOurs(o)) {
                options.add(o);
            }
        }
        String classPath = cmd.get(cp + 1);
        AppArchive.Names n = AppArchive.names(options, classPath, dir, jdk);
        if (n == null) {
            return null;
        }
        List<String> same = new ArrayList<>();
        same.add(cmd.get(0));
        same.addAll(options);
        // Trained on the pipeline later launches ask for, now that the session found it.
        same.addAll(AppArchive.pipelineFlags(n, options).stream().filter(f -> f.startsWith("-Dprism.")).toList());
        Path config = n.temp(".aotconf");
        Path built = n.temp(".aot");
        List<String> record = new ArrayList<>(same);
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, "-D" + dev.corelanes.app.CoreLanesApp.TRAIN_WINDOW + "=true",
                "-cp", classPath, cmd.get(cp + 2)));
        List<String> create = new ArrayList<>(same);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + built,
                "-cp", classPath, cmd.get(cp + 2)));
        return new Plan(n, record, create, config, built);
    }

    /** Options of the launch itself that a training run must not take over (caches, probes, the pipeline note). */
    private static boolean isOurs(String o) {
        return o.startsWith(AppArchive.FILE_OPTION) || o.equals("-XX:+AutoCreateSharedArchive") || o.equals(AppArchive.QUIET)
                || o.startsWith(AppArchive.AOT_OPTION) || o.startsWith("-D" + AppArchive.PIPELINE_FILE + "=")
                || o.startsWith("-Dcorelanes.exitWhenReady") || o.startsWith("-Dcorelanes.startupProbe");
    }

    /** True when training is worth trying: no valid cache, and no failed attempt for this jar and JDK. */
    static boolean due(Plan p) {
        return p != null && !StartupCache.valid(p.names().aot(), p.names().sum()) && !Files.exists(p.names().untrained());
    }

    /**
     * Trains and assembles the cache for the window JVM that ran {@code cmd}, if due; returns true when a valid
     * cache exists afterwards. Blocks (the caller is the waiting parent, after its child ended).
     */
    static boolean trainAfter(List<String> cmd) {
        Plan p = plan(cmd, StartupCache.cacheDir(), Runtime.version().feature());
        if (!due(p)) {
            return p != null && StartupCache.valid(p.names().aot(), p.names().sum());
        }
        FileChannel lock = StartupCache.lockForBuild(p.names().dir());
        if (lock == null) {
            return false; // another process is building a cache now; a later exit tries again
        }
        try {
            AppArchive.deleteStaleTemps(p.names().dir());
            boolean ok = step(p.record()) && nonEmpty(p.config()) && step(p.create()) && nonEmpty(p.built());
            if (ok) {
                StartupCache.commit(p.built(), p.names().aot(), p.names().sum());
                return StartupCache.valid(p.names().aot(), p.names().sum());
            }
            if (!stopping) {
                Files.writeString(p.names().untrained(), "training failed; a new jar or JDK tries again\n");
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            deleteQuietly(p.config());
            deleteQuietly(p.built());
            try {
                lock.close();
            } catch (IOException e) {
                // released when this process ends anyway
            }
        }
    }

    /** Runs one step at low priority; true when it ended by itself, in time, with exit code 0. */
    static boolean step(List<String> cmd) {
        if (stopping) {
            return false;
        }
        List<String> full = new ArrayList<>(lowPriority());
        full.addAll(cmd);
        try {
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().putAll(AppArchive.environment(cmd, pb.environment()));
            Process p = pb.start();
            STEP.set(p);
            if (stopping) { // stopped while it started
                p.destroyForcibly();
            }
            boolean ended = p.waitFor(STEP_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            STEP.set(null);
        }
    }

    /** From the parent's shutdown hook: kill the running step now, start no other. */
    static void stop() {
        stopping = true;
        Process p = STEP.get();
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** {@code nice -n 19} where the system has it: training takes only CPU nobody else wants. */
    private static List<String> lowPriority() {
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                return List.of(nice, "-n", "19");
            }
        }
        return List.of();
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file: the next build removes it
        }
    }
}

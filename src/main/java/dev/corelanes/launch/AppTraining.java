package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.engine.files.CacheFolder;

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
 * cache is made (StartupCache: the same build lock, temporary names, published as a new generation
 * with a checksum, never over a file another window JVM may map: {@link CacheFiles}).
 *
 * <p>It runs only after the user closed the window, so it never competes with a run, at the lowest priority
 * ({@code nice}, where there is one), and each step is bounded in time. Both steps are children of the parent:
 * the trainer ends itself when the parent dies (it follows its parent like the window JVM), and the parent's
 * shutdown hook kills whichever step runs (Ctrl-C). A trainer that fails leaves a note, so a machine where
 * training cannot work does not pay for it at every exit; a new jar or JDK tries again.
 */
final class AppTraining {

    /**
     * The most both steps may take together (a quiet 2-core machine: ~5 s training, ~2.5 s assembling): the user
     * waits for the prompt meanwhile. Unfinished in time, it is tried again at a later exit.
     */
    static final long BUDGET_SECONDS = 30;

    /** How a step ended: only a real failure stops later exits from trying again for this jar and JDK. */
    enum Outcome { DONE, FAILED, UNFINISHED }

    /** The one line a terminal shows while the cache is made, after the first session of a jar and JDK. */
    static final String WAIT_NOTE = "CoreLanes: preparing a faster start for next time (once for this version; a few seconds, Ctrl+C skips it)…";

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
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, "-D" + LaunchProperties.TRAIN_WINDOW + "=true",
                "-cp", classPath, cmd.get(cp + 2)));
        List<String> create = new ArrayList<>(same);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + built,
                "-cp", classPath, cmd.get(cp + 2)));
        return new Plan(n, record, create, config, built);
    }

    /** Options of the launch itself that a training run must not take over (caches, probes, the pipeline note). */
    private static boolean isOurs(String o) {
        return o.startsWith(AppArchive.FILE_OPTION) || o.equals("-XX:+AutoCreateSharedArchive") || o.equals(AppArchive.QUIET)
                || o.equals(AppArchive.TRAIN_MARK)
                || o.startsWith(AppArchive.AOT_OPTION) || o.startsWith("-D" + AppArchive.PIPELINE_FILE + "=")
                || o.startsWith("-D" + LaunchProperties.EXIT_WHEN_READY) || o.startsWith("-D" + LaunchProperties.STARTUP_PROBE);
    }

    /** True when training is worth trying: no valid cache, and no failed attempt for this jar and JDK. */
    static boolean due(Plan p) {
        return p != null && p.names().aot() == null && !Files.exists(p.names().untrained());
    }

    /**
     * Trains and assembles the cache for the window JVM that ran {@code cmd}, if due; returns true when a valid
     * cache exists afterwards. Blocks (the caller is the waiting parent, after its child ended).
     */
    static boolean trainAfter(List<String> cmd) {
        Plan p = plan(cmd, CacheFolder.dir(), Runtime.version().feature());
        if (!due(p)) {
            return p != null && p.names().aot() != null;
        }
        if (busy()) {
            // At the lowest priority it would barely run while other programs keep the cores busy, and the
            // user would wait for the prompt: a later exit, on a calmer machine, makes it.
            defer(p);
            return false;
        }
        FileChannel lock = CacheFiles.lockForBuild(p.names().dir());
        if (lock == null) {
            defer(p);
            return false; // another process is building a cache now; a later exit tries again
        }
        try {
            // Under the lock nobody publishes: files of killed builders, broken and other builds' caches can go.
            CacheFiles.sweep(p.names().dir(), AppArchive.PREFIX, p.names().base(), null, true);
            // The window is closed and the prompt does not come back for a few seconds: say why, once.
            System.err.println(WAIT_NOTE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BUDGET_SECONDS);
            Outcome recorded = step(p.record(), deadline);
            Outcome made = recorded != Outcome.DONE ? recorded
                    : !nonEmpty(p.config()) ? Outcome.FAILED : step(p.create(), deadline);
            if (made == Outcome.DONE && !nonEmpty(p.built())) {
                made = Outcome.FAILED;
            }
            if (made == Outcome.DONE) {
                CacheFiles.Generation g = CacheFiles.publish(p.built(), p.names().dir(), p.names().base(), ".aot");
                deleteQuietly(p.names().deferred());
                return CacheFiles.valid(g.data(), g.sum());
            }
            if (made == Outcome.FAILED && !stopping) {
                Files.writeString(p.names().untrained(), "training failed; a new jar or JDK tries again\n");
            } else {
                defer(p);
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

    /** Training was put off: later sessions write the CDS archive at exit until it is made (AppArchive). */
    private static void defer(Plan p) {
        try {
            Files.writeString(p.names().deferred(), "training put off; sessions write the CDS archive meanwhile\n");
        } catch (IOException | RuntimeException e) {
            // then the next session writes no archive and its parent tries training again: no harm
        }
    }

    /**
     * Runs one step at low priority until {@code deadline} ({@link System#nanoTime()}): done when it ended by
     * itself with exit code 0, failed when it ended otherwise, unfinished when it was stopped (deadline, Ctrl+C).
     */
    static Outcome step(List<String> cmd, long deadline) {
        if (stopping) {
            return Outcome.UNFINISHED;
        }
        List<String> full = new ArrayList<>(lowPriority());
        full.addAll(cmd);
        try {
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().putAll(AppArchive.environment(cmd, pb.environment()));
            Process p = dev.corelanes.engine.child.Children.start(pb);
            STEP.set(p);
            if (stopping) { // stopped while it started
                p.destroyForcibly();
            }
            boolean ended = p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!ended || stopping) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return Outcome.UNFINISHED;
            }
            return p.exitValue() == 0 ? Outcome.DONE : Outcome.FAILED;
        } catch (IOException e) {
            return Outcome.FAILED; // cannot start the JDK's own java: this will not work next time either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.UNFINISHED;
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

    /**
     * True when other programs keep the CPUs busy now: their share of all CPUs over the next 0.3 s (the window
     * is closed; this JVM's own use is left out) at 75 % or more. Not the load average: it still counts the
     * runs the user made just before closing the window.
     */
    static boolean busy() {
        dev.corelanes.engine.SystemLoad load = dev.corelanes.engine.SystemLoad.start();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        return busy(load.othersSinceStart(0));
    }

    /** The rule: other programs' share of the CPUs (0–1; negative or NaN where it cannot be read) at 75 % or more. */
    static boolean busy(double cpuLoad) {
        return cpuLoad >= 0.75;
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
        CacheFiles.deleteQuietly(p, CacheFiles.SYSTEM); // a temporary file: if it cannot go now, the next build's sweep removes it
    }
}

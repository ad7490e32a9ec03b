package dev.corelanes.launch;

import dev.corelanes.engine.BackgroundWork;
import dev.corelanes.engine.StartupSettle;
import dev.corelanes.engine.child.Children;
import dev.corelanes.engine.child.GroupWatchdog;
import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.engine.files.CacheFolder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Trains the window JVM's AOT cache ({@link AppTraining}'s two steps) inside a session that has none, while the window
 * is idle, so that nobody waits for it: not at the prompt after closing the window (the parent used to train then,
 * ~6.3 s on a quiet machine), and never during a run.
 *
 * <p><b>When.</b> A step starts only after no measurement has gone on for {@link #IDLE_NANOS} and this JVM has
 * quietened (under {@value StartupSettle#QUIET_PERCENT} % of one CPU, as {@link StartupSettle} measures it: start-up,
 * drawing, a run's model being built are done), at {@code nice -n 19}, as a child of the window JVM.
 *
 * <p><b>A run stops it.</b> Every measurement (a run, a lesson's step, a sweep, a traced program, a lab) calls
 * {@link BackgroundWork#measurementStarting()} before its clock starts, which comes here: the step is killed and has
 * exited before the run begins, and is started again at the next idle spell (the trainer from the start, or — once the
 * trainer's record is written — only the assembler). Killed, not frozen with SIGSTOP: a frozen JVM uses no CPU but
 * keeps its memory (a recording window JVM, ~150 MiB resident) during a run whose memory the labs and the caption
 * report; Java has no portable way to stop and continue a process (Windows has no SIGSTOP); and a frozen step still
 * holds the build lock the workers' cache needs. What it costs is the step's work so far, a few CPU seconds at most,
 * at the lowest priority.
 *
 * <p><b>Never orphaned.</b> Steps are helper children ({@link Children#startHelper}): the JVM's shutdown hook kills
 * them (window closed, Ctrl-C in the terminal, the parent killed: the window JVM follows its parent and exits). If
 * the window JVM itself is killed outright or crashes, a watchdog shell ({@link GroupWatchdog#startForProcess}) kills
 * the step, and the trainer also ends itself when its stdin closes (WindowTraining).
 *
 * <p><b>A session that ends first</b> leaves the cache to the next session, which trains while its window is idle:
 * that is kinder than the old wait at the prompt (the user chose to leave; the cache only saves ~0.7 s at the next
 * start), and than writing the CDS archive at exit instead (~3 s at the prompt). A step that fails by itself (not
 * stopped, not killed) leaves the {@code .untrained} note: not tried again until a new jar or JDK.
 */
public final class IdleTraining implements BackgroundWork.Job {

    /** How long no measurement must have gone on before a step starts: the user reading a run's results is idle. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How often an idle spell is looked for. */
    static final long LOOK_MILLIS = 500;
    /** The most a step may take (a busy machine: at nice 19 it gets only the CPU nobody else wants). */
    static final long STEP_LIMIT_SECONDS = 180;
    /** Steps that ran past the limit before this session stops trying: the next session tries again. */
    static final int MAX_OVERRUNS = 2;
    /** How long to wait before looking again when another process holds the build lock. */
    static final long LOCKED_RETRY_MILLIS = 10_000;

    /** Starts one step's process: the real one at low priority, or a test's stand-in. */
    interface Steps {
        Process start(List<String> cmd) throws IOException;
    }

    /** Waits for the next idle spell; false when training is to stop (the window closed). */
    interface Idle {
        boolean await(IdleTraining t) throws InterruptedException;
    }

    private static volatile IdleTraining current;

    private final java.util.function.Supplier<AppTraining.Plan> planner;
    /** What this training makes, planned at the first idle spell; null before (or when nothing is due). */
    private volatile AppTraining.Plan plan;
    private final Steps steps;
    private final Idle idle;
    private final Object lock = new Object();
    /** The step running now, or null; guarded by {@link #lock}. */
    private Process step;
    /** Set when the running step was stopped by a measurement or by close: it did not fail. */
    private boolean stopped;
    private volatile boolean closed;
    private final CompletableFuture<Boolean> ended = new CompletableFuture<>();
    private Thread thread;

    /** {@code planner} is asked at the first idle spell (null or a plan not {@link AppTraining#due}: nothing to do). */
    IdleTraining(java.util.function.Supplier<AppTraining.Plan> planner, Steps steps, Idle idle) {
        this.planner = planner;
        this.steps = steps;
        this.idle = idle;
    }

    /**
     * In a window JVM the launch marked for training ({@link AppArchive#TRAIN_MARK}): starts training while idle, if a
     * cache is still due. Nothing anywhere else (the installed app, {@code mvn javafx:run}, JDK 24, a trainer).
     */
    public static void startIfDue() {
        if (System.getProperty(LaunchProperties.TRAIN_AFTER) == null || Boolean.getBoolean(LaunchProperties.TRAIN_WINDOW)) {
            return; // the usual case, decided without a file read (this runs on the FX thread)
        }
        IdleTraining t = new IdleTraining(IdleTraining::planForThisJvm, IdleTraining::startStep, IdleTraining::awaitIdle);
        current = t;
        t.start();
    }

    /**
     * The plan for this window JVM, made at its first idle spell: by then the window has noted its rendering
     * pipeline, which the trainer takes over ({@link AppArchive#pipelineFlags}). Null when it cannot train.
     */
    private static AppTraining.Plan planForThisJvm() {
        List<String> cmd = thisCommand();
        String base = cmd == null ? null : AppArchive.trainingBase(cmd, Runtime.version().feature());
        java.nio.file.Path dir = CacheFolder.dir();
        if (base == null || dir == null) {
            return null;
        }
        // Named as the launch named it (its options, before the JVM added any of its own): the next launch finds it.
        return AppTraining.plan(cmd, new AppArchive.Names(dir, base));
    }

    /** Stops training in this JVM (the window is closing): the step is killed now, its files removed. */
    public static void stopNow() {
        IdleTraining t = current;
        if (t != null) {
            t.close();
            try {
                t.ended.get(1, TimeUnit.SECONDS); // its temporary files go (else a later build's sweep removes them)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // the JVM exits anyway; the step was killed
            }
        }
    }

    /**
     * Completes with true once training in this JVM made the cache, false once it stopped without (or never started):
     * a start-up benchmark's session waits for it before it closes.
     */
    public static CompletableFuture<Boolean> ended() {
        IdleTraining t = current;
        return t == null ? CompletableFuture.completedFuture(false) : t.ended;
    }

    void start() {
        BackgroundWork.register(this);
        thread = Thread.ofPlatform().daemon(true).name("corelanes-idle-training").priority(Thread.MIN_PRIORITY)
                .start(this::train);
    }

    /** Completes as {@link #ended()} for this training (tests). */
    CompletableFuture<Boolean> endedFuture() {
        return ended;
    }

    /** Kills the running step and waits until it has exited: no CPU of it is left for what starts next. */
    @Override
    public void stopForMeasurement() {
        Process p;
        synchronized (lock) {
            p = step;
            if (p == null) {
                return;
            }
            stopped = true;
        }
        p.destroyForcibly(); // SIGKILL: a recording JVM killed so writes nothing (TrainingRun); a step starts no child
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops for good: no step starts any more, a running one is killed. */
    void close() {
        closed = true;
        stopForMeasurement();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void train() {
        boolean made = false;
        try {
            if (idle.await(this) && !closed) {
                plan = planner.get();
                made = AppTraining.due(plan) && trainWhileIdle(plan);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // no cache this session: the next one tries again
        } finally {
            BackgroundWork.unregister(this);
            AppTraining.Plan p = plan;
            if (p != null) {
                AppTraining.deleteQuietly(p.config());
                AppTraining.deleteQuietly(p.built());
            }
            ended.complete(made);
        }
    }

    /**
     * The two steps, each started again at the next idle spell while a measurement stops it, the first at once (an
     * idle spell has just begun); true when the cache was published.
     */
    private boolean trainWhileIdle(AppTraining.Plan plan) throws InterruptedException {
        boolean recorded = false;
        int overruns = 0;
        boolean swept = false;
        boolean idleNow = true;
        while (!closed && (idleNow || idle.await(this))) {
            idleNow = false;
            FileChannel build = CacheFiles.lockForBuild(plan.names().dir());
            if (build == null) {
                Thread.sleep(LOCKED_RETRY_MILLIS); // another process (or this one's worker cache) is building now
                continue;
            }
            try {
                if (plan.names().aot() != null) {
                    return false; // another window JVM of this installation made it meanwhile
                }
                if (!swept) {
                    // Under the lock nobody publishes: files of killed builders, broken and other builds' caches can go.
                    CacheFiles.sweep(plan.names().dir(), AppArchive.PREFIX, plan.names().base(), null, true);
                    swept = true;
                }
                AppTraining.Outcome o = runStep(recorded ? plan.create() : plan.record());
                if (o == AppTraining.Outcome.FAILED) {
                    if (!closed) {
                        AppTraining.noteFailed(plan);
                    }
                    return false;
                }
                if (o == AppTraining.Outcome.UNFINISHED) {
                    if (!wasStopped() && ++overruns >= MAX_OVERRUNS) {
                        return false; // too slow here now: the next session tries again
                    }
                    continue;
                }
                if (!recorded) {
                    if (!AppTraining.nonEmpty(plan.config())) {
                        AppTraining.noteFailed(plan);
                        return false;
                    }
                    recorded = true;
                    continue; // the assembler at the next idle spell (at once, if still idle)
                }
                if (!AppTraining.nonEmpty(plan.built())) {
                    AppTraining.noteFailed(plan);
                    return false;
                }
                CacheFiles.Generation g = CacheFiles.publish(plan.built(), plan.names().dir(), plan.names().base(), ".aot");
                return CacheFiles.valid(g.data(), g.sum());
            } catch (IOException e) {
                return false;
            } finally {
                try {
                    build.close();
                } catch (IOException e) {
                    // released when this process ends anyway
                }
            }
        }
        return false;
    }

    private boolean wasStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** Runs one step while no measurement goes on; unfinished when a measurement or close stopped it. */
    AppTraining.Outcome runStep(List<String> cmd) throws InterruptedException {
        IOException[] failed = new IOException[1];
        boolean began = BackgroundWork.startIfQuiet(() -> {
            synchronized (lock) {
                stopped = false;
                if (closed) {
                    return;
                }
                try {
                    step = steps.start(cmd);
                } catch (IOException e) {
                    failed[0] = e;
                }
            }
        });
        Process p;
        synchronized (lock) {
            p = step;
        }
        if (failed[0] != null) {
            return AppTraining.Outcome.FAILED; // cannot start the JDK's own java: this will not work next time either
        }
        if (!began || p == null) {
            synchronized (lock) {
                stopped = true; // a run began first (or the window closed): not a step too slow for this machine
            }
            return AppTraining.Outcome.UNFINISHED;
        }
        try {
            if (!p.waitFor(STEP_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return AppTraining.Outcome.UNFINISHED;
            }
            synchronized (lock) {
                // A step that ended by itself just as a run stopped it still made its file.
                int code = p.exitValue();
                return code != 0 && stopped ? AppTraining.Outcome.UNFINISHED : AppTraining.outcome(code);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        } finally {
            synchronized (lock) {
                step = null;
            }
        }
    }

    /** The real step: {@code nice -n 19}, output discarded, killed by a watchdog if this JVM dies outright. */
    private static Process startStep(List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>(AppTraining.lowPriority());
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(AppArchive.environment(cmd, pb.environment()));
        GroupWatchdog watchdog = GroupWatchdog.startForProcess();
        Process p;
        try {
            p = Children.startHelper(pb);
        } catch (IOException | RuntimeException e) {
            if (watchdog != null) {
                watchdog.close();
            }
            throw e;
        }
        if (watchdog != null) {
            watchdog.watch(p.pid());
            p.onExit().thenRun(watchdog::close); // ended: the watch ends before the pid can be anyone else's
        }
        return p;
    }

    /**
     * Waits until no measurement has gone on for {@link #IDLE_NANOS} and this JVM has quietened; false once
     * training is closed.
     */
    private static boolean awaitIdle(IdleTraining t) throws InterruptedException {
        while (!t.closed) {
            if (BackgroundWork.quietNanos() >= IDLE_NANOS) {
                StartupSettle settle = new StartupSettle(StartupSettle::processCpuNanos, System::nanoTime);
                StartupSettle.Outcome o;
                while ((o = settle.sample()) == null) {
                    Thread.sleep(StartupSettle.STEP_MILLIS);
                }
                // Where this JVM cannot read its CPU time, no measurement going on is all there is to go by.
                if ((o.settled() || Double.isNaN(o.share())) && BackgroundWork.quietNanos() >= IDLE_NANOS && !t.closed) {
                    return true;
                }
            }
            Thread.sleep(LOOK_MILLIS);
        }
        return false;
    }

    /**
     * This JVM's command as the launch started it ({@code java options… -cp path main}), without the program's
     * arguments; null where the JVM cannot tell.
     */
    static List<String> thisCommand() {
        Optional<String> java = ProcessHandle.current().info().command();
        String cp = System.getProperty("java.class.path");
        String main = System.getProperty("sun.java.command");
        if (java.isEmpty() || cp == null || cp.isBlank() || main == null || main.isBlank()) {
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.get());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(main.strip().split("\\s+")[0]);
        return cmd;
    }
}

package dev.corelanes.engine.child;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every child process this JVM has started and not yet seen exit — the one place processes are started
 * from. A shutdown hook kills the ones still alive with everything they started (Ctrl-C, System.exit), so
 * the parent never leaves children behind when it ends normally; when it is killed outright, children of
 * ours notice their stdin closing and exit by themselves.
 *
 * <p>Workers and other children of a run are counted ({@link #liveCount()}: tests and benchmarks check that
 * none are left); helpers (a start-up cache builder) are killed the same way but not counted.
 */
public final class Children {

    /** Each live child with the process groups found in its tree (killed with it). */
    private static final Map<Process, Set<Long>> LIVE = new ConcurrentHashMap<>();
    private static final Map<Process, Set<Long>> HELPERS = new ConcurrentHashMap<>();
    private static volatile boolean shuttingDown;
    private static final ScheduledThreadPoolExecutor TIMERS = new ScheduledThreadPoolExecutor(1, r ->
            Thread.ofPlatform().daemon(true).name("corelanes-child-timer").unstarted(r));

    static {
        // A cancelled deadline must not keep its child (and the run it belongs to) alive until it is due.
        TIMERS.setRemoveOnCancelPolicy(true);
        Runtime.getRuntime().addShutdownHook(new Thread(Children::destroyAll, "corelanes-child-cleanup"));
    }

    private Children() {
    }

    /**
     * Starts {@code pb} as a counted child that is killed, with everything it started, when this JVM exits.
     * For children that speak no line protocol (a lab's {@code /bin/true}, a benchmark's interpreter); a
     * child that does is a {@link ChildProcess}.
     */
    public static Process start(ProcessBuilder pb) throws IOException {
        Process p = spawn(pb);
        register(p, ConcurrentHashMap.newKeySet(), false);
        return p;
    }

    /** Starts a helper child (a start-up cache builder): not counted, but killed like the others at exit. */
    public static Process startHelper(ProcessBuilder pb) throws IOException {
        Process p = spawn(pb);
        HELPERS.put(p, Set.of());
        p.onExit().thenRun(() -> HELPERS.remove(p));
        if (shuttingDown) {
            killTree(p); // started while the JVM was exiting (a Ctrl-C just after a run)
        }
        return p;
    }

    /** Descriptors a new child needs in this process (its pipes, and the spawn helper's), with margin. */
    static final int FD_HEADROOM = 16;

    /**
     * Starts {@code pb} unless this process is out of file descriptors: then the same refusal the system would
     * give ("error=24, Too many open files"), without the JDK spawn helper's own lines on the terminal.
     */
    static Process spawn(ProcessBuilder pb) throws IOException {
        if (dev.corelanes.engine.ResourceLimits.openFilesShortage(FD_HEADROOM) != null) {
            throw new IOException("Cannot run program \"" + pb.command().get(0) + "\": error=24, Too many open files");
        }
        if (pb.directory() == null && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(System.getProperty("user.dir")))) {
            // The working folder was deleted during the run: a child JVM started there dies at once (its stack
            // frames were a run's message). Any folder will do for a child that names its files absolutely.
            pb.directory(new java.io.File(System.getProperty("java.io.tmpdir")));
        }
        return pb.start();
    }

    /** Counts {@code p} until it exits; {@code deadlines}: its deadlines need the {@link RunningTime} ticker meanwhile. */
    static void register(Process p, Set<Long> groups, boolean deadlines) {
        LIVE.put(p, groups);
        if (deadlines) {
            RunningTime.hold();
        }
        p.onExit().thenRun(() -> {
            LIVE.remove(p);
            if (deadlines) {
                RunningTime.release();
            }
        });
        if (shuttingDown) {
            killTree(p);
        }
    }

    /** Runs {@code action} after a delay on a shared daemon timer (kill deadlines after a stop). */
    public static ScheduledFuture<?> schedule(Runnable action, long millis) {
        return TIMERS.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    /** Kills a child and everything it started, at once. */
    public static void killTree(Process p) {
        Set<Long> groups = LIVE.get(p);
        ProcessTree.kill(p.toHandle(), groups == null ? Set.of() : groups);
    }

    /** Waits up to {@code millis} for {@code p} to exit; then kills it with everything it started and waits again. */
    public static void awaitExit(Process p, long millis) {
        try {
            if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
                killTree(p);
                p.waitFor(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(p);
        }
    }

    /** Counted children still alive. */
    public static int liveCount() {
        return LIVE.size();
    }

    /** True once this JVM is exiting (Ctrl-C, System.exit): children that end now were stopped, not failed. */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    private static void destroyAll() {
        shuttingDown = true;
        LIVE.forEach((p, groups) -> ProcessTree.kill(p.toHandle(), groups));
        HELPERS.forEach((p, groups) -> ProcessTree.kill(p.toHandle(), groups));
    }
}

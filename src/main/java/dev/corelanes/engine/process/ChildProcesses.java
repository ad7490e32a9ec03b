package dev.corelanes.engine.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every worker process this JVM has started and not yet seen exit. A shutdown hook destroys the ones
 * still alive (Ctrl-C, System.exit), so the parent never leaves children behind when it ends normally;
 * when it is killed outright, the children notice their stdin closing and exit by themselves.
 */
public final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Process> HELPERS = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;
    private static final ScheduledThreadPoolExecutor TIMERS = new ScheduledThreadPoolExecutor(1, r ->
            Thread.ofPlatform().daemon(true).name("corelanes-worker-timer").unstarted(r));

    static {
        // A cancelled deadline must not keep its worker (and the run it belongs to) alive until it is due.
        TIMERS.setRemoveOnCancelPolicy(true);
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::destroyAll, "corelanes-worker-cleanup"));
    }

    private ChildProcesses() {
    }

    public static void register(Process p) {
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
    }

    /** A helper child (a start-up cache builder): not a worker, but killed like one when this JVM exits. */
    static void registerHelper(Process p) {
        HELPERS.add(p);
        p.onExit().thenRun(() -> HELPERS.remove(p));
        if (shuttingDown) {
            destroyTree(p); // started while the JVM was exiting (a Ctrl-C just after a run)
        }
    }

    /** Runs {@code action} after a delay on a shared daemon timer (kill deadlines, start-up watchdogs). */
    public static ScheduledFuture<?> schedule(Runnable action, long millis) {
        return TIMERS.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    /** Kills a child and anything it started, at once. */
    public static void destroyTree(Process p) {
        try {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            // the process table may not be readable; the child itself is still killed below
        }
        p.destroyForcibly();
    }

    /** Waits up to {@code millis} for {@code p} to exit; then kills it with its descendants and waits again. */
    public static void awaitExit(Process p, long millis) {
        try {
            if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
                destroyTree(p);
                p.waitFor(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(p);
        }
    }

    public static int liveCount() {
        return LIVE.size();
    }

    /** True once this JVM is exiting (Ctrl-C, System.exit): children that end now were stopped, not failed. */
    static boolean shuttingDown() {
        return shuttingDown;
    }

    private static void destroyAll() {
        shuttingDown = true;
        for (Process p : LIVE) {
            destroyTree(p);
        }
        for (Process p : HELPERS) {
            destroyTree(p);
        }
    }
}

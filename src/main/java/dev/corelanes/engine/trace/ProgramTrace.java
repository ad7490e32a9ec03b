package dev.corelanes.engine.trace;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.child.ChildProcess;
import dev.corelanes.engine.child.ChildStartException;
import dev.corelanes.engine.child.GroupWatchdog;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.ThreadTable;
import dev.corelanes.engine.trace.linux.ProcReader;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code corelanes trace}: runs a command (or attaches to a running process) and samples every thread of its
 * process tree until it ends, then gives the run as a {@link Trace}. The command is a child like any other
 * ({@link ChildProcess}): in a session of its own, killed with everything it started when the trace is cancelled
 * or this JVM exits — and, since it is not a CoreLanes worker that ends when its stdin closes, watched by a
 * {@link GroupWatchdog} that kills its group if this JVM is killed outright. Its stdin, stdout and stderr are the
 * terminal's. A process attached to is never stopped: cancelling ends the tracing only.
 */
public final class ProgramTrace {

    private final ChildProcess child;   // null when attached
    private final GroupWatchdog watchdog;
    private final int pid;
    private final String command;
    private final long originNanos;
    private final Instant startedAt;
    private final TreeSampler sampler;
    /** The kernel's switch records, when they place the lanes; else none, with the reason. */
    private final KernelSwitches switches;
    /** Where threads are read on macOS and Windows; null on Linux ({@code /proc}). */
    private final ThreadTable table;
    private volatile boolean cancelled;
    private volatile long releasedNanos = -1;
    private final Object ended = new Object();

    private ProgramTrace(ChildProcess child, GroupWatchdog watchdog, int pid, String command, long originNanos,
                         Instant startedAt, ThreadTable table, KernelSwitches switches) {
        this.switches = switches;
        this.child = child;
        this.watchdog = watchdog;
        this.pid = pid;
        this.command = command;
        this.originNanos = originNanos;
        this.startedAt = startedAt;
        this.table = table;
        this.sampler = table == null ? new TreeSampler(ProcReader.system(), pid, originNanos)
                : new TreeSampler(new TableTreeSource(table, pid), pid, originNanos);
        this.sampler.start();
    }

    /** Why this system cannot trace, in one line, or "" when it can. */
    public static String unavailableReason() {
        TraceHost host = TraceHost.current();
        if (host.os() == Os.MAC || host.os() == Os.WINDOWS) {
            ThreadTable table = host.table().get();
            String why = table == null ? "no thread table" : table.unavailableReason();
            return why.isEmpty() ? "" : "corelanes trace cannot read threads on " + Os.displayName() + ": " + why;
        }
        if (!host.os().isLinux()) {
            return "corelanes trace needs Linux, macOS or Windows: it reads every thread's state and CPU time from "
                    + "the OS, which " + Os.displayName() + " does not offer here.";
        }
        if (!ProcReader.system().available()) {
            return "corelanes trace needs /proc with per-thread scheduler statistics (schedstat), which this Linux "
                    + "does not offer.";
        }
        return "";
    }

    /**
     * The program is started held: a shell stops itself ({@code SIGSTOP}) before it {@code exec}s the command, and is
     * resumed only once the sampler's first sweep has seen it. So the first sweep comes before any code of the
     * program's own, and nothing it does at its very start falls before the trace began.
     */
    static final String HOLD_SCRIPT = "kill -STOP $$ && exec \"$@\"";
    /** How long a held program may take to stop itself (a very busy machine): then it is killed, with a message. */
    static final long HOLD_TIMEOUT_NANOS = 10_000_000_000L;

    /**
     * One plain line on what this OS cannot tell of another process's threads (no CPU: drawn by state, not on core
     * lanes), or "" on Linux, where it tells all.
     */
    public static String platformNote() {
        TraceHost host = TraceHost.current();
        if (host.os().isLinux()) {
            return "";
        }
        ThreadTable t = host.table().get();
        return t == null ? "" : t.note();
    }

    /** The note of this trace's OS ({@link #platformNote()}), "" on Linux. */
    public String note() {
        return table == null ? "" : table.note();
    }

    /** Runs {@code command} with the terminal's stdin, stdout and stderr, and traces it. */
    public static ProgramTrace run(List<String> command) throws TraceException {
        requireAvailable();
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new TraceException("no command to trace: give one after --, e.g. corelanes trace -- python3 my.py");
        }
        boolean hold = holdable(command);
        ProcessBuilder pb = new ProcessBuilder(held(command, hold)).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        return start(pb, String.join(" ", command), null, hold);
    }

    /**
     * A command that cannot be run is started as it is: the system's own reason ("No such file") is the message.
     * Held on Linux only, where {@code /proc} shows it stopped; elsewhere it starts at once, and what it does before
     * the sampler's first sweep (a few milliseconds) falls before the trace.
     */
    private static boolean holdable(List<String> command) {
        return TraceHost.current().os().isLinux() && ChildProcess.runnable(command.get(0))
                && java.nio.file.Files.isExecutable(SH);
    }

    /** {@code command} behind the held start's shell when {@code hold}, else itself. */
    private static List<String> held(List<String> command, boolean hold) {
        if (!hold) {
            return command;
        }
        List<String> started = new java.util.ArrayList<>(List.of(SH.toString(), "-c", HOLD_SCRIPT, "corelanes-trace"));
        started.addAll(command);
        return started;
    }

    /**
     * Runs {@code program} in its folder and traces it, its stdout and stderr kept in {@code output} (drained from
     * the start, so the program never blocks on a full pipe) and its stdin empty: the window's way, where no
     * terminal is there to read from or write to.
     */
    public static ProgramTrace run(ProgramCommand program, ProgramOutput output) throws TraceException {
        requireAvailable();
        if (program.command().isEmpty() || program.command().get(0).isBlank()) {
            throw new TraceException("Type a command to run, e.g. python3 my_threads.py");
        }
        if (program.directory() != null && !java.nio.file.Files.isDirectory(program.directory())) {
            throw new TraceException("No folder " + program.directory() + " to run it in.");
        }
        boolean hold = holdable(program.command());
        ProcessBuilder pb = new ProcessBuilder(held(program.command(), hold))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                        Os.current().isWindows() ? "NUL" : "/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE);
        if (program.directory() != null) {
            pb.directory(program.directory().toFile());
        }
        return start(pb, program.line(), output, hold);
    }

    private static ProgramTrace start(ProcessBuilder pb, String command, ProgramOutput output, boolean hold)
            throws TraceException {
        ThreadTable table = tableOf(TraceHost.current());
        GroupWatchdog watchdog = GroupWatchdog.start();
        Instant startedAt = Instant.now();
        long origin = System.nanoTime();
        ChildProcess child;
        try {
            child = output == null ? ChildProcess.start("traced", pb, 1, ChildProcess.Option.OWN_SESSION)
                    : ChildProcess.start("traced", pb, 1, ChildProcess.Option.OWN_SESSION,
                    ChildProcess.Option.OWN_OUTPUT);
        } catch (ChildStartException e) {
            if (watchdog != null) {
                watchdog.close();
            }
            throw new TraceException(e.getMessage());
        }
        if (output != null) {
            output.drain(child.process().getInputStream(), child.process().getErrorStream());
        }
        if (watchdog != null) {
            watchdog.watch(child.pid()); // OWN_SESSION made it the leader of its own group
        }
        if (hold && !awaitHeld((int) child.pid())) {
            child.kill();
            child.awaitExit(2_000);
            if (watchdog != null) {
                watchdog.close();
            }
            throw new TraceException("the program did not start within " + HOLD_TIMEOUT_NANOS / 1_000_000_000L
                    + " s (the machine may be very busy); nothing was traced");
        }
        // The kernel's switch records are opened on the held program before it runs: every thread and child it
        // starts inherits them, so none of its switches is missed.
        KernelSwitches switches = !TraceHost.current().os().isLinux() ? KernelSwitches.none("")
                : hold ? KernelSwitches.open((int) child.pid(), origin)
                : KernelSwitches.none("the program could not be held at its start, where the kernel's records must begin");
        ProgramTrace t;
        try {
            t = new ProgramTrace(child, watchdog, (int) child.pid(), command, origin,
                    startedAt, table, switches); // its first sweep is done: the held program is seen before it runs
        } catch (RuntimeException | Error e) {
            switches.close();
            throw e;
        }
        if (hold) {
            t.release();
        }
        return t;
    }

    private static final java.nio.file.Path SH = java.nio.file.Path.of("/bin/sh");

    /**
     * Waits until the held shell has stopped itself ({@code T} in its stat); true then, or when it has ended already
     * (nothing to hold); false after {@link #HOLD_TIMEOUT_NANOS}.
     */
    private static boolean awaitHeld(int pid) {
        ProcReader proc = ProcReader.system();
        long deadline = System.nanoTime() + HOLD_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            ProcReader.Stat s = proc.processStat(pid);
            if (s == null || s.ended() || s.state() == 'T') {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        return false;
    }

    /** Lets the held program go on ({@code SIGCONT}): its shell now runs the command. */
    private void release() {
        try {
            Process kill = dev.corelanes.engine.child.Children.startHelper(new ProcessBuilder("kill", "-s", "CONT",
                    String.valueOf(pid)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                child.kill(); // it could not be resumed: never leave it stopped
            }
        } catch (java.io.IOException e) {
            child.kill(); // it cannot be resumed: never leave it stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
        }
        releasedNanos = System.nanoTime() - originNanos;
    }

    /**
     * When the held program was let go (run timeline), after the sampler's first sweep; -1 for a process attached to
     * or a program that was not held.
     */
    public long releasedNanos() {
        return releasedNanos;
    }

    /** Traces process {@code pid}, already running, with everything it starts from now on. */
    public static ProgramTrace attach(long pid) throws TraceException {
        requireAvailable();
        ThreadTable table = tableOf(TraceHost.current());
        if (pid <= 0 || pid > Integer.MAX_VALUE || !alive(table, (int) pid)) {
            throw new TraceException("no process " + pid + " to attach to (it has ended, or never was).");
        }
        String cmd = table == null ? ProcReader.system().cmdline((int) pid) : table.command((int) pid);
        KernelSwitches none = KernelSwitches.none(table != null ? "" : "attached to a program already running: the "
                + "kernel's records follow a program from its start only");
        return new ProgramTrace(null, null, (int) pid, cmd.isEmpty() ? "pid " + pid : cmd, System.nanoTime(),
                Instant.now(), table, none);
    }

    /** The host's thread table on macOS and Windows, null on Linux (it reads /proc). */
    private static ThreadTable tableOf(TraceHost host) {
        return host.os().isLinux() ? null : host.table().get();
    }

    private static boolean alive(ThreadTable table, int pid) {
        return table == null ? ProcReader.system().alive(pid) : table.alive(pid);
    }

    private static void requireAvailable() throws TraceException {
        String why = unavailableReason();
        if (!why.isEmpty()) {
            throw new TraceException(why);
        }
    }

    public int pid() {
        return pid;
    }

    public boolean attached() {
        return child == null;
    }

    /** {@link System#nanoTime()} at the run's time 0. */
    public long originNanos() {
        return originNanos;
    }

    /** The command traced, as one line. */
    public String command() {
        return command;
    }

    /** The run's spans as they are placed while it goes on: each {@link LiveSpans#publish} gives the new ones. */
    public LiveSpans live() {
        return new LiveSpans(sampler, child == null, switches);
    }

    /**
     * Stops: a command run here is killed with everything it started; a process attached to is left running and
     * only the tracing ends. Any thread; does not block.
     */
    public void cancel() {
        cancelled = true;
        sampler.sweepNow(); // what ran until now is in the run, even what started a moment ago
        if (child != null) {
            child.kill();
        }
        synchronized (ended) {
            ended.notifyAll();
        }
    }

    /**
     * Waits until the program ends (or {@link #cancel}), stops sampling and returns the run. Whatever the program
     * left behind in its tree is killed: nothing outlives the trace.
     */
    public Result await(MachineInfo machine) throws InterruptedException {
        try {
            return awaitEnd(machine);
        } finally {
            switches.close(); // also when the wait was interrupted: no event or mapping outlives the trace
        }
    }

    private Result awaitEnd(MachineInfo machine) throws InterruptedException {
        long endNanos;
        int exit;
        if (child != null) {
            child.process().waitFor();
            endNanos = System.nanoTime();
            exit = child.process().exitValue();
        } else {
            ProcessHandle h = ProcessHandle.of(pid).orElse(null);
            synchronized (ended) {
                while (!cancelled && h != null && h.isAlive() && alive(table, pid)) {
                    ended.wait(20);
                }
            }
            endNanos = System.nanoTime();
            exit = 0;
        }
        Sampling s;
        try {
            s = sampler.stop();
        } finally {
            switches.close(); // the last records read, every buffer unmapped and every event closed
            if (child != null) {
                child.kill(); // what it started and left running (a background job) ends with it
                child.awaitExit(TimeUnit.SECONDS.toMillis(2));
                if (watchdog != null) {
                    watchdog.close();
                }
            }
        }
        // Cancelled only when stopped here; a program that ended with an error is a failed run, its exit code said.
        TaskStatus status = cancelled ? TaskStatus.CANCELLED
                : child != null && exit != 0 ? TaskStatus.FAILED : TaskStatus.COMPLETED;
        String message = cancelled ? (child != null ? "stopped: the program was killed" : "stopped tracing")
                : child != null && exit != 0 ? "the program ended with " + child.exitDescription() : "";
        String placedBy = table != null ? "" : switches.placedBy(s.periodNanos());
        Trace t = TracedRun.build(s, switches.log(), placedBy, child == null, machine, startedAt,
                Math.max(0, endNanos - originNanos), originNanos, status, message, command, switches.cpuNanos());
        return new Result(t, s, child == null ? -1 : exit, cancelled, note(), placedBy);
    }

    /**
     * A finished trace.
     *
     * @param trace     the run
     * @param sampling  what the sampler saw (its period and cost)
     * @param exitCode  the command's exit code, -1 when attached (a process not ours has no exit code to read)
     * @param cancelled true when it was stopped
     * @param note      what this OS cannot tell of another process's threads, in one line ("" on Linux)
     * @param placedBy  what placed the lanes: "kernel switch records", or "sampled /proc every N ms" with why there
     *                  were none ("" on macOS and Windows, where the note says what the OS tells)
     */
    public record Result(Trace trace, Sampling sampling, int exitCode, boolean cancelled, String note,
                         String placedBy) {
    }
}

package dev.corelanes.engine.trace;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.child.ChildProcess;
import dev.corelanes.engine.child.ChildStartException;
import dev.corelanes.engine.child.GroupWatchdog;
import dev.corelanes.engine.platform.Os;
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
    private volatile boolean cancelled;
    private final Object ended = new Object();

    private ProgramTrace(ChildProcess child, GroupWatchdog watchdog, int pid, String command, long originNanos,
                         Instant startedAt) {
        this.child = child;
        this.watchdog = watchdog;
        this.pid = pid;
        this.command = command;
        this.originNanos = originNanos;
        this.startedAt = startedAt;
        this.sampler = new TreeSampler(ProcReader.system(), pid, originNanos);
        this.sampler.start();
    }

    /** Why this system cannot trace, in one line, or "" when it can. */
    public static String unavailableReason() {
        if (!Os.current().isLinux()) {
            return "corelanes trace needs Linux for now: it reads every thread's CPU and state from /proc, which "
                    + Os.displayName() + " does not have (on macOS and Windows another process's thread "
                    + "CPU is not available).";
        }
        if (!ProcReader.system().available()) {
            return "corelanes trace needs /proc with per-thread scheduler statistics (schedstat), which this Linux "
                    + "does not offer.";
        }
        return "";
    }

    /** Runs {@code command} with the terminal's stdin, stdout and stderr, and traces it. */
    public static ProgramTrace run(List<String> command) throws TraceException {
        requireAvailable();
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new TraceException("no command to trace: give one after --, e.g. corelanes trace -- python3 my.py");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        return start(pb, String.join(" ", command), null);
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
        ProcessBuilder pb = new ProcessBuilder(program.command())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE);
        if (program.directory() != null) {
            pb.directory(program.directory().toFile());
        }
        return start(pb, program.line(), output);
    }

    private static ProgramTrace start(ProcessBuilder pb, String command, ProgramOutput output) throws TraceException {
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
        return new ProgramTrace(child, watchdog, (int) child.pid(), command, origin, startedAt);
    }

    /** Traces process {@code pid}, already running, with everything it starts from now on. */
    public static ProgramTrace attach(long pid) throws TraceException {
        requireAvailable();
        if (pid <= 0 || pid > Integer.MAX_VALUE || !ProcReader.system().alive((int) pid)) {
            throw new TraceException("no process " + pid + " to attach to (it has ended, or never was).");
        }
        String cmd = ProcReader.system().cmdline((int) pid);
        return new ProgramTrace(null, null, (int) pid, cmd.isEmpty() ? "pid " + pid : cmd, System.nanoTime(),
                Instant.now());
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
        return new LiveSpans(sampler, child == null);
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
        long endNanos;
        int exit;
        if (child != null) {
            child.process().waitFor();
            endNanos = System.nanoTime();
            exit = child.process().exitValue();
        } else {
            ProcessHandle h = ProcessHandle.of(pid).orElse(null);
            ProcReader proc = ProcReader.system();
            synchronized (ended) {
                while (!cancelled && h != null && h.isAlive() && proc.alive(pid)) {
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
        Trace t = TracedRun.build(s, child == null, machine, startedAt, Math.max(0, endNanos - originNanos),
                originNanos, status, message, command);
        return new Result(t, s, child == null ? -1 : exit, cancelled);
    }

    /**
     * A finished trace.
     *
     * @param trace     the run
     * @param sampling  what the sampler saw (its period and cost)
     * @param exitCode  the command's exit code, -1 when attached (a process not ours has no exit code to read)
     * @param cancelled true when it was stopped
     */
    public record Result(Trace trace, Sampling sampling, int exitCode, boolean cancelled) {
    }
}

package dev.corelanes.engine.child;

import dev.corelanes.engine.ResourceLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One child process that speaks a line protocol over its stdin and stdout — a worker JVM, a Python program,
 * an interpreter being asked about itself — seen from the parent. What the lines mean is the runtime's
 * business; this class owns the rest of the child's life, the same for every runtime:
 * <ul>
 *   <li>start (registered with {@link Children}, so none outlives this JVM), optionally in a session of its
 *       own so that everything it starts can be found and killed even after re-parenting;</li>
 *   <li>reads of bounded lines that never block past their deadline: a pump thread owns the child's stdout
 *       (a read blocked in the stream holds its lock, and a grandchild that kept the pipe open used to hang the
 *       reader for ever), and the caller waits on a queue until its deadline in {@link RunningTime};</li>
 *   <li>whether the child (or anything it started) is stopped by a signal, for the message of a missed
 *       deadline;</li>
 *   <li>stop with a deadline, kill of the whole tree, its exit in words, and the tail of its stderr.</li>
 * </ul>
 * One thread reads; {@link #send}, {@link #stop} and {@link #kill} may be called from any.
 */
public final class ChildProcess {

    /** How a child is started. */
    public enum Option {
        /**
         * In a session (and process group) of its own where the OS allows (Linux {@code setsid}): everything
         * it starts stays findable after its parent dies, e.g. the interpreter behind a shell-script wrapper.
         * Ctrl-C in a terminal then reaches only this JVM, which stops the child itself.
         */
        OWN_SESSION,
        /** Its stderr goes to the same pipe as its stdout (a probe that reads everything it says). */
        MERGE_STDERR,
        /**
         * Its stdout and stderr are not a protocol: the caller reads both itself from {@link #process()} (a
         * traced program's own output, drained by {@code engine.trace.ProgramOutput}); {@link #readLine} then
         * has nothing to read.
         */
        OWN_OUTPUT
    }

    /** One line of the child's stdout and when this JVM read it ({@link System#nanoTime()}). */
    public record Line(String text, long receivedNanos) {
    }

    /** No deadline. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final int QUEUE_LINES = 4096;
    /** How often a waiting read looks at the running clock again (a suspended job moves its deadline). */
    private static final long RECHECK_NANOS = 250_000_000L;

    private static final Object END = new Object();
    private static final Object TOO_LONG = new Object();

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<Object> lines = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final Set<Long> groups = ConcurrentHashMap.newKeySet();
    private final int maxLineBytes;
    private StderrTail stderr;
    private volatile boolean ended;
    private volatile boolean tooLong;

    private ChildProcess(String name, Process process, int maxLineBytes) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Starts {@code builder} as child {@code name} (used in thread names). Lines longer than
     * {@code maxLineBytes} end the reading with {@link ChildReadException.Kind#TOO_LONG}.
     *
     * @throws ChildStartException with a one-line reason when the system or the program refuses
     */
    public static ChildProcess start(String name, ProcessBuilder builder, int maxLineBytes, Option... options)
            throws ChildStartException {
        boolean ownSession = false;
        boolean ownOutput = false;
        for (Option o : options) {
            if (o == Option.MERGE_STDERR) {
                builder.redirectErrorStream(true);
            } else if (o == Option.OWN_SESSION) {
                ownSession = true;
            } else if (o == Option.OWN_OUTPUT) {
                ownOutput = true;
            }
        }
        // Only a program that can be run goes through setsid: for one that cannot, the system's own reason
        // ("Permission denied", "No such file") comes from starting it directly, not from setsid's exit code.
        ownSession = ownSession && runnable(builder.command().get(0));
        if (ownSession) {
            String setsid = setsid();
            if (setsid != null) {
                List<String> cmd = new ArrayList<>(builder.command());
                cmd.add(0, setsid);
                builder = copy(builder, cmd);
            }
        }
        Process p;
        try {
            p = Children.spawn(builder);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw startFailure(builder.command().get(ownSession && setsid() != null ? 1 : 0), e);
        }
        ChildProcess c = new ChildProcess(name, p, maxLineBytes);
        try {
            if (ownSession && setsid() != null) {
                c.groups.add(p.pid()); // setsid made it the leader of its session and group
            }
            Children.register(p, c.groups, true);
            if (ownOutput) {
                c.ended = true; // the caller drains both streams
            } else {
                if (!builder.redirectErrorStream()) {
                    c.stderr = StderrTail.start(p.getErrorStream(), name);
                }
                Thread.ofPlatform().daemon(true).name("corelanes-out-" + name).start(c::pump);
            }
        } catch (OutOfMemoryError e) {
            // No thread to read it with (ulimit -u, memory): the child cannot be talked to.
            c.kill();
            throw new ChildStartException(ResourceLimits.refusal(e), true);
        }
        return c;
    }

    /** True when {@code program} names an executable file, as given or on the PATH. */
    public static boolean runnable(String program) {
        try {
            if (program.contains("/") || program.contains(java.io.File.separator)) {
                Path p = Path.of(program);
                return Files.isRegularFile(p) && Files.isExecutable(p);
            }
            String path = System.getenv("PATH");
            if (path == null) {
                return false;
            }
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ProcessBuilder copy(ProcessBuilder b, List<String> command) {
        ProcessBuilder c = new ProcessBuilder(command).directory(b.directory())
                .redirectInput(b.redirectInput()).redirectOutput(b.redirectOutput())
                .redirectError(b.redirectError()).redirectErrorStream(b.redirectErrorStream());
        c.environment().clear();
        c.environment().putAll(b.environment());
        return c;
    }

    private static volatile String setsid;
    private static volatile boolean setsidKnown;

    /** util-linux's {@code setsid} (it calls setsid() and execs the program, keeping its pid), or null. */
    static String setsid() {
        if (!setsidKnown) {
            String found = null;
            if (ProcessTree.procAvailable()) {
                for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
                    if (Files.isExecutable(Path.of(p))) {
                        found = p;
                        break;
                    }
                }
            }
            setsid = found;
            setsidKnown = true;
        }
        return setsid;
    }

    /** One line for a process that could not be started: the program and the system's reason. */
    static ChildStartException startFailure(String program, Throwable e) {
        String refusal = ResourceLimits.refusal(e);
        if (refusal != null) {
            return new ChildStartException(refusal + "", true);
        }
        String why = systemReason(String.valueOf(e.getMessage()));
        return new ChildStartException("Cannot start " + program + ": " + why + ".", false);
    }

    /** What a child that was run to its end said (at most the bytes asked for) and its exit code. */
    public record Finished(String output, int exitCode) {
    }

    /**
     * Runs {@code builder} with no input to its end, keeping at most {@code maxBytes} of what it writes, for
     * at most {@code timeoutMillis} of running time; then kills everything it started.
     *
     * @throws ChildReadException of kind {@link ChildReadException.Kind#DEADLINE} when it did not end in time
     *         (it has been killed)
     */
    public static Finished runToEnd(String name, ProcessBuilder builder, int maxBytes, long timeoutMillis,
                                    Option... options) throws ChildStartException, ChildReadException, InterruptedException {
        ChildProcess child = start(name, builder, maxBytes, options);
        long deadline = deadlineIn(timeoutMillis);
        try {
            child.closeInput();
            StringBuilder out = new StringBuilder();
            while (true) {
                Line line;
                try {
                    line = child.readLine(deadline);
                } catch (ChildReadException e) {
                    if (e.kind() == ChildReadException.Kind.DEADLINE) {
                        throw e;
                    }
                    break; // its end, or a line longer than anything asked for: what came before is the answer
                }
                if (out.length() < maxBytes) {
                    out.append(line.text()).append('\n');
                }
            }
            long left = Math.max(1, (deadline - RunningTime.now()) / 1_000_000);
            if (!child.process().waitFor(left, TimeUnit.MILLISECONDS)) {
                throw new ChildReadException(ChildReadException.Kind.DEADLINE, "it closed its output but did not end");
            }
            return new Finished(out.length() > maxBytes ? out.substring(0, maxBytes) : out.toString(),
                    child.process().exitValue());
        } finally {
            child.close();
        }
    }

    private static final java.util.regex.Pattern ERRNO = java.util.regex.Pattern.compile(
            "error(?:=|: )\\d+(?:, | \\()([^)\\n]+)\\)?");

    /**
     * The system's words in the JDK's message: "No such file or directory" from {@code Cannot run program "x":
     * error=2, No such file or directory} (JDK 21) or {@code … Exec failed, error: 2 (No such file or directory)}
     * (JDK 25).
     */
    static String systemReason(String message) {
        java.util.regex.Matcher m = ERRNO.matcher(message);
        String why = m.find() ? m.group(1) : message;
        return why.lines().findFirst().orElse(why).strip();
    }

    /** Reads stdout into the queue until it ends; the only reader of that stream. */
    private void pump() {
        InputStream out = process.getInputStream();
        LineReader reader = new LineReader(out, maxLineBytes);
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine();
                } catch (LineReader.LineTooLongException e) {
                    lines.put(TOO_LONG);
                    return; // whoever reads it kills the child; reading on would only block
                } catch (IOException e) {
                    line = null;
                }
                if (line == null) {
                    lines.put(END);
                    return;
                }
                lines.put(new Line(line, System.nanoTime()));
            }
        } catch (InterruptedException e) {
            // this JVM is done with the child
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one line; a child that is gone is not an error here (reading its stdout says how it went). */
    public synchronized void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            // gone: the end of its stdout reports it
        }
    }

    /** Closes the child's stdin: for a child of ours, the cue to end (its parent is gone or done). */
    public synchronized void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** The next line, waiting at most until {@code deadline} on {@link RunningTime} ({@link #NO_DEADLINE}: none). */
    public Line readLine(long deadline) throws ChildReadException {
        if (tooLong) {
            throw new ChildReadException(ChildReadException.Kind.TOO_LONG, "line longer than "
                    + maxLineBytes / 1024 + " KiB");
        }
        if (ended) {
            throw new ChildReadException(ChildReadException.Kind.ENDED, "its output ended");
        }
        try {
            while (true) {
                long left = deadline == NO_DEADLINE ? RECHECK_NANOS : deadline - RunningTime.now();
                if (left <= 0) {
                    Object early = lines.poll(); // a line that came exactly in time still counts
                    if (early == null) {
                        throw new ChildReadException(ChildReadException.Kind.DEADLINE, "deadline passed");
                    }
                    return take(early);
                }
                Object item = lines.poll(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS);
                if (item != null) {
                    return take(item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new ChildReadException(ChildReadException.Kind.ENDED, "interrupted");
        }
    }

    private Line take(Object item) throws ChildReadException {
        if (item == END) {
            ended = true;
            return readLine(NO_DEADLINE);
        }
        if (item == TOO_LONG) {
            tooLong = true;
            return readLine(NO_DEADLINE);
        }
        return (Line) item;
    }

    /** A running-time deadline {@code millis} from now. */
    public static long deadlineIn(long millis) {
        return RunningTime.now() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * Notes that the child now leads a process group of its own (a Python program calls {@code setpgrp}):
     * the group's members are killed with it even after it has exited.
     */
    public void noteOwnGroup() {
        if (ProcessTree.leadsGroup(process.pid())) {
            groups.add(process.pid());
        }
    }

    /** Notes a process group another member of the tree leads (the interpreter behind a wrapper script). */
    public void noteGroupOf(long pid) {
        if (pid > 0 && pid != process.pid() && ProcessTree.leadsGroup(pid)) {
            groups.add(pid);
        }
    }

    /**
     * The processes of this child's tree that are stopped by a signal now ({@code kill -STOP}), by pid; empty
     * where this cannot be read (no {@code /proc}).
     */
    public List<Long> stoppedProcesses() {
        return ProcessTree.stopped(process.pid(), groups);
    }

    /**
     * Sends {@code line} off the caller's thread (a child that does not read its stdin must not block a
     * Cancel) and kills the child with everything it started if it is still alive {@code graceMillis} later.
     */
    public void stop(String line, long graceMillis) {
        Thread.ofVirtual().name("corelanes-stop-" + name).start(() -> send(line));
        killAfter(graceMillis);
    }

    /** Kills the child with everything it started if it is still alive {@code graceMillis} from now. */
    public void killAfter(long graceMillis) {
        ScheduledFuture<?> deadline = Children.schedule(() -> {
            if (process.isAlive()) {
                kill();
            }
        }, graceMillis);
        process.onExit().thenRun(() -> deadline.cancel(false));
    }

    /** Kills the child and everything it started, now. Any thread. */
    public void kill() {
        ProcessTree.kill(process.toHandle(), groups);
    }

    /** Waits up to {@code millis} for the child to exit; then kills it with its tree and waits again. */
    public void awaitExit(long millis) {
        Children.awaitExit(process, millis);
    }

    /**
     * Makes sure the child and everything it started are gone: kills what is still alive (the child, or a
     * process of its group that outlived it), waits for the child, and closes its stdin.
     */
    public void close() {
        // A child that has exited can have left something behind only in a group or session it led (its own
        // children are no longer its descendants): the process table is read only then.
        if (process.isAlive() || !groups.isEmpty() && !ProcessTree.liveOthers(process.pid(), groups).isEmpty()) {
            kill();
        }
        awaitExit(1_000);
        closeInput();
    }

    /** "exit code 3", "killed by SIGKILL"; "" while it runs. */
    public String exitDescription() {
        return process.isAlive() ? "" : ExitStatus.describe(process.exitValue());
    }

    /** Waits briefly for the child's last words on stderr (its stderr closes when it exits). */
    public void awaitStderr(long millis) {
        if (stderr != null) {
            stderr.awaitEnd(millis);
        }
    }

    /** The last lines of its stderr, joined with " | " ("" when it said nothing or stderr is merged). */
    public String stderrTail(int n) {
        return stderr == null ? "" : stderr.lastLines(n);
    }

    /** The last lines of its stderr kept, oldest first. */
    public List<String> stderrLines() {
        return stderr == null ? List.of() : stderr.lines();
    }
}

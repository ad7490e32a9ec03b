package dev.corelanes.engine.process;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanSink;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.process.WorkerMessage.Bye;
import dev.corelanes.engine.process.WorkerMessage.ErrorReport;
import dev.corelanes.engine.process.WorkerMessage.Hello;
import dev.corelanes.engine.process.WorkerMessage.Opened;
import dev.corelanes.engine.process.WorkerMessage.Pong;
import dev.corelanes.engine.process.WorkerMessage.SpanDone;
import dev.corelanes.engine.process.WorkerMessage.TaskEnd;
import dev.corelanes.engine.process.WorkerMessage.TaskStart;

import dev.corelanes.engine.child.ChildProcess;
import dev.corelanes.engine.child.ChildReadException;
import dev.corelanes.engine.child.ChildStartException;
import dev.corelanes.engine.child.Children;
import dev.corelanes.engine.child.ClockSync;
import dev.corelanes.engine.child.TaskDeadlines;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One child worker process, seen from the parent: start it, shake hands (clock sync, config), hand it
 * tasks one at a time, and end it. Driven by one thread (the worker's); only {@link #stop} and
 * {@link #kill} may be called from others. The child's life (start, deadlines, stop, kill, its stderr) is a
 * {@link ChildProcess}'s; this class keeps only the worker protocol.
 *
 * <p>Every line the child writes is parsed and checked against the conversation so far; anything wrong
 * ends this worker with a {@link WorkerFailure} that says what happened, and the process is killed —
 * a child that broke the protocol cannot be trusted with more work.
 */
public final class WorkerProcess {

    /** A child that has not said hello by then is stuck (the machine may be busy: be generous). */
    static final long STARTUP_TIMEOUT_MILLIS = TaskDeadlines.DEFAULT.startupMillis();
    private volatile long startupTimeoutMillis = STARTUP_TIMEOUT_MILLIS;
    /** After {@code stop}, a child gets this long to end by itself before it is killed. */
    static final long STOP_GRACE_MILLIS = 200;
    /**
     * Pings for the clock offset, at most: the one with the shortest round trip is kept, so more pings find a
     * quieter moment on a busy machine; the offset must stay well within a sampling period or samples of two
     * processes on one core would be ordered wrongly.
     */
    static final int PINGS = 16;
    /** Pings at least: the first round trips of two cold JVMs are slow (1–4 ms, then ~0.06–0.3 ms). */
    static final int MIN_PINGS = 4;
    /**
     * A round trip this short bounds the offset to 0.1 ms, a tenth of a sampling period: no later ping can
     * make the mapping meaningfully better, so the handshake ends there (each ping costs a round trip of the
     * run's wall).
     */
    static final long GOOD_ROUND_TRIP_NANOS = 200_000;
    /** How long a crashing child JVM gets to write its crash report. */
    static final long CRASH_REPORT_MILLIS = 10_000;

    /** How a task went, on the parent's timeline. */
    record TaskResult(int task, long startNanos, long endNanos, TaskStatus status, long cpuNanos) {
    }

    private final String name;
    private final WorkerCommand command;
    private final LongSupplier clock;
    private final SpanSink sink;
    private final Consumer<WorkerInfo> workerInfo;
    private final WorkerConversation conversation = new WorkerConversation();
    private final ClockSync sync = new ClockSync();

    private final Object lifecycle = new Object();
    /** The child; set once it has started. */
    private volatile ChildProcess child;
    private boolean stopped;

    private long pid = -1;
    /** The OS thread id of the child's task thread, from its hello (-1 unknown). */
    private long tid = -1;
    private long spawnStart;
    private volatile boolean helloSeen;
    /** The hello deadline (running time), set at start. */
    private long helloDeadline = ChildProcess.NO_DEADLINE;
    /** The deadline of the step in progress ({@link #within}) and what missing it means. */
    private long stepDeadline = ChildProcess.NO_DEADLINE;
    private String stepReason = "";
    /** True once this worker missed a deadline (and was killed for it): never a stop. */
    private volatile boolean missedDeadline;
    private volatile boolean refusedBySystem;
    private long taskStartNanos = -1;
    private long taskCpuTotal;

    WorkerProcess(String name, WorkerCommand command, LongSupplier clock, SpanSink sink, Consumer<WorkerInfo> workerInfo) {
        this.name = name;
        this.command = command;
        this.clock = clock;
        this.sink = sink;
        this.workerInfo = workerInfo;
    }

    long pid() {
        return pid;
    }

    /** Child clock − parent timeline, and the error bound of that estimate (nanoseconds). */
    long clockOffsetNanos() {
        return sync.offsetNanos();
    }

    long clockUncertaintyNanos() {
        return sync.uncertaintyNanos();
    }

    /** Starts the child without the start-up cache. */
    void start() throws WorkerFailure {
        start(List.of());
    }

    /**
     * Starts the child with {@code cacheFlags} (the start-up cache's JVM options, or none); the spawning
     * span opens now and closes at its hello.
     */
    void start(List<String> cacheFlags) throws WorkerFailure {
        if (command.problem() != null) {
            throw new WorkerFailure("could not start worker " + name + ": " + command.problem());
        }
        synchronized (lifecycle) {
            if (stopped) {
                throw WorkerFailure.stopped("worker " + name + " was stopped before it started");
            }
            ProcessBuilder pb = command.builder(name, cacheFlags);
            spawnStart = clock.getAsLong();
            try {
                child = ChildProcess.start(name, pb, WorkerProtocol.MAX_LINE_BYTES);
            } catch (ChildStartException e) {
                if (e.refused()) {
                    refusedBySystem = true;
                    throw new WorkerFailure(e.getMessage());
                }
                throw new WorkerFailure("could not start worker " + name + ": " + e.getMessage());
            }
        }
        pid = child.pid();
        helloDeadline = ChildProcess.deadlineIn(startupTimeoutMillis);
        sink.opened(new Span(Span.NO_TASK, name, Span.NO_CORE, SpanState.SPAWNING, spawnStart, spawnStart));
        workerInfo.accept(new WorkerInfo(name, pid, -1));
    }

    /** True when the system refused to create the process (a limit on processes or threads, or memory). */
    boolean refusedBySystem() {
        return refusedBySystem;
    }

    /** True when the child died before its hello by itself (not stopped, not timed out). */
    boolean diedWhileStarting() {
        return !helloSeen && !missedDeadline && !stopRequested();
    }

    /**
     * The longest the child may take to say hello. A child that has not said hello by then is stuck (the
     * machine may be busy: be generous).
     */
    void startupTimeout(long millis) {
        startupTimeoutMillis = millis;
    }

    /**
     * Fails the worker with {@code reason} (and kills it) if {@code body} has not had its answers within
     * {@code millis} of running time: a frozen child (SIGSTOP) or a task that never ends must not hang the
     * run. The user's stop still works at any moment.
     */
    <T> T within(long millis, String reason, Step<T> body) throws WorkerFailure {
        long outerDeadline = stepDeadline;
        String outerReason = stepReason;
        stepDeadline = ChildProcess.deadlineIn(millis);
        stepReason = reason;
        try {
            return body.run();
        } finally {
            stepDeadline = outerDeadline;
            stepReason = outerReason;
        }
    }

    /** A step that reads from the child. */
    interface Step<T> {
        T run() throws WorkerFailure;
    }

    static String seconds(long millis) {
        return TaskDeadlines.seconds(millis);
    }

    /** Waits for hello, measures the clock offset, and sends the run's config line. */
    void handshake(String configLine) throws WorkerFailure {
        Hello hello = (Hello) next().message();
        helloSeen = true;
        long ready = clock.getAsLong();
        sink.accept(new Span(Span.NO_TASK, name, Span.NO_CORE, SpanState.SPAWNING, spawnStart, ready));
        tid = hello.tid();
        if (hello.pid() != pid || tid >= 0) {
            // A wrapper (a native launcher that forks) may stand between: the worker is the one that said hello.
            pid = hello.pid();
            workerInfo.accept(new WorkerInfo(name, pid, -1, tid));
        }
        for (int seq = 1; !enoughPings(seq - 1, sync.bestRoundTripNanos()); seq++) {
            conversation.pingSent(seq);
            long sent = clock.getAsLong();
            send(WorkerProtocol.ping(seq));
            Received r = next();
            // When the line arrived, not when this thread got to it: the reader thread stamps it.
            long received = clock.getAsLong() - Math.max(0, System.nanoTime() - r.receivedNanos());
            if (!(r.message() instanceof Pong p) || p.seq() != seq) {
                throw violation("expected pong " + seq + ", got " + r.message().getClass().getSimpleName());
            }
            sync.sample(sent, p.childNanos(), Math.max(sent, received));
        }
        // A worker JVM's clock is System.nanoTime(): taken as this JVM's own when the pings allow it (ClockSync).
        sync.sameClock(System.nanoTime() - clock.getAsLong());
        send(configLine);
    }

    /**
     * True after {@code sent} pings whose best round trip was {@code bestRoundTrip}: at least
     * {@link #MIN_PINGS}, and then as soon as one came back within {@link #GOOD_ROUND_TRIP_NANOS}; never more
     * than {@link #PINGS}.
     */
    static boolean enoughPings(int sent, long bestRoundTrip) {
        return sent >= PINGS || sent >= MIN_PINGS && bestRoundTrip <= GOOD_ROUND_TRIP_NANOS;
    }

    /** Runs one task; spans go to the sink on the parent's timeline as they arrive. */
    TaskResult runTask(int task) throws WorkerFailure {
        taskStartNanos = -1;
        conversation.taskSent(task);
        send(WorkerProtocol.task(task));
        while (true) {
            WorkerMessage m = next().message();
            switch (m) {
                case TaskStart s -> taskStartNanos = sync.toParent(s.t());
                case Opened o -> {
                    long t = sync.toParent(o.start());
                    sink.opened(new Span(task, name, o.core(), o.state(), t, t));
                }
                case WorkerMessage.Samples s -> {
                    java.util.List<dev.corelanes.engine.CoreSample> mapped = new java.util.ArrayList<>(s.samples().size());
                    for (dev.corelanes.engine.CoreSample c : s.samples()) {
                        mapped.add(new dev.corelanes.engine.CoreSample(sync.toParent(c.nanos()), c.core(), c.kind()));
                    }
                    sink.samples(new dev.corelanes.engine.SampleBatch(task, name, s.periodNanos(), mapped));
                }
                case SpanDone s -> sink.accept(new Span(task, name, s.core(), s.state(), sync.toParent(s.start()),
                        sync.toParent(s.end())));
                case TaskEnd e -> {
                    if (e.cpuNanos() > 0) {
                        taskCpuTotal += e.cpuNanos();
                    }
                    return new TaskResult(task, taskStartNanos, sync.toParent(e.t()), e.status(), e.cpuNanos());
                }
                default -> throw violation("unexpected " + m.getClass().getSimpleName() + " during task " + task);
            }
        }
    }

    /** When the current task started on the parent's timeline, or -1 if the child never said. */
    long taskStartNanos() {
        return taskStartNanos;
    }

    /**
     * Ends the worker: {@code done}, then its bye (CPU time, peak memory), then its exit. Returns the CPU
     * time the process used beyond its tasks (JVM start-up, JIT, GC), -1 when it did not say.
     */
    long finish() throws WorkerFailure {
        conversation.byeRequested();
        send(WorkerProtocol.DONE);
        Bye bye;
        try {
            bye = (Bye) next().message();
        } catch (WorkerFailure f) {
            if (stopRequested()) {
                return -1; // stopped and gone before saying bye: nothing more to learn
            }
            throw f;
        }
        workerInfo.accept(new WorkerInfo(name, pid, bye.peakRssBytes(), tid));
        child.closeInput(); // end of input makes the child halt at once (see WorkerMain)
        child.awaitExit(2_000);
        return bye.cpuNanos() < 0 ? -1 : Math.max(0, bye.cpuNanos() - taskCpuTotal);
    }

    /** Asks the child to stop now (cancel); kills it if it is still there after a short grace. Any thread. */
    void stop() {
        ChildProcess c;
        synchronized (lifecycle) {
            stopped = true;
            c = child;
        }
        if (c == null) {
            return; // not started: start() now refuses to
        }
        conversation.byeRequested();
        c.stop(WorkerProtocol.STOP, STOP_GRACE_MILLIS);
    }

    boolean stopRequested() {
        synchronized (lifecycle) {
            return stopped;
        }
    }

    /**
     * Kills the child (and anything it started) now, because it failed: this is never a cancel, and the
     * worker's failure says why. Any thread.
     */
    void kill() {
        ChildProcess c = child;
        if (c != null) {
            c.kill();
        }
    }

    /** Makes sure the child is gone: kills it if it is still alive, then closes its stdin. */
    void close() {
        ChildProcess c = child;
        if (c != null) {
            c.close();
        }
    }

    private void send(String line) {
        child.send(line);
    }

    /** A message and when its line arrived ({@link System#nanoTime()}). */
    private record Received(WorkerMessage message, long receivedNanos) {
    }

    /** The next valid message, or a failure that says why there is none. */
    private Received next() throws WorkerFailure {
        ChildProcess.Line line;
        boolean hello = !helloSeen && helloDeadline < stepDeadline;
        try {
            line = child.readLine(hello ? helloDeadline : stepDeadline);
        } catch (ChildReadException e) {
            throw switch (e.kind()) {
                case TOO_LONG -> violation(e.getMessage());
                case DEADLINE -> missed(hello ? "did not start within " + seconds(startupTimeoutMillis)
                        + " (no hello line)" : stepReason);
                case ENDED -> gone();
            };
        }
        if (line.text().startsWith("#") && dyingOfACrash()) {
            throw gone(); // the JVM's fatal-error banner goes to stdout whatever the flags: report the crash
        }
        WorkerMessage m;
        try {
            m = conversation.accept(WorkerLineParser.parse(line.text()));
        } catch (ProtocolException e) {
            throw violation(e.getMessage());
        }
        if (m instanceof ErrorReport r) {
            kill();
            throw new WorkerFailure(who() + " reported an error: " + r.text());
        }
        return new Received(m, line.receivedNanos());
    }

    /** A deadline passed: says whether the child was frozen by a signal, then kills it. */
    private WorkerFailure missed(String reason) {
        if (stopRequested() || Children.shuttingDown()) {
            kill();
            return WorkerFailure.stopped(who() + " was stopped");
        }
        missedDeadline = true;
        boolean frozen = !child.stoppedProcesses().isEmpty();
        kill();
        child.awaitExit(1_000);
        return new WorkerFailure(who() + " " + reason + (frozen ? " (it was stopped by a signal, e.g. SIGSTOP)" : "")
                + "; it was killed");
    }

    /** After a '#' line: gives a crashing JVM time to write its report and exit; true if it did. */
    private boolean dyingOfACrash() {
        try {
            return child.process().waitFor(CRASH_REPORT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private WorkerFailure violation(String what) {
        kill();
        if (stopRequested() || Children.shuttingDown()) {
            return WorkerFailure.stopped(who() + " was stopped"); // a line cut short by the stop's kill
        }
        return new WorkerFailure(who() + " broke the worker protocol: " + what);
    }

    /** The child closed its stdout: it has exited, crashed or been killed. Say which. */
    private WorkerFailure gone() {
        child.awaitExit(1_000);
        child.awaitStderr(200);
        int task = conversation.currentTask();
        if (stopRequested() || Children.shuttingDown()) {
            return WorkerFailure.stopped(who() + " was stopped");
        }
        String words8 = child.stderrTail(8);
        if (!helloSeen && (words8.contains("Out of system resources") || words8.contains("pthread_create failed (EAGAIN)")
                || words8.contains("unable to create native thread"))) {
            refusedBySystem = true; // the JVM could not create its own threads: a limit, not a fault of ours
            return new WorkerFailure("the system refused threads to a new worker JVM");
        }
        String when = !helloSeen ? "died while starting" : task != 0 ? "died during task " + task : "ended unexpectedly";
        java.nio.file.Path report = WorkerCommand.crashReport(child.pid());
        if (report != null) {
            // The JVM crashed: its own report says how (its stderr only repeats the banner).
            return new WorkerFailure(who() + " crashed (" + crashSignal(report) + ") "
                    + (!helloSeen ? "while starting" : task != 0 ? "during task " + task : "after its tasks")
                    + "; crash report: " + report);
        }
        String how = child.isAlive() ? "" : " (" + child.exitDescription() + ")";
        String words = child.stderrTail(3);
        return new WorkerFailure(who() + " " + when + how + (words.isEmpty() ? "" : "; it said: " + words));
    }

    /** The signal named in a JVM crash report ("#  SIGSEGV (0xb) at pc=…"), or "a fatal error". */
    static String crashSignal(java.nio.file.Path report) {
        try (var lines = java.nio.file.Files.lines(report, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.limit(20).map(String::strip).map(l -> l.replaceFirst("^#\\s*", ""))
                    .filter(l -> l.matches("SIG[A-Z]+ .*|EXCEPTION_[A-Z_]+ .*|Internal Error.*|Out of Memory Error.*"))
                    .map(l -> l.split(" ")[0].startsWith("SIG") || l.startsWith("EXCEPTION") ? l.split(" ")[0] : l)
                    .findFirst().orElse("a fatal error");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "a fatal error";
        }
    }

    private String who() {
        return "worker process " + name + (pid > 0 ? " (pid " + pid + ")" : "");
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.Backend;
import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.ThreadCpuClock;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.RunContext;
import dev.corelanes.engine.RunRuntime;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.child.ChildProcess;
import dev.corelanes.engine.child.ChildReadException;
import dev.corelanes.engine.child.ChildStartException;
import dev.corelanes.engine.child.Children;
import dev.corelanes.engine.child.ClockSync;
import dev.corelanes.engine.child.RunningTime;
import dev.corelanes.engine.child.TaskDeadlines;
import dev.corelanes.engine.python.PythonMessage.Bye;
import dev.corelanes.engine.python.PythonMessage.End;
import dev.corelanes.engine.python.PythonMessage.ErrorReport;
import dev.corelanes.engine.python.PythonMessage.Hello;
import dev.corelanes.engine.python.PythonMessage.Memory;
import dev.corelanes.engine.python.PythonMessage.Opened;
import dev.corelanes.engine.python.PythonMessage.Pong;
import dev.corelanes.engine.python.PythonMessage.Ready;
import dev.corelanes.engine.python.PythonMessage.SpanDone;
import dev.corelanes.engine.python.PythonMessage.Start;
import dev.corelanes.engine.python.PythonMessage.ThreadId;
import dev.corelanes.engine.python.PythonMessage.Worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs an experiment in a real Python interpreter: the generated program ({@link PythonScript}) runs every
 * task itself — in threads, asyncio, or multiprocessing children, exactly as the Python code reads — and
 * reports spans over its stdout, which this class validates line by line and puts on the run's timeline.
 *
 * <p>Start-up and calibration happen in {@link #prepare}, before the run's clock starts, so the wall time
 * is the experiment's, as the program itself prints it. The interpreter's life is a {@link ChildProcess}'s,
 * with the deadlines of a JVM worker ({@link TaskDeadlines}): a program that does not start, a task that does
 * not end (a process of the program stopped by {@code kill -STOP}, a hang) fails the run at its deadline with
 * the cause. Nothing outlives the run: cancel sends {@code stop} (the program ends its children and itself)
 * and kills the whole process tree if it is still there {@value #STOP_GRACE_MILLIS} ms later; if this JVM
 * dies, the program sees its stdin close and does the same.
 */
public final class PythonBackend implements Backend {

    static final long STOP_GRACE_MILLIS = 350;
    static final int PINGS = 5;

    /**
     * How the interpreter is started: isolated from the user's environment ({@code -I}: no {@code PYTHON*}
     * variables, no user site-packages, not even the script's folder on {@code sys.path} — the program imports
     * the standard library only), so a {@code sitecustomize} that prints or a wrong {@code PYTHONHOME} cannot
     * change the experiment or break the protocol; and {@code -B}: no bytecode files next to the program. The
     * probe ({@link InterpreterProbe}) starts it the same way, so {@code info} tells what a run will meet.
     */
    static final List<String> FLAGS = List.of("-I", "-B");

    private final PythonChoice choice;
    private final TaskDeadlines deadlines;
    private final ClockSync sync = new ClockSync();
    private final Object lifecycle = new Object();
    private volatile boolean cancelled;
    private volatile boolean readySeen;
    private volatile ChildProcess child;
    private PythonScript.File script;
    private PythonConversation conversation;
    private Calibration calibration;
    private RunRuntime runtime;
    private long pid = -1;
    /** Process pids of the program's workers, by pid: a stopped one is named in the message. */
    private final Map<Long, String> processNames = new HashMap<>();

    public PythonBackend(PythonChoice choice) {
        this(choice, TaskDeadlines.configured());
    }

    /** With other deadlines (tests make them short). */
    PythonBackend(PythonChoice choice, TaskDeadlines deadlines) {
        this.choice = choice;
        this.deadlines = deadlines;
    }

    @Override
    public boolean usesJavaKernel() {
        return false; // the interpreter calibrates its own kernel in prepare
    }

    @Override
    public RunRuntime runtime() {
        return runtime != null ? runtime : choice.runtime(false);
    }

    @Override
    public Calibration calibration() {
        return calibration;
    }

    /** The command that starts the program: the interpreter (absolute when given relative), its flags, the file. */
    static List<String> command(String interpreter, java.nio.file.Path script) {
        List<String> cmd = new ArrayList<>();
        cmd.add(absolute(interpreter));
        cmd.addAll(FLAGS);
        cmd.add(script.toString());
        cmd.add("--corelanes");
        return cmd;
    }

    /**
     * A path with a folder in it ("./my venv/bin/python3") is made absolute here, against the folder the user
     * gave it in: the program runs in the cache folder, where a relative path would name another file. A bare
     * name ("python3") is looked up on the PATH, as the user meant.
     */
    static String absolute(String interpreter) {
        if (interpreter.contains("/") || interpreter.contains(java.io.File.separator)) {
            try {
                return java.nio.file.Path.of(interpreter).toAbsolutePath().toString();
            } catch (java.nio.file.InvalidPathException e) {
                return interpreter;
            }
        }
        return interpreter;
    }

    @Override
    public void prepare(ExperimentSpec spec) {
        PythonScript.check(spec);
        runtime = choice.runtime(spec.mode().processBased());
        conversation = new PythonConversation(spec.tasks());
        script = PythonScript.write(PythonScript.text(spec, choice.startMethod()));
        ProcessBuilder pb = new ProcessBuilder(command(choice.interpreter().path(), script.path()));
        pb.directory(script.path().getParent().toFile());
        ThreadCpuClock.childEnvironment(pb.environment()); // a simulated coarse thread CPU clock, as in this JVM
        synchronized (lifecycle) {
            if (cancelled) {
                script.close();
                throw new PythonUnavailable("cancelled");
            }
            try {
                // A session of its own: whatever the program starts (a forkserver, a wrapper's interpreter) can be
                // found and killed with it, even once re-parented.
                child = ChildProcess.start("python", pb, PythonLineParser.MAX_LINE, ChildProcess.Option.OWN_SESSION);
            } catch (ChildStartException e) {
                script.close();
                throw new PythonUnavailable(e.refused() ? e.getMessage() : e.getMessage().replace(
                        "Cannot start " + absolute(choice.interpreter().path()), "Cannot start " + choice.interpreter().path()));
            }
        }
        pid = child.pid();
        long startup = ChildProcess.deadlineIn(deadlines.startupMillis());
        String late = "did not start within " + TaskDeadlines.seconds(deadlines.startupMillis());
        try {
            Hello hello = (Hello) next(startup, late).message();
            pid = hello.pid();
            child.noteGroupOf(pid); // the program leads its own process group (see the program's main)
            for (int seq = 1; seq <= PINGS; seq++) {
                conversation.pingSent(seq);
                long sent = System.nanoTime();
                send("ping " + seq);
                Received r = next(startup, late);
                if (!(r.message() instanceof Pong p) || p.seq() != seq) {
                    throw violation("expected pong " + seq + ", got " + r.message().getClass().getSimpleName());
                }
                sync.sample(sent, p.t(), Math.max(sent, r.receivedNanos()));
            }
            // CPython's perf_counter_ns() and this timeline (System.nanoTime()) are usually one clock: see ClockSync.
            sync.sameClock(0);
            conversation.prepareSent();
            send("prepare");
            PythonMessage m = next(startup, late).message();
            if (!(m instanceof Ready r)) {
                throw violation("expected ready, got " + m.getClass().getSimpleName());
            }
            readySeen = true;
            calibration = new Calibration(r.stepsPerSecond(), r.measuredMicros() / 1000.0, ThreadCpuClock.tick());
        } catch (Failure f) {
            close();
            throw new PythonUnavailable(cancelled ? "cancelled" : f.getMessage());
        }
    }

    /** The CPUs the program's tasks can share: one under the GIL for its threads; the machine's otherwise. */
    private int cores(ExperimentSpec spec) {
        boolean oneInterpreter = !spec.mode().processBased();
        return oneInterpreter && choice.interpreter().gilEnabled() ? 1 : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void run(RunContext run) {
        Map<Integer, Long> starts = new HashMap<>();
        Map<Integer, String> workers = new HashMap<>();
        Map<String, Long> pids = new HashMap<>();
        Progress progress = new Progress(run.spec(), deadlines.taskMillis(run.spec(), cores(run.spec())),
                deadlines.startupMillis());
        long taskCpu = 0;
        try {
            conversation.runSent();
            send("run");
            while (true) {
                PythonMessage m = next(progress.deadline(), progress.reason()).message();
                switch (m) {
                    case Worker w -> {
                        run.recordWorker(w.process() ? new WorkerInfo(w.name(), w.pid(), -1) : WorkerInfo.thread(w.name()));
                        if (w.process()) {
                            pids.put(w.name(), w.pid());
                            processNames.put(w.pid(), w.name());
                        }
                    }
                    // The thread the kernel schedules for it: a process's id is told once more, as its thread's.
                    case ThreadId t -> {
                        if (pids.containsKey(t.worker())) {
                            run.noteWorkerTid(t.worker(), t.tid());
                        } else {
                            run.recordWorker(WorkerInfo.thread(t.worker(), t.pid(), t.tid()));
                        }
                    }
                    // As a JVM worker's bye does: the same worker, now with its peak memory.
                    case Memory mem -> run.recordWorker(new WorkerInfo(mem.worker(), pids.get(mem.worker()),
                            mem.peakRssBytes()));
                    case Start s -> {
                        starts.put(s.task(), at(run, s.t()));
                        workers.put(s.task(), s.worker());
                        progress.started(s.task());
                    }
                    case Opened o -> {
                        long t = at(run, o.t());
                        run.sink().opened(new Span(o.task(), o.worker(), o.core(), o.state(), t, t));
                    }
                    case SpanDone s -> run.sink().accept(new Span(s.task() == 0 ? Span.NO_TASK : s.task(), s.worker(),
                            s.state() == SpanState.RUNNING ? s.core() : Span.NO_CORE, s.state(), at(run, s.start()),
                            at(run, s.end())));
                    case End e -> {
                        if (e.cpuNanos() >= 0) {
                            run.addCpu(e.cpuNanos());
                            taskCpu += e.cpuNanos();
                        }
                        long start = starts.getOrDefault(e.task(), at(run, e.t()));
                        // With the task's own CPU time (its thread's, -1 unknown), as a Java task's record has it.
                        run.recordTask(new TaskRecord(e.task(), e.worker(), start, at(run, e.t()), e.status(),
                                e.status() == TaskStatus.CANCELLED ? "cancelled" : "", e.cpuNanos()));
                        progress.ended(e.task());
                    }
                    case Bye b -> {
                        if (b.cpuNanos() > taskCpu) {
                            run.addCpu(b.cpuNanos() - taskCpu); // starting processes, pools, the interpreter's own work
                        }
                        return;
                    }
                    default -> throw violation("unexpected " + m.getClass().getSimpleName() + " during the run");
                }
            }
        } catch (Failure f) {
            long now = run.now();
            boolean stopped = cancelled || run.cancelled();
            if (!stopped) {
                run.fail(f.getMessage());
            }
            conversation.unfinished().forEach((task, worker) -> run.recordTask(new TaskRecord(task, worker,
                    starts.getOrDefault(task, now), Math.max(now, starts.getOrDefault(task, now)),
                    stopped ? TaskStatus.CANCELLED : TaskStatus.FAILED, stopped ? "cancelled" : f.getMessage())));
        } finally {
            close();
        }
    }

    /**
     * Where the run is, for its deadlines (on {@link RunningTime}): each running task must end within the
     * workload's task deadline of when it started; while none runs, the next must start within it; once every
     * task has ended, the program must say bye within the start-up deadline.
     */
    private static final class Progress {
        private final ExperimentSpec spec;
        private final long taskMillis;
        private final long endMillis;
        private final TreeMap<Integer, Long> running = new TreeMap<>();
        private int ended;
        private long lastChange = RunningTime.now();

        Progress(ExperimentSpec spec, long taskMillis, long endMillis) {
            this.spec = spec;
            this.taskMillis = taskMillis;
            this.endMillis = endMillis;
        }

        void started(int task) {
            running.put(task, RunningTime.now());
            lastChange = RunningTime.now();
        }

        void ended(int task) {
            running.remove(task);
            ended++;
            lastChange = RunningTime.now();
        }

        private int oldest() {
            int task = -1;
            long at = Long.MAX_VALUE;
            for (Map.Entry<Integer, Long> e : running.entrySet()) {
                if (e.getValue() < at) {
                    at = e.getValue();
                    task = e.getKey();
                }
            }
            return task;
        }

        long deadline() {
            if (!running.isEmpty()) {
                return running.get(oldest()) + taskMillis * 1_000_000L;
            }
            return lastChange + (ended >= spec.tasks() ? endMillis : taskMillis) * 1_000_000L;
        }

        String reason() {
            if (!running.isEmpty()) {
                return "did not finish task " + oldest() + " within " + TaskDeadlines.seconds(taskMillis)
                        + " (the deadline for this workload)";
            }
            if (ended >= spec.tasks()) {
                return "did not end within " + TaskDeadlines.seconds(endMillis) + " after its last task";
            }
            return "started no task within " + TaskDeadlines.seconds(taskMillis) + " (the deadline for this workload)";
        }
    }

    /** A child time on the run's timeline. */
    private static long at(RunContext run, long childNanos) {
        return Math.max(0, childNanos - run.originNanos());
    }

    @Override
    public void cancel() {
        ChildProcess c;
        synchronized (lifecycle) {
            cancelled = true;
            c = child;
        }
        if (c == null) {
            return;
        }
        if (conversation != null) {
            conversation.stopSent();
        }
        c.stop("stop", STOP_GRACE_MILLIS);
    }

    /** Makes sure the program and everything it started are gone, and its file too if it was temporary. */
    private void close() {
        ChildProcess c = child;
        if (c != null) {
            c.closeInput(); // the program's cue to end its children and itself
            c.awaitExit(1_000);
            c.close(); // and anything of its session still there
        }
        if (script != null) {
            script.close();
        }
    }

    private void send(String line) {
        child.send(line);
    }

    /** A message (times mapped to this JVM's clock) and when its line arrived ({@link System#nanoTime()}). */
    private record Received(PythonMessage message, long receivedNanos) {
    }

    /**
     * The next valid message, or a failure that says why there is none: by {@code deadline} (running time),
     * else the program {@code late} says what it did not do.
     */
    private Received next(long deadline, String late) throws Failure {
        ChildProcess.Line line;
        try {
            line = child.readLine(deadline);
        } catch (ChildReadException e) {
            throw switch (e.kind()) {
                case TOO_LONG -> violation(e.getMessage());
                case DEADLINE -> missed(late);
                case ENDED -> gone();
            };
        }
        PythonMessage m;
        try {
            m = conversation.accept(PythonLineParser.parse(line.text()));
        } catch (PythonProtocolException e) {
            throw violation(e.getMessage());
        }
        if (m instanceof ErrorReport r) {
            child.kill();
            throw new Failure("Python stopped with an error: " + r.text());
        }
        return new Received(mapTimes(m), line.receivedNanos());
    }

    /** Pongs keep the child's clock (they measure it); everything else is put on this JVM's clock. */
    private PythonMessage mapTimes(PythonMessage m) {
        return switch (m) {
            case Start s -> new Start(s.task(), s.worker(), sync.toParent(s.t()));
            case Opened o -> new Opened(o.task(), o.worker(), o.state(), o.core(), sync.toParent(o.t()));
            case SpanDone s -> new SpanDone(s.task(), s.worker(), s.state(), s.core(), sync.toParent(s.start()),
                    sync.toParent(s.end()));
            case End e -> new End(e.task(), e.worker(), e.status(), e.cpuNanos(), sync.toParent(e.t()));
            default -> m;
        };
    }

    private Failure violation(String what) {
        child.kill();
        return new Failure(who() + " broke the worker protocol: " + what);
    }

    /** A deadline passed: names a process of the program stopped by a signal, if one is, then kills them all. */
    private Failure missed(String reason) {
        if (cancelled || Children.shuttingDown()) {
            child.kill();
            return new Failure("cancelled");
        }
        List<String> frozen = new ArrayList<>();
        for (long p : child.stoppedProcesses()) {
            String worker = processNames.get(p);
            frozen.add(worker != null ? "process " + worker + " (pid " + p + ")"
                    : p == pid || p == child.pid() ? "the interpreter (pid " + p + ")" : "its process " + p);
        }
        child.kill();
        child.awaitExit(1_000);
        return new Failure(who() + " " + reason + (frozen.isEmpty() ? "" : "; " + String.join(", ", frozen)
                + (frozen.size() == 1 ? " was" : " were") + " stopped by a signal (e.g. SIGSTOP)") + "; it was killed");
    }

    /** The program closed its stdout: it ended, crashed or was killed. Say which, with the cause it gave. */
    private Failure gone() {
        child.awaitExit(1_000);
        child.awaitStderr(300);
        if (cancelled || Children.shuttingDown()) {
            return new Failure("cancelled");
        }
        String when = readySeen ? "ended during the run" : "ended while starting";
        String how = child.isAlive() ? "" : " (" + child.exitDescription() + ")";
        String words = PythonErrors.cause(child.stderrLines());
        return new Failure(who() + " " + when + how + (words.isEmpty() ? "" : "; it said: " + words));
    }

    private String who() {
        return choice.interpreter().name() + " (pid " + pid + ")";
    }

    /** This run's Python program cannot go on; the message is one line. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }
}

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
import dev.corelanes.engine.process.BoundedLineReader;
import dev.corelanes.engine.process.ChildPipe;
import dev.corelanes.engine.process.ChildProcesses;
import dev.corelanes.engine.process.ClockSync;
import dev.corelanes.engine.process.StderrTail;
import dev.corelanes.engine.process.WorkerProcess;
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
import dev.corelanes.engine.python.PythonMessage.Worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an experiment in a real Python interpreter: the generated program ({@link PythonScript}) runs every
 * task itself — in threads, asyncio, or multiprocessing children, exactly as the Python code reads — and
 * reports spans over its stdout, which this class validates line by line and puts on the run's timeline.
 *
 * <p>Start-up and calibration happen in {@link #prepare}, before the run's clock starts, so the wall time
 * is the experiment's, as the program itself prints it. Nothing outlives the run: cancel sends {@code stop}
 * (the program ends its children and itself) and kills the whole process tree if it is still there
 * {@value #STOP_GRACE_MILLIS} ms later; if this JVM dies, the program sees its stdin close and does the same.
 */
public final class PythonBackend implements Backend {

    static final long STARTUP_TIMEOUT_MILLIS = 30_000;
    static final long STOP_GRACE_MILLIS = 350;
    static final int PINGS = 5;

    private final PythonChoice choice;
    private final ClockSync sync = new ClockSync();
    private final Object lifecycle = new Object();
    private volatile boolean cancelled;
    private volatile boolean readySeen;
    private volatile boolean timedOut;
    private Process process;
    /** The program's stdin and stdout; set once it has started. */
    private volatile ChildPipe pipe;
    private StderrTail stderr;
    private PythonConversation conversation;
    private Calibration calibration;
    private RunRuntime runtime;
    private long pid = -1;

    public PythonBackend(PythonChoice choice) {
        this.choice = choice;
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

    @Override
    public void prepare(ExperimentSpec spec) {
        PythonScript.check(spec);
        runtime = choice.runtime(spec.mode().processBased());
        conversation = new PythonConversation(spec.tasks());
        Path script = PythonScript.write(PythonScript.text(spec, choice.startMethod()));
        ProcessBuilder pb = new ProcessBuilder(choice.interpreter().path(), script.toString(), "--corelanes");
        pb.directory(script.getParent().toFile());
        // The program must behave as it does for the student: no inherited tracing or start-up hooks.
        pb.environment().remove("PYTHONSTARTUP");
        pb.environment().remove("PYTHONINSPECT");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        ThreadCpuClock.childEnvironment(pb.environment()); // a simulated coarse thread CPU clock, as in this JVM
        synchronized (lifecycle) {
            if (cancelled) {
                throw new PythonUnavailable("cancelled");
            }
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new PythonUnavailable("Cannot start " + choice.interpreter().path() + ": "
                        + InterpreterProbe.oneLine(e.getMessage()) + ".");
            }
            ChildProcesses.register(process);
        }
        pid = process.pid();
        pipe = new ChildPipe(process, PythonLineParser.MAX_LINE);
        stderr = StderrTail.start(process.getErrorStream(), "python");
        var watchdog = ChildProcesses.schedule(() -> {
            if (!readySeen && process.isAlive()) {
                timedOut = true;
                ChildProcesses.destroyTree(process);
            }
        }, STARTUP_TIMEOUT_MILLIS);
        process.onExit().thenRun(() -> watchdog.cancel(false));
        try {
            Hello hello = (Hello) next();
            pid = hello.pid();
            for (int seq = 1; seq <= PINGS; seq++) {
                conversation.pingSent(seq);
                long sent = System.nanoTime();
                send("ping " + seq);
                PythonMessage m = next();
                long received = System.nanoTime();
                if (!(m instanceof Pong p) || p.seq() != seq) {
                    throw violation("expected pong " + seq + ", got " + m.getClass().getSimpleName());
                }
                sync.sample(sent, p.t(), received);
            }
            conversation.prepareSent();
            send("prepare");
            PythonMessage m = next();
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

    @Override
    public void run(RunContext run) {
        Map<Integer, Long> starts = new HashMap<>();
        Map<Integer, String> workers = new HashMap<>();
        Map<String, Long> pids = new HashMap<>();
        long taskCpu = 0;
        try {
            conversation.runSent();
            send("run");
            while (true) {
                PythonMessage m = next();
                switch (m) {
                    case Worker w -> {
                        run.recordWorker(w.process() ? new WorkerInfo(w.name(), w.pid(), -1) : WorkerInfo.thread(w.name()));
                        if (w.process()) {
                            pids.put(w.name(), w.pid());
                        }
                    }
                    // As a JVM worker's bye does: the same worker, now with its peak memory.
                    case Memory mem -> run.recordWorker(new WorkerInfo(mem.worker(), pids.get(mem.worker()),
                            mem.peakRssBytes()));
                    case Start s -> {
                        starts.put(s.task(), at(run, s.t()));
                        workers.put(s.task(), s.worker());
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

    /** A child time on the run's timeline. */
    private static long at(RunContext run, long childNanos) {
        return Math.max(0, sync(run, childNanos));
    }

    private static long sync(RunContext run, long childNanos) {
        return childNanos - run.originNanos();
    }

    @Override
    public void cancel() {
        Process p;
        synchronized (lifecycle) {
            cancelled = true;
            p = process;
        }
        if (p == null) {
            return;
        }
        if (conversation != null) {
            conversation.stopSent();
        }
        ChildPipe cp = pipe;
        if (cp != null) {
            cp.stop("stop", STOP_GRACE_MILLIS, "corelanes-python-stop");
        } else { // started a moment ago: nothing to say to it yet, it goes after the grace
            ChildProcesses.schedule(() -> ChildProcesses.destroyTree(p), STOP_GRACE_MILLIS);
        }
    }

    /** Makes sure the program and everything it started are gone. */
    private void close() {
        Process p = process;
        if (p == null) {
            return;
        }
        ChildPipe cp = pipe;
        if (cp != null) {
            cp.closeInput(); // the program's cue to end its children and itself
        }
        try {
            if (!p.waitFor(1_000, TimeUnit.MILLISECONDS)) {
                ChildProcesses.destroyTree(p);
                p.waitFor(1_000, TimeUnit.MILLISECONDS);
            } else if (p.descendants().findAny().isPresent()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ChildProcesses.destroyTree(p);
        }
    }

    private void send(String line) {
        pipe.send(line);
    }

    /** The next valid message (times mapped to this JVM's clock), or a failure that says why there is none. */
    private PythonMessage next() throws Failure {
        String line;
        try {
            line = pipe.readLine();
        } catch (BoundedLineReader.LineTooLongException e) {
            throw violation(e.getMessage());
        }
        if (line == null) {
            throw gone();
        }
        PythonMessage m;
        try {
            m = conversation.accept(PythonLineParser.parse(line));
        } catch (PythonProtocolException e) {
            throw violation(e.getMessage());
        }
        if (m instanceof ErrorReport r) {
            ChildProcesses.destroyTree(process);
            throw new Failure("Python stopped with an error: " + r.text());
        }
        return mapTimes(m);
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
        ChildProcesses.destroyTree(process);
        return new Failure(who() + " broke the worker protocol: " + what);
    }

    /** The program closed its stdout: it ended, crashed or was killed. Say which, with its last words. */
    private Failure gone() {
        try {
            process.waitFor(1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stderr.awaitEnd(300);
        String when = timedOut ? "did not start within " + STARTUP_TIMEOUT_MILLIS / 1000 + " s"
                : readySeen ? "ended during the run" : "ended while starting";
        String how = process.isAlive() ? "" : " (" + WorkerProcess.exitDescription(process.exitValue()) + ")";
        String words = stderr.lastLines(2);
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

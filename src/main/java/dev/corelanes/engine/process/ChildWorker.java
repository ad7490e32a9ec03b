package dev.corelanes.engine.process;

import dev.corelanes.engine.ThreadCpuClock;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.OsThreadIds;
import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.PythonGil;
import dev.corelanes.engine.TaskBody;
import dev.corelanes.engine.TaskEnvironment;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskOutcome;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongSupplier;

/**
 * The worker inside a child process: says hello, answers pings, takes a config and then tasks one at a
 * time, runs each with {@link TaskBody} (the very code threads run) and reports spans as they happen.
 *
 * <p>Its stdin is its lifeline. A daemon thread reads it all the time: {@code stop} cancels the running
 * task at once; end of input means the parent is gone (even killed with -9), and the child halts.
 */
final class ChildWorker {

    private final String name;
    private final LongSupplier clock;
    private final ChildOutput out;
    private final InputStream in;
    /** The start-up cache's trainer: a JVM recording for an AOT cache (see {@link TrainingRun}). */
    private final boolean training;
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
    private final Thread taskThread = Thread.currentThread();
    private volatile boolean stopRequested;

    private CoreProbe probe;
    private Calibration calibration;
    private TaskKind kind;
    private double seconds;
    private PythonGil gil;

    ChildWorker(String name, LongSupplier clock, ChildOutput out) {
        this(name, clock, out, System.in, false);
    }

    /** A worker reading its commands from {@code in} (the trainer: a script, then its real stdin). */
    ChildWorker(String name, LongSupplier clock, ChildOutput out, InputStream in, boolean training) {
        this.name = name;
        this.clock = clock;
        this.out = out;
        this.in = in;
        this.training = training;
    }

    /** Serves the parent until told to finish; returns the exit code. */
    int serve() throws Exception {
        // Pay the one-off costs before hello, so they show in the spawning span and not in the first task.
        probe = startingProbe();
        Class.forName(TaskBody.class.getName(), true, ChildWorker.class.getClassLoader());
        // The clock of each task's CPU time: starting the management beans took 3-12 ms, inside the first task.
        ManagementFactory.getThreadMXBean();
        Thread.ofPlatform().daemon(true).name("corelanes-worker-stdin").start(this::readStdin);
        // This thread runs every task: its OS thread id is the one the kernel's record names the worker by.
        out.line(WorkerProtocol.hello(ProcessHandle.current().pid(), OsThreadIds.current()));
        while (true) {
            String command = nextCommand();
            String[] w = command.split(" ");
            switch (w[0]) {
                case WorkerProtocol.CONFIG -> configure(w);
                case WorkerProtocol.TASK -> runTask(w);
                case WorkerProtocol.DONE, WorkerProtocol.STOP -> {
                    out.line(WorkerProtocol.bye(processCpuNanos(), peakRssBytes()));
                    return 0;
                }
                default -> {
                    out.line(WorkerProtocol.error("unknown command '" + command + "'"));
                    return 2;
                }
            }
        }
    }

    /**
     * What the start-up cache's trainer ({@code --worker --train}) is told before its real stdin: the very
     * conversation of a run — pings, a compute task, one under the GIL, a sleep task, done — so that the JVM
     * records the classes and code of {@link #serve} itself (the stdin thread, pongs, hello, the task's CPU
     * clock) and not of a look-alike path. Tiny tasks: recording slows a JVM down.
     */
    static final String TRAINING_SCRIPT = String.join("\n",
            WorkerProtocol.ping(1), WorkerProtocol.ping(2), WorkerProtocol.ping(3), WorkerProtocol.ping(4),
            WorkerProtocol.config(100_000_000, TaskKind.COMPUTE, 0.02, false), WorkerProtocol.task(1),
            WorkerProtocol.config(100_000_000, TaskKind.COMPUTE, 0.02, true), WorkerProtocol.task(2),
            WorkerProtocol.config(100_000_000, TaskKind.SLEEP, 0.01, false), WorkerProtocol.task(3),
            WorkerProtocol.DONE) + "\n";

    /**
     * The core probe a worker starts with: on Linux {@code /proc/thread-self/stat}, which needs nothing set up
     * before {@code hello}; elsewhere the platform's native call ({@link CoreProbe#detect}).
     */
    static CoreProbe startingProbe() {
        return Host.workerCoreProbe();
    }

    /**
     * Compute tasks of at least this many seconds read the core with the native call. Measured in cold CLI
     * runs (benchmarks.md): binding it at {@code config} delayed the first task by ~0.1 s (the foreign
     * linker's classes are not in the worker's start-up cache), while reading the stat file cost ~0.5 % of a
     * compute second (~5 ms a second, at ~1 000 samples a second): the switch pays off from ~20 s.
     */
    static final double NATIVE_PROBE_SECONDS = 20;

    /**
     * The probe for tasks of {@code kind} and {@code seconds}: {@code current}, or for long compute tasks the
     * native call from {@code nativeProbe} when it reads a core (else {@code current} stays).
     */
    static CoreProbe probeFor(CoreProbe current, TaskKind kind, double seconds,
                              java.util.function.Supplier<CoreProbe> nativeProbe) {
        if (!current.slowPerCall() || kind != TaskKind.COMPUTE || seconds < NATIVE_PROBE_SECONDS) {
            return current;
        }
        CoreProbe p = nativeProbe.get();
        return p.available() ? p : current;
    }

    private String nextCommand() {
        while (true) {
            try {
                return commands.take();
            } catch (InterruptedException e) {
                // a stop's interrupt arrived between tasks; the stop command itself is queued
            }
        }
    }

    private void configure(String[] w) {
        if (w.length != 5 && w.length != 7) {
            throw new IllegalArgumentException("bad config line");
        }
        // The parent's speed: a task is the same work in every process. And its CPU clock's step: the same OS clock.
        ThreadCpuClock.Tick tick = w.length == 7 ? new ThreadCpuClock.Tick(Long.parseLong(w[5]), "1".equals(w[6]))
                : ThreadCpuClock.Tick.UNKNOWN;
        calibration = new Calibration(Long.parseLong(w[1]), 0, tick);
        kind = TaskKind.parse(w[2]);
        seconds = Double.parseDouble(w[3]);
        probe = probeFor(probe, kind, seconds, Host::coreProbe);
        // Every process is its own interpreter, with its own lock: processes compute in parallel.
        gil = "1".equals(w[4]) ? new PythonGil() : null;
    }

    private void runTask(String[] w) {
        if (calibration == null || w.length != 2) {
            throw new IllegalArgumentException("task before config, or bad task line");
        }
        int task = Integer.parseInt(w[1]);
        long start = clock.getAsLong();
        out.line(WorkerProtocol.start(task, start));
        TaskEnvironment env = new TaskEnvironment(calibration, probe, gil, out, clock, () -> stopRequested);
        TaskOutcome outcome = TaskBody.run(task, name, kind, seconds, env);
        Thread.interrupted(); // a stop's interrupt has done its job (woken a sleep)
        out.line(WorkerProtocol.end(task, outcome.status(), outcome.cpuNanos(), clock.getAsLong()));
    }

    private void readStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(WorkerProtocol.PING + " ")) {
                    // Answered here, not queued: the round trip must be as short as possible.
                    out.line(WorkerProtocol.pong(Long.parseLong(line.substring(5).trim()), clock.getAsLong()));
                } else if (line.equals(WorkerProtocol.STOP)) {
                    stopRequested = true;
                    taskThread.interrupt();
                    commands.add(line);
                } else {
                    commands.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: without a readable stdin the parent cannot reach us any more
        }
        // End of stdin: the parent is gone (or gave up on us). Never outlive it.
        if (training) {
            TrainingRun.abandon(); // halt would still write the record, for nobody
        }
        Runtime.getRuntime().halt(0);
    }

    /** CPU time of this whole process (start-up, JIT and GC included), -1 when the OS does not say. */
    static long processCpuNanos() {
        // ProcessHandle reads /proc/self/stat; the JMX bean would load ~10 ms of classes first.
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * The peak resident set of this process, -1 where the OS does not say: Linux's VmHWM (read from /proc, so a
     * worker loads no JNA for it), Windows's peak working set, macOS's ru_maxrss ({@link Host#memory()}).
     */
    static long peakRssBytes() {
        return Host.memory().peakOfSelf();
    }
}

package dev.corelanes.engine.lab;

import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.process.WorkerPing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Measures, on this machine, what the lesson is about: what creating a thread, a virtual thread and a
 * process costs, and what a message between threads and between processes costs. Each cost gets a
 * warm-up, then several repetitions; the caller shows median and spread, and {@code OverheadFindings}
 * says what the figures show — whichever way they come out.
 *
 * <p>Runs on the caller's thread (never the UI thread), reports progress, and stops between samples when
 * {@code cancelled} turns true.
 */
public final class OverheadLab {

    /** Receives progress 0..1 and the name of what is being measured. */
    public interface Progress {
        void update(double fraction, String what);
    }

    /** Thrown when the lab was cancelled; what was measured so far is dropped. */
    public static final class Cancelled extends Exception {
        public Cancelled() {
            super("cancelled");
        }
    }

    /**
     * Names of the measurements, in the order {@link #measureAll} returns them: each says what was timed (the
     * bar's label, the CSV's and the command line's row), its {@link Measurement#description()} how.
     */
    public static final String PLATFORM_THREAD = "start a platform thread";
    public static final String VIRTUAL_THREAD = "start a virtual thread";
    public static final String WORKER_JVM = "start a worker JVM";
    public static final String NATIVE_PROCESS = "start a native process";
    public static final String THREAD_HAND_OFF = "thread round trip: park/unpark";
    public static final String THREAD_QUEUES = "thread round trip: 2 queues";
    public static final String PIPE_CAT = "pipe round trip: cat";
    public static final String PIPE_WORKER = "pipe round trip: worker JVM";
    public static final List<String> NAMES = List.of(PLATFORM_THREAD, VIRTUAL_THREAD, WORKER_JVM, NATIVE_PROCESS,
            THREAD_HAND_OFF, THREAD_QUEUES, PIPE_CAT, PIPE_WORKER);

    private final int repetitions;
    private final Supplier<ProcessBuilder> workerCommand;
    private final BooleanSupplier cancelled;
    private final Progress progress;

    /**
     * @param repetitions   samples per measurement (after warm-up); cheap ones take 20× as many
     * @param workerCommand how to start a CoreLanes worker JVM that prints a line once it runs, or null
     */
    public OverheadLab(int repetitions, Supplier<ProcessBuilder> workerCommand, BooleanSupplier cancelled,
                       Progress progress) {
        if (repetitions < 3 || repetitions > 1000) {
            throw new IllegalArgumentException("repetitions must be 3–1000");
        }
        this.repetitions = repetitions;
        this.workerCommand = workerCommand;
        this.cancelled = cancelled;
        this.progress = progress;
    }

    public List<Measurement> measureAll() throws Cancelled {
        List<Measure> steps = List.of(this::platformThread, this::virtualThread, this::workerJvm, this::nativeProcess,
                this::threadHandOff, this::threadRoundTrip, this::pipeRoundTrip, this::workerRoundTrip);
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            progress.update((double) i / steps.size(), NAMES.get(i));
            out.add(steps.get(i).measure());
        }
        progress.update(1, "done");
        return out;
    }

    private interface Measure {
        Measurement measure() throws Cancelled;
    }

    private void check() throws Cancelled {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    // ------------------------------------------------------------------ creation

    public Measurement platformThread() throws Cancelled {
        return timeThreads(PLATFORM_THREAD, "an OS thread: create, start, join",
                () -> Thread.ofPlatform().unstarted(OverheadLab::nothing));
    }

    public Measurement virtualThread() throws Cancelled {
        return timeThreads(VIRTUAL_THREAD, "made by the JVM: create, start, join",
                () -> Thread.ofVirtual().unstarted(OverheadLab::nothing));
    }

    private static void nothing() {
    }

    /**
     * One sample = a batch of threads created, started and joined, divided by the batch size. Timing one
     * thread alone would mostly measure how fast the OS wakes the joining thread (~50 µs on a VM), not
     * what a thread costs.
     */
    private Measurement timeThreads(String name, String what, Supplier<Thread> make) throws Cancelled {
        int batch = 100;
        int n = repetitions * 2;
        Thread[] threads = new Thread[batch];
        Step oneBatch = () -> {
            for (int j = 0; j < batch; j++) {
                threads[j] = make.get();
                threads[j].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        };
        warmUp(oneBatch);
        List<Long> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            check();
            long t0 = System.nanoTime();
            run(oneBatch);
            samples.add((System.nanoTime() - t0) / batch);
        }
        return new Measurement(name, what + "; " + batch + " at a time", samples, true, "");
    }

    private static void run(Step step) throws Cancelled {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Repeats a step for ~150 ms so the JIT has compiled it before anything is timed. */
    private void warmUp(Step step) throws Cancelled {
        long until = System.nanoTime() + 150_000_000L;
        try {
            for (int i = 0; System.nanoTime() < until; i++) {
                if (i % 50 == 0) {
                    check();
                }
                step.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } catch (Cancelled e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Start → first line on stdout → exit, of a CoreLanes worker JVM. */
    public Measurement workerJvm() throws Cancelled {
        String what = "a CoreLanes worker, until its first line";
        if (workerCommand == null) {
            return Measurement.unavailable(WORKER_JVM, what, "worker processes are not available here");
        }
        return timeProcesses(WORKER_JVM, what, workerCommand, Math.max(3, repetitions / 2), true);
    }

    /** Start → exit of the smallest native program the OS has. */
    public Measurement nativeProcess() throws Cancelled {
        String what;
        Supplier<ProcessBuilder> cmd;
        if (Files.isExecutable(Path.of("/bin/true"))) {
            what = "/bin/true, until it has exited";
            cmd = () -> new ProcessBuilder("/bin/true");
        } else if (Os.current().isWindows()) {
            what = "cmd /c exit, until it has exited";
            cmd = () -> new ProcessBuilder("cmd", "/c", "exit");
        } else {
            return Measurement.unavailable(NATIVE_PROCESS, "the smallest program, until it has exited",
                    "no /bin/true or cmd on this OS");
        }
        return timeProcesses(NATIVE_PROCESS, what, cmd, repetitions * 2, false);
    }

    private Measurement timeProcesses(String name, String what, Supplier<ProcessBuilder> cmd, int n,
                                      boolean untilFirstLine) throws Cancelled {
        List<Long> samples = new ArrayList<>(n);
        int warmup = 2;
        for (int i = 0; i < n + warmup; i++) {
            check();
            Process p = null;
            try {
                ProcessBuilder pb = cmd.get().redirectError(ProcessBuilder.Redirect.DISCARD);
                long t0 = System.nanoTime();
                p = dev.corelanes.engine.child.Children.start(pb);
                long dt;
                if (untilFirstLine) {
                    InputStream in = p.getInputStream();
                    int b;
                    while ((b = in.read()) != -1 && b != '\n') {
                        // read up to the end of the first line
                    }
                    dt = System.nanoTime() - t0;
                    if (b == -1) {
                        return Measurement.unavailable(name, what, "the worker exited without a message");
                    }
                    p.getOutputStream().close(); // a worker exits when its stdin closes
                } else {
                    p.waitFor();
                    dt = System.nanoTime() - t0;
                }
                if (i >= warmup) {
                    samples.add(dt);
                }
            } catch (IOException e) {
                return Measurement.unavailable(name, what, "could not start it: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            } finally {
                if (p != null) {
                    dev.corelanes.engine.child.Children.killTree(p);
                    try {
                        p.waitFor();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        return new Measurement(name, what, samples, true, "");
    }

    // ------------------------------------------------------------------ messages

    /**
     * A turn handed to another thread and back with nothing but a volatile turn and
     * {@link LockSupport#park}/{@link LockSupport#unpark}: each side parks at once while it waits, so what is
     * timed is mostly the OS waking a thread, twice. (Not always the cheapest: a queue that spins before it
     * parks can beat it when both threads have a CPU — the findings say which it was.)
     */
    public Measurement threadHandOff() throws Cancelled {
        Thread caller = Thread.currentThread();
        // turn: 1 = the echo's turn, 0 = the caller's; each side parks until it is its turn.
        AtomicInteger turn = new AtomicInteger(0);
        AtomicBoolean stop = new AtomicBoolean();
        Thread echo = Thread.ofPlatform().daemon(true).name("echo").start(() -> {
            while (!stop.get()) {
                if (turn.get() == 1) {
                    turn.set(0);
                    LockSupport.unpark(caller);
                } else {
                    LockSupport.park(turn);
                }
            }
        });
        Step once = () -> {
            turn.set(1);
            LockSupport.unpark(echo);
            while (turn.get() != 0) {
                LockSupport.park(turn);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        };
        try {
            return new Measurement(THREAD_HAND_OFF,
                    "a turn there and back; each side parks until woken",
                    timeRoundTrips(once), true, "");
        } finally {
            stop.set(true);
            LockSupport.unpark(echo);
        }
    }

    /** A token handed to another thread and back through two queues, as most programs would write it. */
    public Measurement threadRoundTrip() throws Cancelled {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        Thread echo = Thread.ofPlatform().daemon(true).name("echo").start(() -> {
            try {
                while (true) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        try {
            return new Measurement(THREAD_QUEUES, "a value there and back, two SynchronousQueues",
                    timeRoundTrips(() -> {
                        ping.put(1);
                        pong.take();
                    }), true, "");
        } finally {
            echo.interrupt();
        }
    }

    /** Warm-up, then {@code repetitions × 100} timed round trips. */
    private List<Long> timeRoundTrips(Step once) throws Cancelled {
        warmUp(once);
        int n = repetitions * 100;
        List<Long> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (i % 200 == 0) {
                check();
            }
            long t0 = System.nanoTime();
            run(once);
            samples.add(System.nanoTime() - t0);
        }
        return samples;
    }

    /** One byte to a child process and back, through its stdin and stdout pipes ({@code cat} echoes it). */
    public Measurement pipeRoundTrip() throws Cancelled {
        String what = "one byte to cat (another process) and back";
        if (!Files.isExecutable(Path.of("/bin/cat"))) {
            return Measurement.unavailable(PIPE_CAT, what, "no /bin/cat on this OS");
        }
        Process p;
        try {
            p = dev.corelanes.engine.child.Children.start(new ProcessBuilder("/bin/cat").redirectError(ProcessBuilder.Redirect.DISCARD));
        } catch (IOException e) {
            return Measurement.unavailable(PIPE_CAT, what, "could not start /bin/cat: " + e.getMessage());
        }
        try (OutputStream out = p.getOutputStream(); InputStream in = p.getInputStream()) {
            return new Measurement(PIPE_CAT, what, timeRoundTrips(() -> {
                out.write('x');
                out.flush();
                if (in.read() < 0) {
                    throw new IOException("the child closed the pipe");
                }
            }), true, "");
        } catch (IOException | IllegalStateException e) {
            return Measurement.unavailable(PIPE_CAT, what, "pipe failed: " + rootMessage(e));
        } finally {
            end(p);
        }
    }

    /**
     * A ping to a CoreLanes worker JVM and its pong back, through the same pipes and the same line protocol
     * real workers use (the parent pings each worker this way during its handshake).
     */
    public Measurement workerRoundTrip() throws Cancelled {
        String what = "a ping line and its pong, the worker protocol";
        if (workerCommand == null) {
            return Measurement.unavailable(PIPE_WORKER, what, "worker processes are not available here");
        }
        Process p = null;
        try {
            p = dev.corelanes.engine.child.Children.start(workerCommand.get().redirectError(ProcessBuilder.Redirect.DISCARD));
            OutputStream out = p.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            String hello = in.readLine();
            if (hello == null || !WorkerPing.isHello(hello)) {
                return Measurement.unavailable(PIPE_WORKER, what, "the worker did not say hello");
            }
            long[] seq = {0};
            List<Long> samples = timeRoundTrips(() -> {
                long s = ++seq[0];
                out.write(WorkerPing.request(s));
                out.flush();
                String line = in.readLine();
                if (line == null || !WorkerPing.answers(line, s)) {
                    throw new IOException(line == null ? "the worker exited" : "the worker answered something else");
                }
            });
            return new Measurement(PIPE_WORKER, what, samples, true, "");
        } catch (IOException | IllegalStateException e) {
            return Measurement.unavailable(PIPE_WORKER, what, "could not talk to it: " + rootMessage(e));
        } finally {
            if (p != null) {
                end(p);
            }
        }
    }

    private static String rootMessage(Exception e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Kills a child and waits until it is gone (a child still exiting would outlive the lab for a moment). */
    private static void end(Process p) {
        dev.corelanes.engine.child.Children.killTree(p);
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

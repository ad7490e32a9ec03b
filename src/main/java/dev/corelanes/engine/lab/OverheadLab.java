package dev.corelanes.engine.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Measures, on this machine, what the lesson claims: creating a process costs far more than creating a
 * thread, and a virtual thread less still; passing a message between processes costs more than between
 * threads. Each cost gets a warm-up, then several repetitions; the caller shows median and spread.
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
        List<Measurement> out = new ArrayList<>();
        int steps = 6;
        progress.update(0, "platform thread");
        out.add(platformThread());
        progress.update(1.0 / steps, "virtual thread");
        out.add(virtualThread());
        progress.update(2.0 / steps, "worker JVM");
        out.add(workerJvm());
        progress.update(3.0 / steps, "native process");
        out.add(nativeProcess());
        progress.update(4.0 / steps, "thread round trip");
        out.add(threadRoundTrip());
        progress.update(5.0 / steps, "pipe round trip");
        out.add(pipeRoundTrip());
        progress.update(1, "done");
        return out;
    }

    private void check() throws Cancelled {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    // ------------------------------------------------------------------ creation

    public Measurement platformThread() throws Cancelled {
        return timeThreads("platform thread", "create + start + join a platform (OS) thread",
                () -> Thread.ofPlatform().unstarted(OverheadLab::nothing));
    }

    public Measurement virtualThread() throws Cancelled {
        return timeThreads("virtual thread", "create + start + join a virtual thread",
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
        return new Measurement(name, what + " (batches of " + batch + ")", samples, true, "");
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
        String what = "start a CoreLanes worker JVM until its first message";
        if (workerCommand == null) {
            return Measurement.unavailable("worker JVM", what, "worker processes are not available here");
        }
        return timeProcesses("worker JVM", what, workerCommand, Math.max(3, repetitions / 2), true);
    }

    /** Start → exit of the smallest native program the OS has. */
    public Measurement nativeProcess() throws Cancelled {
        String what;
        Supplier<ProcessBuilder> cmd;
        if (Files.isExecutable(Path.of("/bin/true"))) {
            what = "start /bin/true and wait for it to exit";
            cmd = () -> new ProcessBuilder("/bin/true");
        } else if (System.getProperty("os.name", "").startsWith("Windows")) {
            what = "start cmd /c exit and wait for it to exit";
            cmd = () -> new ProcessBuilder("cmd", "/c", "exit");
        } else {
            return Measurement.unavailable("native process", "start a minimal native process",
                    "no /bin/true or cmd on this OS");
        }
        return timeProcesses("native process", what, cmd, repetitions * 2, false);
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
                p = pb.start();
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
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
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

    /** A token handed to another thread and back through a queue. */
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
        int n = repetitions * 100;
        List<Long> samples = new ArrayList<>(n);
        try {
            warmUp(() -> {
                ping.put(0);
                pong.take();
            });
            for (int i = 0; i < n; i++) {
                if (i % 200 == 0) {
                    check();
                }
                long t0 = System.nanoTime();
                ping.put(i);
                pong.take();
                samples.add(System.nanoTime() - t0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } finally {
            echo.interrupt();
        }
        return new Measurement("thread round trip", "hand a value to another thread and back (queues)", samples,
                true, "");
    }

    /** One byte to a child process and back, through its stdin and stdout pipes ({@code cat} echoes it). */
    public Measurement pipeRoundTrip() throws Cancelled {
        String what = "send one byte to a child process and back through pipes";
        if (!Files.isExecutable(Path.of("/bin/cat"))) {
            return Measurement.unavailable("pipe round trip", what, "no /bin/cat on this OS");
        }
        Process p;
        try {
            p = new ProcessBuilder("/bin/cat").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Measurement.unavailable("pipe round trip", what, "could not start /bin/cat: " + e.getMessage());
        }
        int n = repetitions * 100;
        List<Long> samples = new ArrayList<>(n);
        try (OutputStream out = p.getOutputStream(); InputStream in = p.getInputStream()) {
            for (int i = 0; i < n * 2; i++) {
                if (i % 200 == 0) {
                    check();
                }
                long t0 = System.nanoTime();
                out.write('x');
                out.flush();
                if (in.read() < 0) {
                    return Measurement.unavailable("pipe round trip", what, "the child closed the pipe");
                }
                long dt = System.nanoTime() - t0;
                if (i >= n) {
                    samples.add(dt);
                }
            }
        } catch (IOException e) {
            return Measurement.unavailable("pipe round trip", what, "pipe failed: " + e.getMessage());
        } finally {
            p.destroyForcibly();
            // Wait until it is gone: returning with cat still exiting leaves a live child for a moment
            // (seen as a flaky "cat was stopped" on a loaded machine).
            try {
                p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Measurement("pipe round trip", what, samples, true, "");
    }
}

package dev.corelanes.engine.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * A process has its own memory: each child increments its own copy of the counter; the parent's copy
 * stays 0, and the parent learns each child's value only from the message the child sends over its pipe.
 */
public final class ProcessCounterLab {

    private final int processes;
    private final long perProcess;
    private final Function<List<String>, ProcessBuilder> command;
    private final AtomicLongArray seen;
    private final List<Process> children = new ArrayList<>();
    private volatile boolean cancelled;
    /** The parent's own counter: nobody increments it, because the children cannot reach it. */
    private long parentCounter;

    /**
     * @param command makes a process that runs CoreLanes with the given arguments (the worker relaunch)
     */
    public ProcessCounterLab(int processes, long perProcess, Function<List<String>, ProcessBuilder> command) {
        if (processes < 1 || processes > 16) {
            throw new IllegalArgumentException("Processes must be between 1 and 16 (got " + processes + ").");
        }
        if (perProcess < 1 || perProcess > 100_000_000L) {
            throw new IllegalArgumentException("Increments per process must be between 1 and 100000000 (got "
                    + perProcess + ").");
        }
        this.processes = processes;
        this.perProcess = perProcess;
        this.command = command;
        this.seen = new AtomicLongArray(processes);
    }

    /** What each child last reported seeing in its own counter. */
    public long[] seen() {
        long[] v = new long[processes];
        for (int i = 0; i < processes; i++) {
            v[i] = seen.get(i);
        }
        return v;
    }

    public void cancel() {
        cancelled = true;
        destroyAll();
    }

    public CounterResult run() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long[] finals = new long[processes];
        long[] rss = new long[processes];
        long[] unique = new long[processes];
        List<Thread> readers = new ArrayList<>();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < processes; i++) {
                ProcessBuilder pb = command.apply(List.of("--counter-worker", Long.toString(perProcess)))
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                Process p = dev.corelanes.engine.child.Children.start(pb);
                synchronized (children) {
                    children.add(p);
                }
                int index = i;
                readers.add(Thread.ofPlatform().daemon(true).name("counter-reader-" + (i + 1))
                        .start(() -> read(p, index, finals, rss, unique, errors)));
            }
            for (Thread r : readers) {
                r.join();
            }
        } finally {
            destroyAll();
        }
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
        if (!errors.isEmpty()) {
            throw new IOException(errors.get(0));
        }
        List<Long> values = new ArrayList<>();
        List<Long> resident = new ArrayList<>();
        List<Long> own = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            values.add(finals[i]);
            resident.add(rss[i]);
            own.add(unique[i]);
        }
        return new CounterResult(true, CounterGuard.NONE, processes, perProcess, perProcess, values, parentCounter,
                CounterMemory.processes(resident, own), System.nanoTime() - t0);
    }

    /** Reads one child's lines: "seen N" as it goes, then "done N rss BYTES unique BYTES" (see CounterWorker). */
    private void read(Process p, int index, long[] finals, long[] rss, long[] unique, List<String> errors) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.trim().split(" ");
                if (f.length == 2 && f[0].equals("seen")) {
                    seen.set(index, Long.parseLong(f[1]));
                } else if (f.length == 6 && f[0].equals("done") && f[2].equals("rss") && f[4].equals("unique")) {
                    finals[index] = Long.parseLong(f[1]);
                    seen.set(index, finals[index]);
                    rss[index] = Long.parseLong(f[3]);
                    unique[index] = Long.parseLong(f[5]);
                    return;
                } else {
                    errors.add("child " + (index + 1) + " sent an unexpected line: " + abbreviate(line));
                    return;
                }
            }
            if (!cancelled) {
                errors.add("child " + (index + 1) + " exited without its total");
            }
        } catch (IOException | NumberFormatException e) {
            if (!cancelled) {
                errors.add("child " + (index + 1) + ": " + e.getMessage());
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private void destroyAll() {
        List<Process> copy;
        synchronized (children) {
            copy = new ArrayList<>(children);
        }
        for (Process p : copy) {
            dev.corelanes.engine.child.Children.killTree(p);
        }
        for (Process p : copy) {
            try {
                p.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

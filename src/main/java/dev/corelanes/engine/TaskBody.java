package dev.corelanes.engine;

/**
 * The code of one task — the same whether a platform thread, a virtual thread or a child process runs it.
 * Compute tasks run the kernel in ~1 ms chunks and read the core after each chunk, and read the clock every
 * ~10 µs within a chunk to place a preemption exactly ({@link OffCpuWatch}); sleep tasks sleep.
 */
public final class TaskBody {

    private TaskBody() {
    }

    public static TaskOutcome run(int task, String worker, TaskKind kind, double seconds, TaskEnvironment env) {
        // The task's own CPU time, apart from the runtime's (creating its thread, JIT, GC): see TaskCpu.
        TaskCpu cpu = TaskCpu.start();
        TaskStatus status = kind == TaskKind.SLEEP
                ? sleep(task, worker, seconds, env, cpu)
                : compute(task, worker, seconds, env, cpu);
        return new TaskOutcome(status, cpu.stop());
    }

    private static TaskStatus sleep(int task, String worker, double seconds, TaskEnvironment env, TaskCpu cpu) {
        long start = env.clock().getAsLong();
        env.sink().opened(new Span(task, worker, Span.NO_CORE, SpanState.SLEEPING, start, start));
        long nanos = Math.round(seconds * 1e9);
        TaskStatus status = TaskStatus.COMPLETED;
        try {
            if (env.cancelled().getAsBoolean()) {
                status = TaskStatus.CANCELLED;
            } else {
                cpu.pause(); // a virtual thread leaves its carrier while it sleeps
                try {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                } finally {
                    cpu.resume();
                }
            }
        } catch (InterruptedException e) {
            status = TaskStatus.CANCELLED;
        }
        env.sink().accept(new Span(task, worker, Span.NO_CORE, SpanState.SLEEPING, start, env.clock().getAsLong()));
        return status;
    }

    private static TaskStatus compute(int task, String worker, double seconds, TaskEnvironment env, TaskCpu cpu) {
        Calibration cal = env.calibration();
        long total = cal.stepsFor(seconds);
        // ~1 ms of work between two core samples.
        int chunk = OffCpuWatch.chunkSteps(cal.stepsPerSecond());
        long period = Math.max(1, Math.round(chunk * 1e9 / cal.stepsPerSecond()));
        CoreSampler sampler = new CoreSampler(env.sink(), task, worker, period, CoreSampler.defaultGap(period));
        Progress p = new Progress(ComputeKernel.seed(task), total,
                new OffCpuWatch(cal.stepsPerSecond(), OffCpuWatch.stretchSteps(chunk)), period, gapCpuClock(cal));
        TaskStatus status;
        try {
            status = env.gil() == null ? computeFree(p, chunk, sampler, env)
                    : computeUnderGil(task, worker, p, chunk, sampler, env, cpu);
        } catch (InterruptedException e) {
            status = TaskStatus.CANCELLED;
        } finally {
            sampler.finish();
        }
        ComputeKernel.publish(p.x);
        return status;
    }

    /** Mutable state of one compute task: the kernel value, the steps still to do, and its off-CPU watch. */
    private static final class Progress {
        long x;
        long remaining;
        final OffCpuWatch watch;
        /** How long a chunk's work takes at the calibrated pace: a core sample at least this often. */
        final long period;
        /** The thread's CPU clock where it is fine enough to place a gap's end ({@link OffCpuWatch#resumeAt}), else -1. */
        final java.util.function.LongSupplier cpu;

        Progress(long seed, long steps, OffCpuWatch watch, long period, java.util.function.LongSupplier cpu) {
            x = seed;
            remaining = steps;
            this.watch = watch;
            this.period = period;
            this.cpu = cpu;
        }
    }

    /**
     * The clock that tells how long a gap's thread was on its CPU: a platform thread's own CPU clock where it
     * steps finely (Linux, macOS: nanoseconds; not Windows' 15.6 ms ticks, nor their simulation). A virtual thread's
     * CPU time is its carrier's, read elsewhere (TaskCpu): no placement there.
     *
     * <p>Read only at a task's start and after each gap, never on a schedule: on Linux reading a running thread's own
     * CPU clock brings the scheduler's books up to date, and the scheduler then ends the thread's slice at that read
     * instead of at the next tick. Read every millisecond, it halved the slices of four threads on two CPUs (held
     * against the kernel's switch records: 262 instead of 145 per thread) — the measurement changing what it measures.
     */
    private static java.util.function.LongSupplier gapCpuClock(Calibration cal) {
        ThreadCpuClock.Tick tick = cal.cpuTick();
        boolean fine = tick.known() && !tick.simulated() && tick.nanos() <= OffCpuWatch.FINE_CPU_TICK_NANOS;
        return fine && !Thread.currentThread().isVirtual() ? ThreadCpuClock::currentThreadNanos : () -> -1;
    }

    /** Marks a cancelled step: clock readings are never negative. */
    private static final long CANCELLED = -1;

    /**
     * One ~1 ms chunk of kernel work, then a core sample. Returns the time of the sample, or
     * {@link #CANCELLED} (with the running span closed) when the run was cancelled before the chunk.
     */
    private static long step(Progress p, int chunk, CoreSampler sampler, TaskEnvironment env) {
        if (env.cancelled().getAsBoolean()) {
            sampler.pause(env.clock().getAsLong());
            return CANCELLED;
        }
        spin(p, (int) Math.min(chunk, p.remaining), null, sampler, env);
        long now = p.watch.last();
        sampler.sample(now, env.probe().currentCore());
        return now;
    }

    /**
     * Up to {@code n} kernel steps in stretches of {@link OffCpuWatch#stretch()}, the clock read after each, and no
     * longer than one sampling period by those readings: while a worker JVM's kernel is still interpreted the stretch
     * shrinks on the way, and the steps alone kept the next core sample away for several milliseconds, which the
     * lanes took for a preemption. A stretch the thread spent mostly off the CPU is reported to the sampler as a
     * preemption, exactly there. Under the GIL the drop request is checked every {@link #GIL_CHECK_STEPS} and stops
     * the work early. Returns the steps done; the last reading is {@code p.watch.last()}.
     */
    private static int spin(Progress p, int n, PythonGil gil, CoreSampler sampler, TaskEnvironment env) {
        int done = 0;
        long until = p.watch.last() + p.period;
        while (done < n && p.watch.last() < until && (gil == null || !gil.dropRequested())) {
            int k = Math.min(p.watch.stretch(), n - done);
            if (gil == null) {
                p.x = ComputeKernel.spin(p.x, k);
            } else {
                int d = 0;
                while (d < k && !gil.dropRequested()) {
                    int m = Math.min(GIL_CHECK_STEPS, k - d);
                    p.x = ComputeKernel.spin(p.x, m);
                    d += m;
                }
                k = d;
            }
            done += k;
            long now = env.clock().getAsLong();
            if (p.watch.offCpu(now, k) || p.watch.firstUnjudged() && p.watch.firstOffCpu(p.cpu.getAsLong())) {
                sampler.offCpu(p.watch.before(), p.watch.resumeAt(p.cpu.getAsLong()), env.probe().currentCore());
            }
        }
        p.remaining -= done;
        return done;
    }

    /** The task starts running now: a run in the sampler, and the off-CPU watch measuring from here. */
    private static void begin(Progress p, CoreSampler sampler, TaskEnvironment env) {
        long now = env.clock().getAsLong();
        sampler.begin(now, env.probe().currentCore());
        // The stretches are measured from after the sampler's own work (a core read, the span's line): in a worker
        // JVM's first task it took milliseconds, which the first stretch then carried, and a preemption in it
        // could not be placed.
        long after = env.clock().getAsLong();
        p.watch.from(after);
        p.watch.mark(after, p.cpu.getAsLong());
    }

    private static TaskStatus computeFree(Progress p, int chunk, CoreSampler sampler, TaskEnvironment env) {
        begin(p, sampler, env);
        while (p.remaining > 0) {
            if (step(p, chunk, sampler, env) == CANCELLED) {
                return TaskStatus.CANCELLED;
            }
        }
        sampler.pause(env.clock().getAsLong());
        return TaskStatus.COMPLETED;
    }

    /**
     * Compute under the GIL, as a CPython thread: hold it while computing, check its drop request often
     * (CPython checks between bytecodes), and when a waiter asked, hand over and wait for the next turn.
     * The 5 ms rhythm comes from the waiter's timer inside {@link PythonGil}, not from here.
     */
    private static TaskStatus computeUnderGil(int task, String worker, Progress p, int chunk, CoreSampler sampler,
                                              TaskEnvironment env, TaskCpu cpu) throws InterruptedException {
        PythonGil gil = env.gil();
        try {
            acquire(task, worker, gil, env, false, cpu);
            begin(p, sampler, env);
            while (p.remaining > 0) {
                if (env.cancelled().getAsBoolean()) {
                    sampler.pause(env.clock().getAsLong());
                    return TaskStatus.CANCELLED;
                }
                spin(p, (int) Math.min(chunk, p.remaining), gil, sampler, env);
                long now = p.watch.last();
                sampler.sample(now, env.probe().currentCore());
                if (gil.dropRequested() && p.remaining > 0) {
                    sampler.pause(now);
                    acquire(task, worker, gil, env, true, cpu);
                    begin(p, sampler, env);
                }
            }
            sampler.pause(env.clock().getAsLong());
            return TaskStatus.COMPLETED;
        } finally {
            cpu.pause(); // the GIL's locks may park a virtual thread
            gil.release();
            cpu.resume();
        }
    }

    /**
     * Steps between two looks at the drop request: a few microseconds of work, so a hand-over starts about
     * as soon as in CPython (whose eval loop checks between bytecodes), not a whole 1 ms chunk later.
     */
    private static final int GIL_CHECK_STEPS = 4_096;

    /** Takes the GIL, or hands it over and takes it back; a GIL-wait span covers any time spent waiting. */
    private static void acquire(int task, String worker, PythonGil gil, TaskEnvironment env, boolean handOver,
                                TaskCpu cpu) throws InterruptedException {
        cpu.pause(); // taking the GIL may park a virtual thread: it may come back on another carrier
        try {
            acquireOrHandOver(task, worker, gil, env, handOver);
        } finally {
            cpu.resume();
        }
    }

    private static void acquireOrHandOver(int task, String worker, PythonGil gil, TaskEnvironment env,
                                          boolean handOver) throws InterruptedException {
        if (!handOver && gil.tryAcquire()) {
            return;
        }
        long start = env.clock().getAsLong();
        env.sink().opened(new Span(task, worker, Span.NO_CORE, SpanState.GIL_WAIT, start, start));
        try {
            if (handOver) {
                gil.yieldTurn();
            } else {
                gil.acquire();
            }
        } finally {
            env.sink().accept(new Span(task, worker, Span.NO_CORE, SpanState.GIL_WAIT, start, env.clock().getAsLong()));
        }
    }
}

package dev.corelanes.engine;

/**
 * Turns the per-millisecond core samples of one task into live spans (what the window draws while a run
 * goes on), and keeps the samples themselves as evidence: {@link CpuLanes} later rebuilds the final lanes
 * from the samples of every task together, so that one core never shows two tasks at once (one task alone
 * cannot know when another took its core).
 *
 * <p>The live spans: consecutive samples on one core merge into one {@code running} span, which ends at
 * the last sample there; a change of core starts a new one; a gap between samples much longer than the
 * sampling period means the thread was off the CPU, recorded as {@code preempted}. The compute loop reads
 * the clock many times between two samples and reports a preemption it sees there exactly ({@link #offCpu}):
 * the run ends at the last reading before it and starts again at the first after. A gap only the samples
 * show (too short for the loop's threshold, or a loop that does not look) cannot be placed: the work of one
 * period is placed before the sample that follows the gap, a resolution of one sampling period (about
 * 1 ms). Not thread-safe: one per task.
 */
public final class CoreSampler {

    private final SpanSink sink;
    private final int task;
    private final String worker;
    private final long periodNanos;
    private final long gapNanos;
    /** Samples not yet handed to the sink; bounded so a long task never holds many in memory. */
    private final java.util.List<CoreSample> samples = new java.util.ArrayList<>();
    static final int BATCH = 1024;

    private boolean open;
    private int openCore;
    private long openStart;
    private long lastSample;

    /**
     * @param periodNanos how long one sample's work takes on an undisturbed core
     * @param gapNanos    a gap between samples longer than this counts as preemption
     */
    public CoreSampler(SpanSink sink, int task, String worker, long periodNanos, long gapNanos) {
        if (periodNanos <= 0 || gapNanos <= periodNanos) {
            throw new IllegalArgumentException("need 0 < period < gap, got " + periodNanos + ", " + gapNanos);
        }
        this.sink = sink;
        this.task = task;
        this.worker = worker;
        this.periodNanos = periodNanos;
        this.gapNanos = gapNanos;
    }

    /** The default preemption threshold: 2.5 sampling periods. */
    public static long defaultGap(long periodNanos) {
        return periodNanos * 5 / 2;
    }

    /** The task starts (or resumes after a GIL wait) running on {@code core} at {@code now}. */
    public void begin(long now, int core) {
        if (open) {
            pause(now);
        }
        record(now, core, CoreSample.Kind.BEGIN);
        openSpan(now, core);
        lastSample = now;
    }

    /** A sample taken after one period's work: at {@code now} the thread is on {@code core}. */
    public void sample(long now, int core) {
        if (!open) {
            begin(now, core);
            return;
        }
        record(now, core, CoreSample.Kind.SAMPLE);
        long gap = now - lastSample;
        // The span on the old core ends at the last sample there (the evidence); the period of work before
        // this sample is placed before it, never before the last sample (see CpuLanes, which does the same
        // with every task's samples at the end of the run).
        long workStart = Math.max(lastSample, now - periodNanos);
        if (gap > gapNanos) {
            close(lastSample);
            sink.accept(new Span(task, worker, Span.NO_CORE, SpanState.PREEMPTED, lastSample, workStart));
            openSpan(workStart, core);
        } else if (core != openCore) {
            close(lastSample);
            openSpan(workStart, core);
        }
        lastSample = now;
    }

    /**
     * The thread was off the CPU between two clock readings of its compute loop while it wanted to run: the run
     * ends at {@code before} on the core last read, the gap is preempted, and the run starts again at
     * {@code after} on {@code core} (read after the gap). Nothing happens when no run is open.
     */
    public void offCpu(long before, long after, int core) {
        if (!open) {
            return;
        }
        long end = Math.max(before, lastSample);
        long resume = Math.max(after, end);
        record(end, openCore, CoreSample.Kind.OFF);
        close(end);
        sink.accept(new Span(task, worker, Span.NO_CORE, SpanState.PREEMPTED, end, resume));
        record(resume, core, CoreSample.Kind.ON);
        openSpan(resume, core);
        lastSample = resume;
    }

    /** The task stops running (ends, or gives up the GIL) at {@code now}. */
    public void pause(long now) {
        if (open) {
            long end = Math.max(now, lastSample);
            record(end, openCore, CoreSample.Kind.END);
            close(Math.max(end, openStart));
        }
    }

    /** The task is over: hands the samples not yet reported to the sink. */
    public void finish() {
        if (!samples.isEmpty()) {
            sink.samples(new SampleBatch(task, worker, periodNanos, samples));
            samples.clear();
        }
    }

    private void record(long now, int core, CoreSample.Kind kind) {
        samples.add(new CoreSample(now, core, kind));
        if (samples.size() >= BATCH && kind == CoreSample.Kind.SAMPLE) {
            finish();
        }
    }

    private void openSpan(long now, int core) {
        open = true;
        openCore = core;
        openStart = now;
        sink.opened(new Span(task, worker, core, SpanState.RUNNING, now, now));
    }

    private void close(long end) {
        open = false;
        sink.accept(new Span(task, worker, openCore, SpanState.RUNNING, openStart, Math.max(end, openStart)));
    }
}

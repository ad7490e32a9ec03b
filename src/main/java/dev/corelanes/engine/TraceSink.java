package dev.corelanes.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects a run's spans from all workers at once and passes them on to listeners as they arrive. Memory
 * is bounded: past {@code maxSpans} spans are counted as dropped instead of kept, so a pathological run
 * cannot exhaust the heap.
 */
public final class TraceSink implements SpanSink {

    /**
     * Far more than a normal run makes (spans are merged per core), far less than the heap, and no more than
     * a run file holds, so every run can be saved and read back.
     */
    public static final int DEFAULT_MAX_SPANS = 800_000;

    private final int maxSpans;
    private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final List<TraceListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<SampleBatch> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong sampleCount = new AtomicLong();
    /** Tasks some of whose samples were dropped: their lanes keep the sampler's own spans. */
    private final java.util.Set<Integer> partialSamples = ConcurrentHashMap.newKeySet();

    public TraceSink() {
        this(DEFAULT_MAX_SPANS);
    }

    public TraceSink(int maxSpans) {
        if (maxSpans < 1) {
            throw new IllegalArgumentException("maxSpans must be positive");
        }
        this.maxSpans = maxSpans;
    }

    public void addListener(TraceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void accept(Span span) {
        if (kept.incrementAndGet() <= maxSpans) {
            spans.add(span);
        } else {
            kept.decrementAndGet();
            dropped.incrementAndGet();
        }
        for (TraceListener l : listeners) {
            l.onSpan(span);
        }
    }

    @Override
    public void opened(Span span) {
        for (TraceListener l : listeners) {
            l.onOpened(span);
        }
    }

    /**
     * Samples kept at most (~40 bytes each: 160 MB at worst). One per millisecond of compute, so this is
     * 4 000 CPU-seconds of work; past it, the tasks whose samples were dropped keep their live spans.
     */
    public static final long MAX_SAMPLES = 4_000_000;

    @Override
    public void samples(SampleBatch batch) {
        if (sampleCount.addAndGet(batch.samples().size()) <= MAX_SAMPLES) {
            samples.add(batch);
        } else {
            sampleCount.addAndGet(-batch.samples().size());
            partialSamples.add(batch.task());
        }
        for (TraceListener l : listeners) {
            l.onSamples(batch);
        }
    }

    /** The core samples kept, minus those of tasks whose samples could not all be kept. */
    public List<SampleBatch> sampleBatches() {
        return samples.stream().filter(b -> !partialSamples.contains(b.task())).toList();
    }

    void task(TaskRecord task) {
        for (TraceListener l : listeners) {
            l.onTask(task);
        }
    }

    void worker(WorkerInfo worker) {
        for (TraceListener l : listeners) {
            l.onWorker(worker);
        }
    }

    /** A copy of the spans recorded so far. */
    public List<Span> spans() {
        return new ArrayList<>(spans);
    }

    public long dropped() {
        return dropped.get();
    }
}

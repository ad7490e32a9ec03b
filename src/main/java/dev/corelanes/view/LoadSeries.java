package dev.corelanes.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The machine's load on each logical CPU, sampled during one run (all processes, not only ours), kept so
 * the run's timeline can be drawn again later. Appended from a sampler thread, read by the UI thread.
 */
public final class LoadSeries {

    /** One sample: the load on each CPU over the interval that ended at {@code nanos} (run time). */
    public record Sample(long nanos, double[] loads) {
    }

    private final List<Sample> samples = new ArrayList<>();

    public synchronized void add(long nanos, double[] loads) {
        samples.add(new Sample(nanos, loads.clone()));
    }

    public synchronized List<Sample> snapshot() {
        return List.copyOf(samples);
    }

    public synchronized int size() {
        return samples.size();
    }
}

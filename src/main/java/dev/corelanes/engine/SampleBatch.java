package dev.corelanes.engine;

import java.util.List;

/**
 * The core samples of one task (all of them, or a consecutive part), in time order, with the task's
 * sampling period: what {@link CpuLanes} needs to place the task on the per-core lanes.
 */
public record SampleBatch(int task, String worker, long periodNanos, List<CoreSample> samples) {

    public SampleBatch {
        if (task <= 0 || worker == null || periodNanos <= 0) {
            throw new IllegalArgumentException("bad sample batch for task " + task);
        }
        samples = List.copyOf(samples);
    }
}

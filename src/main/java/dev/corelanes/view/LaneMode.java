package dev.corelanes.view;

/** How the timeline cuts time into lanes. */
public enum LaneMode {
    /** One lane per logical CPU, plus an off-CPU group for tasks that occupy no core. */
    CORES,
    /** One lane per worker (thread or process), coloured by state. */
    WORKERS
}

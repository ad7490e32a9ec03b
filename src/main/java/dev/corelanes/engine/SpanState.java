package dev.corelanes.engine;

/**
 * What a task was doing during a span. Only {@link #RUNNING} occupies a core. {@link #UNCERTAIN} marks a
 * stretch of one core where the samples cannot tell which of two tasks ran (the core changed hands in it):
 * it has a core, but claims it for nobody.
 */
public enum SpanState {
    RUNNING("running"),
    SLEEPING("sleeping"),
    GIL_WAIT("gil-wait"),
    PREEMPTED("preempted"),
    SPAWNING("spawning"),
    UNCERTAIN("uncertain");

    private final String id;

    SpanState(String id) {
        this.id = id;
    }

    /** The name used in run files and the worker protocol. */
    public String id() {
        return id;
    }

    public static SpanState parse(String text) {
        for (SpanState s : values()) {
            if (s.id.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown span state '" + text + "'");
    }
}

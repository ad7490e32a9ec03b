package dev.corelanes.engine;

/**
 * Chooses the backend that runs a spec. The engine receives it from outside, so it names no runtime
 * package (processes, Python) itself; {@code dev.corelanes.runners.Runs} holds the real choice.
 */
@FunctionalInterface
public interface Backends {

    /** A fresh backend for one run of {@code spec}; a problem is a one-line {@link RuntimeException}. */
    Backend backendFor(ExperimentSpec spec);

    /** A backend that runs the tasks on threads of this JVM (sequential, threads, virtual, pool). */
    static Backend threads(ExecutionMode mode) {
        return new ThreadBackend(mode);
    }
}

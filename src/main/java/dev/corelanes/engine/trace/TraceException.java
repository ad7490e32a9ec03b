package dev.corelanes.engine.trace;

/** A trace that cannot be made (no command, not found, no such process, not Linux): one line a user can act on. */
public final class TraceException extends Exception {
    public TraceException(String message) {
        super(message);
    }
}

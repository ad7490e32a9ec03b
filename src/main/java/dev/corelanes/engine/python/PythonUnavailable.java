package dev.corelanes.engine.python;

/** A Python interpreter cannot be used; the message is one line a user can act on. */
public final class PythonUnavailable extends RuntimeException {
    public PythonUnavailable(String message) {
        super(message);
    }
}

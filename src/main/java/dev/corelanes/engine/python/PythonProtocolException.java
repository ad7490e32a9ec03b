package dev.corelanes.engine.python;

/** A line of the Python worker that is malformed or out of order; the message says which and why. */
final class PythonProtocolException extends Exception {
    PythonProtocolException(String message) {
        super(message);
    }
}

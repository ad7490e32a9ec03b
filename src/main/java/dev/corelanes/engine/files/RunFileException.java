package dev.corelanes.engine.files;

/** A run file that cannot be read or written; the message says why in words a user can act on. */
public final class RunFileException extends Exception {
    public RunFileException(String message) {
        super(message);
    }

    public RunFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

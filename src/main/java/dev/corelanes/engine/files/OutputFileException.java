package dev.corelanes.engine.files;

/** A file that cannot be written (an image, a CSV, an export); the message says why in words a user can act on. */
public final class OutputFileException extends Exception {
    public OutputFileException(String message) {
        super(message);
    }

    public OutputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

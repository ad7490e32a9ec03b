package dev.corelanes.engine;

/** An experiment that cannot be run as asked; the message is meant for the user, as is. */
public final class SpecException extends IllegalArgumentException {
    public SpecException(String message) {
        super(message);
    }
}

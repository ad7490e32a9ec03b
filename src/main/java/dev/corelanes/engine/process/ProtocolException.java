package dev.corelanes.engine.process;

/** A worker sent a line that breaks the protocol; the message says what was wrong, in words. */
final class ProtocolException extends Exception {
    ProtocolException(String message) {
        super(message);
    }
}

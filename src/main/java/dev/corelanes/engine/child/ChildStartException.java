package dev.corelanes.engine.child;

/**
 * A child process could not be started; the message is one line. {@link #refused()} when the system refused
 * it (a limit on processes, threads or open files, or memory) rather than the program being wrong.
 */
public final class ChildStartException extends Exception {

    private final boolean refused;

    ChildStartException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    public boolean refused() {
        return refused;
    }
}

package dev.corelanes.engine.child;

/** No line came from a child: its output ended, its deadline passed, or a line was longer than allowed. */
public final class ChildReadException extends Exception {

    /** Why no line came. */
    public enum Kind {
        /** The child closed its stdout: it exited, crashed or was killed. */
        ENDED,
        /** The deadline passed first; the child is still there (the caller decides what to do with it). */
        DEADLINE,
        /** A line longer than the limit; the rest of it is unread. */
        TOO_LONG
    }

    private final Kind kind;

    ChildReadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package dev.corelanes.cli;

/** A problem the user can fix (a bad value, an unwritable path): printed as one line, no stack trace. */
final class UserError extends RuntimeException {
    private final int exitCode;

    UserError(String message) {
        this(message, Cli.BAD_INPUT);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}

package dev.corelanes.engine.process;

/**
 * A worker process could not do what was asked (died, broke the protocol, reported an error, missed a
 * deadline). Only a worker that the user's cancel stopped is {@link #byStop()}: every other end of a
 * worker is a real failure and must be reported as one.
 */
final class WorkerFailure extends Exception {

    private final boolean byStop;
    private final boolean refused;

    WorkerFailure(String message) {
        this(message, false, false);
    }

    private WorkerFailure(String message, boolean byStop, boolean refused) {
        super(message);
        this.byStop = byStop;
        this.refused = refused;
    }

    /** The system refused to start the process (a limit on processes, or memory). */
    static WorkerFailure refused(String message) {
        return new WorkerFailure(message, false, true);
    }

    boolean refused() {
        return refused;
    }

    /** The worker ended because the user (or the app shutting down) stopped it. */
    static WorkerFailure stopped(String message) {
        return new WorkerFailure(message, true, false);
    }

    boolean byStop() {
        return byStop;
    }
}

package dev.corelanes.engine.process;

/** A worker process could not do what was asked (died, broke the protocol, reported an error). */
final class WorkerFailure extends Exception {
    WorkerFailure(String message) {
        super(message);
    }
}

package dev.corelanes.engine;

/** Runs the tasks of one run somewhere: threads of this JVM, or child processes. */
public interface Backend {

    /** Runs every task of {@code run.spec()}, recording each; returns when all have ended. */
    void run(RunContext run) throws InterruptedException;

    /** Asks every worker to stop now; {@link #run} then returns promptly. Called from another thread. */
    void cancel();
}

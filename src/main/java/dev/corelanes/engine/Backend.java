package dev.corelanes.engine;

/** Runs the tasks of one run somewhere: threads of this JVM, or child processes. */
public interface Backend {

    /**
     * Gets ready before the run's clock starts (a Python interpreter starts and calibrates itself), so the
     * run measures the experiment, not the runtime's start-up. A problem is a one-line
     * {@link RuntimeException} message: the run is then failed.
     */
    default void prepare(ExperimentSpec spec) throws InterruptedException {
    }

    /** The compute kernel's calibration this backend uses, or null for the JVM's own. */
    default Calibration calibration() {
        return null;
    }

    /** Whether the tasks run the JVM's compute kernel, which then needs this JVM's calibration first. */
    default boolean usesJavaKernel() {
        return true;
    }

    /** What runs the tasks. */
    default RunRuntime runtime() {
        return RunRuntime.JAVA;
    }

    /** Runs every task of {@code run.spec()}, recording each; returns when all have ended. */
    void run(RunContext run) throws InterruptedException;

    /** Asks every worker to stop now; {@link #run} then returns promptly. Called from another thread. */
    void cancel();
}

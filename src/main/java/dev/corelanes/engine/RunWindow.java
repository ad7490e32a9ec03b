package dev.corelanes.engine;

/**
 * A window that draws a run as it goes, as the run sees it: what its drawing costs, and a wait until what starting
 * the run changed in it has been drawn. None (null) on the command line.
 */
public interface RunWindow {

    /** The CPU time the window's drawing threads have used so far, ns; -1 when this JVM cannot tell. */
    long drawingCpuNanos();

    /**
     * Returns once the window has laid out and drawn what starting this run changed in it (the new run's lanes, its
     * buttons and captions), or after {@code timeoutNanos}. Called on the run's thread once its backend is ready and
     * before its clock starts: with software rendering that frame is the window's costliest of the run (measured:
     * 40–120 ms of CPU at 1920×1080), and drawn inside the clock it was CPU taken from the tasks.
     */
    void awaitDrawn(long timeoutNanos) throws InterruptedException;
}

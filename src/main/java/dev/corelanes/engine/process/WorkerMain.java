package dev.corelanes.engine.process;

/** The child worker process (issue 3 builds it). Until then a child refuses to start. */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) {
        System.err.println("corelanes: worker processes are not available in this build");
        System.exit(2);
    }
}

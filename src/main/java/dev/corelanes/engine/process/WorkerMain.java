package dev.corelanes.engine.process;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The entry of a child worker process: {@code dev.corelanes.Main --worker NAME}. Loads the engine only
 * (no JavaFX, no OSHI) and talks to its parent over stdin/stdout with the worker protocol.
 */
public final class WorkerMain {

    /** How long a finished worker waits for its parent to close stdin before it leaves by itself. */
    static final long EOF_GRACE_MILLIS = 2_000;

    private WorkerMain() {
    }

    /** {@code args}: the worker's name (after {@code --worker}). */
    public static void main(String[] args) {
        serve(args, System::nanoTime);
    }

    /** Runs a worker with the given clock (tests give a skewed one to prove the parent maps times). */
    static void serve(String[] args, LongSupplier clock) {
        PrintStream protocol = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192),
                false, StandardCharsets.US_ASCII);
        // Nothing but protocol lines may reach stdout: stray prints from any library go to stderr instead.
        System.setOut(System.err);
        ChildOutput out = new ChildOutput(protocol);
        String name = args.length > 0 ? args[0] : "worker";
        if (name.equals(StartupCache.TRAIN_ARG)) {
            // Builds the start-up cache (see StartupCache): a worker's real conversation from a script, then a
            // normal exit, which is when the JVM writes what it recorded. After the script comes the real stdin,
            // the lifeline as for workers: if the parent dies first, the recording is abandoned at once (the
            // stdin thread kills this JVM: see TrainingRun).
            InputStream script = new SequenceInputStream(
                    new ByteArrayInputStream(ChildWorker.TRAINING_SCRIPT.getBytes(StandardCharsets.US_ASCII)), System.in);
            int code;
            try {
                code = new ChildWorker(name, clock, out, script, true).serve();
            } catch (Exception e) {
                out.line(WorkerProtocol.error(e.toString()));
                code = 1;
            }
            out.flush();
            System.exit(code);
        }
        int code;
        try {
            code = new ChildWorker(name, clock, out).serve();
        } catch (Throwable e) { // report anything, in one line, and go: the parent decides what it means
            out.line(WorkerProtocol.error(e.toString()));
            code = 1;
        }
        out.flush();
        if (code == 0) {
            // The parent closes our stdin after our bye, and the stdin thread halts at once. Exiting from
            // here instead would be slow: the VM waits up to 300 ms at exit for threads blocked in native
            // code, and the stdin thread is (in read()). If the parent never closes it, go anyway.
            try {
                Thread.sleep(EOF_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime.getRuntime().halt(code);
    }
}

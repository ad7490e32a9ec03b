package dev.corelanes.engine.process;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The entry of a child worker process: {@code dev.corelanes.Main --worker NAME}. Loads the engine only
 * (no JavaFX, no OSHI) and talks to its parent over stdin/stdout with the worker protocol.
 */
public final class WorkerMain {

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
        int code;
        try {
            code = new ChildWorker(name, clock, out).serve();
        } catch (Throwable e) { // report anything, in one line, and go: the parent decides what it means
            out.line(WorkerProtocol.error(e.toString()));
            code = 1;
        }
        System.exit(code);
    }
}

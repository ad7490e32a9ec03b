package dev.corelanes.engine.trace;

import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.ThreadTable;
import dev.corelanes.engine.platform.host.Host;

import java.util.function.Supplier;

/**
 * The OS a trace reads threads from, and (on macOS and Windows) its thread table: the system's own by default. A
 * test puts a fake one in place ({@link #use}) to run the whole of {@code corelanes trace} as macOS or Windows would,
 * on Linux; nothing else sets it.
 *
 * @param os    the OS whose rules the trace follows (/proc and the held start on Linux only)
 * @param table where another process's threads are read on macOS and Windows; called once per trace, may be null
 *              (Linux)
 */
public record TraceHost(Os os, Supplier<ThreadTable> table) {

    private static volatile TraceHost current = system();

    /** This machine's. */
    public static TraceHost system() {
        Os os = Os.current();
        return new TraceHost(os, () -> Host.threadTable(os));
    }

    public static TraceHost current() {
        return current;
    }

    /** Makes {@code host} the one traces use until the returned handle is closed (then the one before is back). */
    public static AutoCloseable use(TraceHost host) {
        TraceHost before = current;
        current = host;
        return () -> current = before;
    }
}

package dev.corelanes.teach;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.lab.CounterMemory;
import dev.corelanes.view.Formats;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The memory lab's figures in words, for the window and the command line alike: what one more thread and one
 * more process cost, like with like (see {@link CounterMemory}). Every size is written by {@link #bytes}, the
 * one formatter; a figure the OS did not give is said to be not measured, never guessed.
 */
public final class MemoryFindings {

    /** Said where the OS gives no figure (an OS without a memory reader, a process gone or not ours to read). */
    static final String NOT_MEASURED = "not measured on this OS";

    private MemoryFindings() {
    }

    /** The heading of the board's memory column. */
    public static String column(boolean processes) {
        return processes ? "its own memory" : "memory it added (average)";
    }

    /** One worker's memory, for its row on the board. */
    public static String row(CounterMemory m, int index) {
        if (!m.processes()) {
            OptionalDouble each = m.perWorkerBytes();
            return each.isEmpty() ? NOT_MEASURED : signed(each.getAsDouble());
        }
        long resident = m.residentBytes().get(index);
        long unique = m.uniqueBytes().get(index);
        if (resident < 0) {
            return NOT_MEASURED;
        }
        return bytes(resident) + " resident · " + (unique < 0 ? "unique not measured" : bytes(unique) + " unique");
    }

    /** What the run's workers cost in memory, in a sentence or two. */
    public static String summary(CounterMemory m) {
        return m.processes() ? processes(m) : threads(m);
    }

    private static String threads(CounterMemory m) {
        OptionalLong added = m.addedBytes();
        if (added.isEmpty()) {
            return "Memory: " + NOT_MEASURED + " (the OS did not give the process's memory).";
        }
        String process = " The rest of this process (" + bytes(m.beforeBytes()) + " before they started: the JVM "
                + "and everything it runs) was there already; the threads share it.";
        if (added.getAsLong() <= 0) {
            return String.format(Locale.ROOT, "Memory: this process's resident memory did not grow while the %d "
                    + "%s ran (%s meanwhile): what they added was lost among the process's other changes.%s",
                    m.workers(), m.workers() == 1 ? "thread" : "threads", signed(added.getAsLong()), process);
        }
        return String.format(Locale.ROOT, "Memory: the %d %s added %s to this process's resident memory — %s a "
                + "thread — measured from just before they started to when all were running.%s",
                m.workers(), m.workers() == 1 ? "thread" : "threads", bytes(added.getAsLong()),
                bytes(m.perWorkerBytes().orElseThrow()), process);
    }

    private static String processes(CounterMemory m) {
        OptionalLong resident = m.residentTotal();
        if (resident.isEmpty()) {
            return "Memory: " + NOT_MEASURED + " (the OS did not give the process's memory).";
        }
        int n = m.workers();
        double residentEach = (double) resident.getAsLong() / n;
        OptionalLong unique = m.addedBytes();
        if (unique.isEmpty()) {
            return String.format(Locale.ROOT, "Memory: each child has its own — %s resident%s; %s in all. How much "
                    + "of it no other process shares was not measured here.", bytes(residentEach),
                    n == 1 ? "" : " on average", bytes(resident.getAsLong()));
        }
        return String.format(Locale.ROOT, "Memory: each child has its own — %s resident, %s of it unique (mapped "
                + "by no other process)%s; the %d %s: %s resident, %s unique. One more process adds about %s.",
                bytes(residentEach), bytes(m.perWorkerBytes().orElseThrow()), n == 1 ? "" : " on average", n,
                n == 1 ? "child" : "children", bytes(resident.getAsLong()), bytes(unique.getAsLong()),
                bytes(m.perWorkerBytes().orElseThrow()));
    }

    /**
     * One more thread against one more process, from a run of each: what the lesson "a process has its own
     * memory" looks like in figures. Empty until both were measured.
     */
    public static Optional<String> comparison(CounterMemory threads, CounterMemory processes) {
        if (threads == null || processes == null || threads.processes() || !processes.processes()) {
            return Optional.empty();
        }
        OptionalDouble thread = threads.perWorkerBytes();
        boolean unique = processes.perWorkerBytes().isPresent();
        OptionalDouble process = unique ? processes.perWorkerBytes()
                : processes.residentTotal().isPresent()
                ? OptionalDouble.of((double) processes.residentTotal().getAsLong() / processes.workers())
                : OptionalDouble.empty();
        if (thread.isEmpty() || process.isEmpty()) {
            return Optional.empty();
        }
        String oneProcess = "One more process cost " + bytes(process.getAsDouble())
                + (unique ? " of its own (unique)" : " resident (its unique part was not measured)");
        if (thread.getAsDouble() <= 0) {
            return Optional.of(oneProcess + "; one more thread added no resident memory measurable here ("
                    + signed(thread.getAsDouble()) + " a thread). From the last run of each.");
        }
        return Optional.of(oneProcess + "; one more thread " + bytes(thread.getAsDouble()) + ": the process cost "
                + FigureText.ratio(process.getAsDouble() / thread.getAsDouble())
                + " as much. From the last run of each.");
    }

    /** The one way sizes are written here: "64.0 KiB", "38.4 MiB". */
    public static String bytes(double b) {
        return Formats.bytes(Math.round(b));
    }

    /** A change in size: "+64.0 KiB", "−120 KiB", "0 B". */
    static String signed(double b) {
        long r = Math.round(b);
        return r > 0 ? "+" + Formats.bytes(r) : r < 0 ? "−" + Formats.bytes(-r) : Formats.bytes(0);
    }
}

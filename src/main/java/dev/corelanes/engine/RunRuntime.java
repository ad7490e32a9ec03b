package dev.corelanes.engine;

import java.util.Locale;

/**
 * Which runtime ran the tasks: this JVM (threads, child JVMs), or a Python interpreter running the same
 * experiment as a Python program would. Kept with every trace, so run files, captions and exports say
 * which truth they show — Java's, with the GIL only emulated, or CPython's real one.
 *
 * @param id          {@code java} or {@code python}
 * @param interpreter the interpreter's path (python), or "" for the JVM
 * @param version     e.g. "3.11.7"; "" when unknown
 * @param gil         {@code enabled} or {@code disabled} for Python (a free-threaded build may turn it off),
 *                    "" for Java (which has none)
 * @param startMethod the multiprocessing start method of process modes ({@code fork}, {@code spawn},
 *                    {@code forkserver}), "" otherwise
 */
public record RunRuntime(String id, String interpreter, String version, String gil, String startMethod) {

    public static final String JAVA_ID = "java";
    public static final String PYTHON_ID = "python";
    /** A program CoreLanes did not write, traced from the OS ({@code corelanes trace}); {@code interpreter} holds its command. */
    public static final String PROGRAM_ID = "program";
    /** What a trace from before runtimes were recorded ran on. */
    public static final RunRuntime JAVA = new RunRuntime(JAVA_ID, "", "", "", "");

    public RunRuntime {
        id = id == null ? JAVA_ID : id.strip().toLowerCase(Locale.ROOT);
        if (!id.equals(JAVA_ID) && !id.equals(PYTHON_ID) && !id.equals(PROGRAM_ID)) {
            throw new IllegalArgumentException("unknown runtime '" + id + "': use java, python or program");
        }
        interpreter = interpreter == null ? "" : interpreter;
        version = version == null ? "" : version;
        gil = gil == null ? "" : gil;
        startMethod = startMethod == null ? "" : startMethod;
        if (!gil.isEmpty() && !gil.equals("enabled") && !gil.equals("disabled")) {
            throw new IllegalArgumentException("GIL must be enabled or disabled, not '" + gil + "'");
        }
    }

    /** A traced program: {@code command} is what was run (or attached to). */
    public static RunRuntime program(String command) {
        return new RunRuntime(PROGRAM_ID, command, "", "", "");
    }

    /** True for a program traced from the OS ({@code corelanes trace}). */
    public boolean program() {
        return id.equals(PROGRAM_ID);
    }

    public boolean python() {
        return id.equals(PYTHON_ID);
    }

    /** True when threads of one interpreter cannot compute at the same time (a real GIL). */
    public boolean realGil() {
        return python() && !gil.equals("disabled");
    }

    /**
     * A short label for captions, titles and the runs table: "Java", "CPython 3.11.7 (GIL)",
     * "CPython 3.13.0 free-threaded (no GIL)", with the start method when there is one.
     */
    public String label() {
        if (program()) {
            return "Traced program";
        }
        if (!python()) {
            return "Java" + (version.isEmpty() ? "" : " " + version);
        }
        String v = version.isEmpty() ? "" : " " + version;
        String g = gil.equals("disabled") ? " (no GIL)" : " (GIL)";
        return "CPython" + v + g + (startMethod.isEmpty() ? "" : " · " + startMethod);
    }
}

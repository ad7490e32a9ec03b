package dev.corelanes.engine.python;

import java.util.List;

/**
 * A Python interpreter found on this machine and asked about itself (see {@link InterpreterProbe}).
 *
 * @param path          how it is started (what the user picked or what was found), as given
 * @param executable    {@code sys.executable}: the interpreter itself, behind any symlink or shim
 * @param version       e.g. "3.11.7"
 * @param implementation e.g. "cpython", "pypy"
 * @param gilEnabled    {@code sys._is_gil_enabled()} where it exists (3.13+), else true
 * @param freeThreaded  a free-threaded build (3.13t): its GIL can be off
 * @param startMethods  multiprocessing start methods this OS offers, e.g. [fork, spawn, forkserver]
 * @param defaultStartMethod the one used when none is chosen
 * @param coreCall      how the worker reads the current CPU ("sched_getcpu", …), or "" when it cannot
 * @param coreProblem   why it cannot ("ctypes: No module named '_ctypes'"), "" when it can or did not say
 */
public record PythonInterpreter(String path, String executable, String version, String implementation,
                                boolean gilEnabled, boolean freeThreaded, List<String> startMethods,
                                String defaultStartMethod, String coreCall, String coreProblem) {

    public static final int MIN_MAJOR = 3;
    public static final int MIN_MINOR = 8;

    public PythonInterpreter {
        startMethods = List.copyOf(startMethods);
        coreProblem = coreProblem == null ? "" : coreProblem;
    }

    /** An interpreter that gave no reason for a missing core call. */
    public PythonInterpreter(String path, String executable, String version, String implementation, boolean gilEnabled,
                             boolean freeThreaded, List<String> startMethods, String defaultStartMethod, String coreCall) {
        this(path, executable, version, implementation, gilEnabled, freeThreaded, startMethods, defaultStartMethod,
                coreCall, "");
    }

    /**
     * How its tasks' CPU is known, for {@code info} and a run's per-core line: "core via sched_getcpu", or
     * "core unknown: CPython 3.11.7 cannot read the current CPU (ctypes: No module named '_ctypes')".
     */
    public String coreStatus() {
        if (!coreCall.isEmpty()) {
            return "core via " + coreCall;
        }
        return "core unknown: " + name() + " cannot read the current CPU"
                + (coreProblem.isEmpty() ? "" : " (" + coreProblem + ")");
    }

    public int major() {
        return part(0);
    }

    public int minor() {
        return part(1);
    }

    private int part(int i) {
        String[] p = version.split("\\.");
        try {
            return p.length > i ? Integer.parseInt(p[i].replaceAll("\\D.*", "")) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** True when CoreLanes can run its worker in it (3.8 or newer). */
    public boolean supported() {
        return major() > MIN_MAJOR || (major() == MIN_MAJOR && minor() >= MIN_MINOR);
    }

    /** "CPython 3.11.7" or "PyPy 3.10.14"; "free-threaded" when it is. */
    public String name() {
        String impl = switch (implementation) {
            case "cpython" -> "CPython";
            case "pypy" -> "PyPy";
            case "unknown", "" -> "Python"; // Python 2 has no sys.implementation
            default -> implementation;
        };
        return impl + " " + version + (freeThreaded ? " free-threaded" : "");
    }

    /** For the machine card and `info`: "CPython 3.11.7 · GIL enabled · /usr/bin/python3". */
    public String describe() {
        return name() + " · GIL " + (gilEnabled ? "enabled" : "disabled") + " · " + path;
    }
}

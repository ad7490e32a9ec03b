package dev.corelanes.engine.python;

import dev.corelanes.engine.RunRuntime;

/**
 * The Python runtime a run uses: an interpreter and, for the process modes, a multiprocessing start
 * method ("" = the interpreter's default).
 */
public record PythonChoice(PythonInterpreter interpreter, String startMethod) {

    public PythonChoice {
        if (interpreter == null) {
            throw new IllegalArgumentException("no interpreter");
        }
        startMethod = startMethod == null ? "" : startMethod.strip();
        if (!startMethod.isEmpty() && !interpreter.startMethods().contains(startMethod)) {
            throw new PythonUnavailable("Start method '" + startMethod + "' is not available in "
                    + interpreter.name() + " on this OS: use " + String.join(", ", interpreter.startMethods()) + ".");
        }
    }

    /** The start method a process run really uses. */
    public String effectiveStartMethod() {
        return startMethod.isEmpty() ? interpreter.defaultStartMethod() : startMethod;
    }

    /** What a trace records; the start method only for process modes. */
    public RunRuntime runtime(boolean processes) {
        return new RunRuntime(RunRuntime.PYTHON_ID, interpreter.path(), interpreter.version(),
                interpreter.gilEnabled() ? "enabled" : "disabled", processes ? effectiveStartMethod() : "");
    }
}

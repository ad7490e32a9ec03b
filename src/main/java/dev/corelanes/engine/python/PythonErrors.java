package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cause in what a failing interpreter wrote on stderr. Its last lines are often only a trailer — a fatal
 * error ends with "Current thread 0x… (most recent call first): | &lt;no Python frame&gt;" — while the cause
 * ("ModuleNotFoundError: No module named 'encodings'") came a few lines before. Pure, so each shape is testable.
 */
final class PythonErrors {

    /** "ModuleNotFoundError: No module named 'x'", "PermissionError: [Errno 1] …", "KeyboardInterrupt". */
    private static final Pattern EXCEPTION = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*(Error|Exception|Exit|Interrupt|Warning)(:.*)?$");
    private static final Pattern TRAILER = Pattern.compile(
            "^(Current thread 0x|Thread 0x|<no Python frame>|File \"|Python runtime state:|Extension modules:"
                    + "|Traceback \\(most recent call last\\)|\\^+$|~+).*");

    private PythonErrors() {
    }

    /**
     * One line with the cause: the fatal error (if any) and the exception that explains it; else the last
     * two lines that are not a trailer; "" when it said nothing.
     */
    static String cause(List<String> stderr) {
        String fatal = null;
        String exception = null;
        for (String raw : stderr) {
            String l = raw.strip();
            if (l.startsWith("Fatal Python error:")) {
                fatal = l;
            } else if (EXCEPTION.matcher(l).matches()) {
                exception = l;
            }
        }
        if (fatal != null || exception != null) {
            String both = fatal == null ? exception : exception == null ? fatal : fatal + ": " + exception;
            return InterpreterProbe.oneLine(both);
        }
        List<String> plain = new ArrayList<>();
        for (String raw : stderr) {
            String l = raw.strip();
            if (!l.isEmpty() && !TRAILER.matcher(l).matches()) {
                plain.add(l);
            }
        }
        List<String> last = plain.subList(Math.max(0, plain.size() - 2), plain.size());
        return last.isEmpty() ? "" : InterpreterProbe.oneLine(String.join(" | ", last));
    }
}

package dev.corelanes.engine.python;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cause in a failing interpreter's stderr, not its trailer. */
class PythonErrorsTest {

    @Test
    void aFatalErrorGivesItsCauseNotTheCurrentThreadTrailer() {
        // What CPython 3.11 writes with a PYTHONHOME that has no standard library (blank lines dropped, stripped).
        List<String> stderr = List.of("sys.path = [", "'/nonexistent/lib/python311.zip',", "]",
                "Fatal Python error: init_fs_encoding: failed to get the Python codec of the filesystem encoding",
                "Python runtime state: core initialized", "ModuleNotFoundError: No module named 'encodings'",
                "Current thread 0x00007f5a39e60b80 (most recent call first):", "<no Python frame>");
        assertEquals("Fatal Python error: init_fs_encoding: failed to get the Python codec of the filesystem encoding: "
                + "ModuleNotFoundError: No module named 'encodings'", PythonErrors.cause(stderr));
    }

    @Test
    void aTracebackGivesItsException() {
        assertEquals("PermissionError: [Errno 13] Permission denied: '/x'", PythonErrors.cause(List.of(
                "Traceback (most recent call last):", "File \"/x.py\", line 3, in <module>", "open('/x', 'w')",
                "PermissionError: [Errno 13] Permission denied: '/x'")));
    }

    @Test
    void otherwordsAreTheLastTwoLinesThatAreNotATrailer() {
        assertEquals("one | two", PythonErrors.cause(List.of("zero", "one", "two", "<no Python frame>")));
        assertEquals("", PythonErrors.cause(List.of()));
    }
}

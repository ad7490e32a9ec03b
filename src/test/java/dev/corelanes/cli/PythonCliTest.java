package dev.corelanes.cli;

import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --runtime python}: what a user types, what they get back. */
class PythonCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "run --runtime ruby --mode threads --kind sleep | unknown runtime 'ruby': use java, python or python=PATH.",
            "run --runtime python=/no/such/python3 --mode threads --kind sleep | No Python at /no/such/python3: no such file.",
            "run --runtime python=/ --mode threads --kind sleep | / is a folder, not a Python interpreter.",
            "run --runtime python --gil --mode threads --kind compute | --gil emulates the GIL in Java",
            "run --mode processes --kind sleep --start-method spawn | --start-method applies to --runtime python only",
            "run --runtime python --mode threads --kind sleep --start-method spawn | --start-method applies to modes processes and process-pool, not threads.",
            "run --runtime python --mode processes --kind sleep --start-method threads | Start method 'threads' is not available in CPython",
            "run --runtime python --mode virtual --kind compute | In Python, virtual threads are asyncio tasks",
    })
    void badRuntimeInputIsOneClearLine(String args, String expected) {
        CliTest.Result r = CliTest.cli(args.trim().split(" +"));
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void aPythonRunNamesItsInterpreterAndTheRunFileRecordsIt() throws Exception {
        Path json = dir.resolve("py.json");
        CliTest.Result r = CliTest.cli("run", "--runtime", "python", "--mode", "processes", "--start-method", "spawn",
                "--kind", "sleep", "--tasks", "2", "--seconds", "0.05", "--json", json.toString());
        Assumptions.assumeFalse(r.err().contains("No Python 3 found") || r.err().contains("No usable Python"),
                "needs python3 on the PATH: " + r.err());
        assertEquals(Cli.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*\nRuntime    CPython 3\\.\\d+\\.\\d+ \\(GIL\\) · spawn · .*"), r.out());
        Trace t = RunFile.read(json);
        assertTrue(t.runtime().python());
        assertEquals("spawn", t.runtime().startMethod());
        assertTrue(t.runtime().version().matches("3\\.\\d+\\.\\d+"), t.runtime().version());
        assertEquals("enabled", t.runtime().gil());
    }

    @Test
    void infoShowsTheInterpreter() {
        CliTest.Result r = CliTest.cli("info");
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().contains("\nPython       "), r.out());
        assertTrue(r.out().matches("(?s).*\nPython       (CPython 3\\.\\d+\\.\\d+.* · GIL (enabled|disabled) · .*"
                + "|none usable \\(.*\\))\n.*"), r.out());
    }
}

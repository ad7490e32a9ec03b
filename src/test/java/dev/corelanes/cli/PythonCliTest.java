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

    private Path interpreter(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        java.nio.file.Files.writeString(p, text);
        assertTrue(p.toFile().setExecutable(true));
        return p;
    }

    private static String python3() {
        try {
            return dev.corelanes.engine.python.PythonInterpreters.find(null).executable();
        } catch (dev.corelanes.engine.python.PythonUnavailable e) {
            return Assumptions.abort("needs python3 on the PATH: " + e.getMessage());
        }
    }

    /** A Python whose ctypes cannot load (a build without libffi) reads no CPU: the run says why, as info does. */
    @Test
    void aPythonWithoutCtypesSaysSoWhereTheCoreColumnIs() throws Exception {
        Path py = interpreter("python3", "#!" + python3() + " -I\n"
                + "import sys, runpy\n"
                + "sys.modules['_ctypes'] = None\n"
                + "args = [a for a in sys.argv[1:] if a not in ('-I', '-B', '-E', '-s')]\n"
                + "if args[0] == '-c':\n"
                + "    sys.argv = ['-c'] + args[2:]\n"
                + "    exec(compile(args[1], '<string>', 'exec'), {'__name__': '__main__'})\n"
                + "else:\n"
                + "    sys.argv = args\n"
                + "    runpy.run_path(args[0], run_name='__main__')\n");
        CliTest.Result r = CliTest.cli("run", "--runtime", "python=" + py, "--mode", "threads", "--kind", "compute",
                "--tasks", "2", "--seconds", "0.05");
        assertEquals(Cli.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*\nPer core   core unknown: CPython 3\\.\\d+\\.\\d+ cannot read the current CPU "
                + "\\(ctypes: import of _ctypes halted; None in sys.modules\\)\n.*"), r.out());
    }

    /** An interpreter that cannot start (no standard library, as with a wrong PYTHONHOME) gives its real cause. */
    @Test
    void aBrokenInterpreterGivesItsRealCauseInOneLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path py = interpreter("python3", "#!/bin/sh\n"
                + "while [ \"$1\" = -I ] || [ \"$1\" = -B ]; do shift; done\n"
                + "PYTHONHOME='" + dir.resolve("nowhere") + "' exec '" + python3() + "' \"$@\"\n");
        CliTest.Result r = CliTest.cli("run", "--runtime", "python=" + py, "--mode", "threads", "--kind", "sleep",
                "--tasks", "2", "--seconds", "0.05");
        assertEquals(Cli.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("No module named 'encodings'"), r.err());
        assertFalse(r.err().contains("Current thread"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}

package dev.corelanes.engine.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramCommandTest {

    @TempDir
    Path dir;

    @Test
    void wordsSplitAsAShellSplitsThem() throws TraceException {
        assertEquals(List.of("python3", "my file.py", "a b", "it's", "$HOME", "x\"y", "end"),
                ProgramCommand.split("  python3 'my file.py' \"a b\" it\\'s '$HOME' \"x\\\"y\"   end "));
        assertEquals(List.of("sh", "-c", "yes >/dev/null & sleep 1; kill %1"),
                ProgramCommand.split("sh -c 'yes >/dev/null & sleep 1; kill %1'"));
        assertEquals(List.of("", "a"), ProgramCommand.split("'' a"));
        assertTrue(ProgramCommand.split("   ").isEmpty());
    }

    @Test
    void anUnclosedQuoteSaysSo() {
        TraceException e = assertThrows(TraceException.class, () -> ProgramCommand.split("python3 'my.py"));
        assertEquals("The command has an unclosed ' quote.", e.getMessage());
    }

    @Test
    void aPythonFileRunsWithThePythonGivenInItsFolder() throws Exception {
        Path f = Files.writeString(dir.resolve("my threads.py"), "print(1)\n");
        AtomicInteger asked = new AtomicInteger();
        ProgramCommand c = ProgramCommand.fromLine("'" + f + "'", () -> {
            asked.incrementAndGet();
            return "/opt/py/bin/python3";
        }, "/jdk/bin/java", Path.of("/"));
        assertEquals(List.of("/opt/py/bin/python3", "-u", f.toString()), c.command());
        assertEquals(dir.toRealPath(), c.directory().toRealPath());
        assertEquals(1, asked.get());
        assertEquals("/opt/py/bin/python3 -u '" + f + "'", c.line());
        assertEquals(c.command(), ProgramCommand.split(c.line()), "the line shown reads back as the same command");
    }

    @Test
    void aJarRunsWithTheJavaGivenAndNeverAsksForPython() throws Exception {
        Path f = Files.writeString(dir.resolve("app.jar"), "");
        ProgramCommand c = ProgramCommand.fromLine(f.toString(), () -> {
            throw new AssertionError("no Python for a jar");
        }, "/jdk/bin/java", Path.of("/"));
        assertEquals(List.of("/jdk/bin/java", "-jar", f.toString()), c.command());
    }

    @Test
    void aMissingFileIsOneLineBeforeAnyPythonIsLookedFor() {
        Path f = dir.resolve("gone.py");
        TraceException e = assertThrows(TraceException.class, () -> ProgramCommand.fromLine(f.toString(), () -> {
            throw new AssertionError("no Python looked for");
        }, "java", Path.of("/")));
        assertEquals("No file " + f + " to run.", e.getMessage());
    }

    @Test
    void aCommandRunsInTheFolderOfTheFileItNames() throws Exception {
        Path f = Files.writeString(dir.resolve("s.py"), "");
        ProgramCommand c = ProgramCommand.fromLine("python3 -X dev " + f, () -> "unused", "java", Path.of("/"));
        assertEquals(List.of("python3", "-X", "dev", f.toString()), c.command());
        assertEquals(dir.toRealPath(), c.directory().toRealPath());
        ProgramCommand plain = ProgramCommand.fromLine("sleep 1", () -> "unused", "java", dir);
        assertEquals(dir, plain.directory(), "nothing names a file: the home folder");
        assertThrows(TraceException.class, () -> ProgramCommand.fromLine("  ", () -> "x", "java", dir));
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.teach.CodeSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The program shown in the code view is the one that runs, and it runs without CoreLanes. */
@Timeout(120)
class PythonScriptTest {

    @Test
    void theExperimentBlockSaysWhatRuns() {
        String text = PythonScript.text(new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.COMPUTE, 8, 0.25, 3,
                false), "spawn");
        assertTrue(text.contains("\nKIND = \"compute\" "), text);
        assertTrue(text.contains("\nTASKS = 8 "));
        assertTrue(text.contains("\nSECONDS = 0.25 "));
        assertTrue(text.contains("\nMODE = \"process-pool\" "));
        assertTrue(text.contains("\nWORKERS = 3 "));
        assertTrue(text.contains("\nSTART_METHOD = \"spawn\" "));
        assertEquals(text, CodeSamples.pythonProgram(new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.COMPUTE, 8,
                0.25, 3, false), "spawn"), "the code view shows this very text");
        // A thread run has no start method, whatever was chosen for processes.
        assertTrue(PythonScript.text(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 1, false), "spawn")
                .contains("\nSTART_METHOD = \"\" "));
    }

    @Test
    void theFileIsNamedAfterItsTextAndNeverRewritten() throws Exception {
        String text = PythonScript.text(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 1, 0.05, false), "");
        Path a = PythonScript.write(text).path();
        Object file = Files.readAttributes(a, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Path b = PythonScript.write(text).path();
        assertEquals(a, b);
        // The same file, not another moved over it (an interpreter may be reading it); only its time is touched.
        assertEquals(file, Files.readAttributes(b, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        assertEquals(text, Files.readString(a));
    }

    @Test
    void aStudentCanRunTheProgramWithoutCoreLanes() throws Exception {
        PythonInterpreter python = Pythons.python3();
        String text = PythonScript.text(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.2, false), "");
        Path file = Files.createTempDirectory("corelanes-test").resolve("do_something.py");
        Files.writeString(file, text);
        Process p = new ProcessBuilder(python.path(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("2 sleep tasks x 0.2 s, threads, Python 3."), out);
        assertTrue(out.contains("task 1 on T1 (pid ") && out.contains("task 2 on T2 (pid "), out);
        assertTrue(out.matches("(?s).*\nwall time: \\d+\\.\\d\\d s\n"), out);
        Files.delete(file);
        Files.delete(file.getParent());
    }

    @Test
    void withoutACacheFolderTheProgramIsTemporaryAndRemovedAfterTheRun() throws Exception {
        String text = PythonScript.text(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 1, 0.05, false), "");
        PythonScript.File f = PythonScript.write(text, null);
        assertTrue(f.temporary());
        assertEquals(text, Files.readString(f.path()));
        f.close();
        assertFalse(Files.exists(f.path()));
        assertFalse(Files.exists(f.path().getParent()), "its temporary folder is gone too");
    }

    @Test
    void theCacheKeepsTheMostRecentProgramsAndAnyUsedWithinADay(@org.junit.jupiter.api.io.TempDir Path cache)
            throws Exception {
        Path dir = Files.createDirectories(cache.resolve("python"));
        long old = System.currentTimeMillis() - 3 * PythonScript.KEEP_YOUNG_MILLIS;
        for (int i = 0; i < PythonScript.KEEP + 8; i++) {
            Path p = dir.resolve(PythonScript.PREFIX + i + ".py");
            Files.writeString(p, "# " + i);
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(old + i * 1000L));
        }
        Path young = dir.resolve(PythonScript.PREFIX + "young.py");
        Files.writeString(young, "# used an hour ago, maybe by another CoreLanes still running");
        Files.setLastModifiedTime(young, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = PythonScript.write(PythonScript.text(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 1,
                0.05, false), ""), cache).path();
        try (var files = Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(PythonScript.KEEP, left.size(), left.toString());
            assertTrue(left.contains(fresh.getFileName().toString()));
            assertTrue(left.contains(young.getFileName().toString()));
            assertFalse(left.contains(PythonScript.PREFIX + "0.py"), "the least recently used go first");
        }
    }
}

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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

package dev.corelanes.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The path exactly: a fresh CLI JVM started under {@code taskset -c 0} on a machine of several
 * CPUs must divide the ideal by the one CPU it may use.
 */
class TasksetTest {

    @Test
    void aCliRunUnderTasksetCountsOneUsableCore() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "taskset is Linux only");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "taskset is not installed");
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs a machine of 2 CPUs or more");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/taskset", "-c", "0", java,
                "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main",
                "run", "--mode", "threads", "--kind", "compute", "--tasks", "2", "--seconds", "0.1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Cores      1 core\n"), out);
        assertTrue(out.contains("(0.2 s of work, 1 task at a time)"), out);
        assertFalse(out.contains("usable"), "one wording for the cores a run could use: " + out);
    }
}

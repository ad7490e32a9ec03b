package dev.corelanes.teach;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The code view shows code that really compiles: Java with javac, Python with py_compile. */
class CodeSamplesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void theJavaCodeCompiles(ExecutionMode mode) throws Exception {
        for (TaskKind kind : TaskKind.values()) {
            ExperimentSpec spec = new ExperimentSpec(mode, kind, 4, 0.5, 2, kind == TaskKind.COMPUTE);
            Path src = Files.createDirectories(dir.resolve(mode.id() + "-" + kind.id())).resolve("Main.java");
            Files.writeString(src, CodeSamples.java(spec));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-proc:none", src.toString());
            assertEquals(0, rc, () -> CodeSamples.java(spec) + "\n" + err);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void thePythonCodeCompiles(ExecutionMode mode) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || python() != null, "no python3");
        for (TaskKind kind : TaskKind.values()) {
            ExperimentSpec spec = new ExperimentSpec(mode, kind, 4, 0.5, 2, false);
            String code = CodeSamples.python(spec);
            Path src = dir.resolve(mode.id().replace('-', '_') + "_" + kind.id() + ".py");
            Files.writeString(src, code);
            Process p = new ProcessBuilder(python(), "-m", "py_compile", src.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), () -> code + "\n" + out);
            assertTrue(code.contains(kind == TaskKind.SLEEP ? "time.sleep(0.5)" : "for _ in range(STEPS)"));
        }
    }

    private static String python() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "python3"))) {
                return Path.of(p, "python3").toString();
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : null;
    }
}

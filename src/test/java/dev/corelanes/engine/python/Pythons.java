package dev.corelanes.engine.python;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real interpreters for tests. A test that needs one it cannot find is skipped with the reason (JUnit
 * prints it), never passed silently.
 */
final class Pythons {

    private Pythons() {
    }

    /** python3 from the PATH, as a user would have it. */
    static PythonInterpreter python3() {
        try {
            return PythonInterpreters.find(null);
        } catch (PythonUnavailable e) {
            return skip("needs python3 (3.8+) on the PATH: " + e.getMessage());
        }
    }

    /** An installed pyenv version whose name starts with {@code prefix} ("3.13", "3.13t"), else the test is skipped. */
    static String pyenvVersion(String prefix) {
        Optional<Path> bin = pyenvBinary(prefix);
        if (bin.isEmpty()) {
            return skip("needs Python " + prefix + " (looked in pyenv's versions; not installed here)");
        }
        return bin.get().toString();
    }

    /**
     * A free-threaded CPython (python3.13t or newer): the first the app's own discovery finds (PATH, py
     * launcher, macOS places), else one of pyenv's versions; else the test is skipped, saying where it looked.
     */
    static PythonInterpreter freeThreaded() {
        for (PythonInterpreter p : PythonInterpreters.discover()) {
            if (p.freeThreaded()) {
                return p;
            }
        }
        Optional<Path> pyenv = pyenvBinary("3.13t").or(() -> pyenvBinary("3.14t"));
        if (pyenv.isPresent()) {
            return InterpreterProbe.probe(pyenv.get().toString());
        }
        return skip("needs a free-threaded CPython (python3.13t or newer): none on the PATH (python3.Xt) "
                + "nor in pyenv's versions");
    }

    /** Skips the calling test, printing why on the console too (not only in the report). */
    static <T> T skip(String why) {
        System.err.println("SKIPPED: " + why);
        Assumptions.abort(why);
        return null;
    }

    static Optional<Path> pyenvBinary(String prefix) {
        Path root = pyenvRoot();
        if (root == null) {
            return Optional.empty();
        }
        try (var versions = Files.list(root.resolve("versions"))) {
            return versions.filter(v -> {
                        String n = v.getFileName().toString();
                        return n.startsWith(prefix + ".") && (prefix.endsWith("t") || !n.endsWith("t"));
                    })
                    .sorted()
                    // Python 2 has no python3 binary
                    .map(v -> Files.isExecutable(v.resolve("bin").resolve("python3")) ? v.resolve("bin").resolve("python3")
                            : v.resolve("bin").resolve("python"))
                    .filter(Files::isExecutable)
                    .reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path pyenvRoot() {
        String env = System.getenv("PYENV_ROOT");
        if (env != null && Files.isDirectory(Path.of(env, "versions"))) {
            return Path.of(env);
        }
        try {
            Process p = new ProcessBuilder("pyenv", "root").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return p.exitValue() == 0 && Files.isDirectory(Path.of(out, "versions")) ? Path.of(out) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Runs {@code program} with {@code python -c} in {@code dir} (where the worker script lies); its output, exit 0. */
    static String runIn(Path dir, String python, String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c", program).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the interpreter ended");
        org.junit.jupiter.api.Assertions.assertEquals(0, p.exitValue(), out);
        return out;
    }
}

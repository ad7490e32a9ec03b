package dev.corelanes.engine.python;

import dev.corelanes.engine.platform.Os;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search on a real disk with real interpreters: pyenv's installed versions, found where a student's pyenv
 * keeps them (a home folder whose {@code .pyenv/versions} holds them, or {@code $PYENV_ROOT}) with nothing on
 * the PATH, and each one started and asked. Skipped, with the reason, where pyenv has no versions.
 */
class RealInterpreterSearchTest {

    @TempDir
    Path home;

    /** pyenv's real versions folder and the versions in it that CoreLanes supports (3.8+), newest first. */
    private static Path realVersions() {
        Path versions = Pythons.pyenvBinary("3").map(bin -> bin.getParent().getParent().getParent()).orElse(null);
        if (versions == null) {
            return Pythons.skip("needs pyenv with installed Python 3 versions (none here)");
        }
        return versions;
    }

    private static List<String> supported(Path versions) throws IOException {
        List<String> out = new ArrayList<>();
        try (var list = Files.list(versions)) {
            list.map(v -> v.getFileName().toString()).filter(v -> v.matches("3\\.\\d+\\.\\d+"))
                    .filter(v -> Integer.parseInt(v.split("\\.")[1]) >= PythonInterpreter.MIN_MINOR)
                    .filter(v -> Files.isExecutable(versions.resolve(v).resolve("bin/python3")))
                    .forEach(out::add);
        }
        out.sort(Comparator.comparingInt((String v) -> Integer.parseInt(v.split("\\.")[1])).reversed());
        return out;
    }

    private SearchPlaces places(Os os, Map<String, String> env) {
        return SearchPlaces.onDisk(os, env::get, home.toString(), null, SearchPlaces::launchedNotFollowed, cmd -> "");
    }

    @Test
    void aHomeWithPyenvVersionsAndNoPathFindsAndProbesEachOneNewestFirst() throws Exception {
        Path real = realVersions();
        List<String> expected = supported(real);
        Assumptions.assumeTrue(expected.size() >= 2, "needs two pyenv versions 3.8+ (found " + expected + ")");
        Path versions = Files.createDirectories(home.resolve(".pyenv/versions"));
        try (var list = Files.list(real)) {
            for (Path v : list.toList()) {
                Files.createSymbolicLink(versions.resolve(v.getFileName()), v);
            }
        }
        for (Os os : List.of(Os.LINUX, Os.MAC)) { // macOS's rules on this disk: pyenv is searched there too
            List<PythonInterpreter> found = PythonInterpreters.discover(InterpreterLocator.forOs(os),
                    places(os, Map.of("PATH", "")));
            assertEquals(expected, found.stream().map(PythonInterpreter::version).toList(), os + ": " + found);
            for (PythonInterpreter p : found) {
                assertTrue(p.path().startsWith(versions + "/" + p.version() + "/bin/"), p.path());
                assertFalse(p.startMethods().isEmpty(), "really asked: " + p);
            }
        }
        PythonInterpreter first = PythonInterpreters.find(null, new PathLocator(), places(Os.LINUX, Map.of("PATH", "")));
        assertEquals(expected.get(0), first.version(), "the newest is the one used");
    }

    @Test
    void pyenvRootPointingAtTheRealOneFindsItsVersions() throws Exception {
        Path real = realVersions();
        List<String> expected = supported(real);
        Assumptions.assumeFalse(expected.isEmpty(), "needs a pyenv version 3.8+");
        List<PythonInterpreter> found = PythonInterpreters.discover(new PathLocator(),
                places(Os.LINUX, Map.of("PATH", "", "PYENV_ROOT", real.getParent().toString())));
        assertEquals(expected, found.stream().map(PythonInterpreter::version).toList());
    }

    @Test
    void nothingAnywhereIsOneLineThatSaysWhereItLooked() {
        Assumptions.assumeTrue(new PathLocator().candidates(places(Os.LINUX, Map.of("PATH", ""))).isEmpty(),
                "this machine has a Python in a system-wide place (/opt/conda, linuxbrew)");
        PythonUnavailable e = assertThrows(PythonUnavailable.class,
                () -> PythonInterpreters.find(null, new PathLocator(), places(Os.LINUX, Map.of("PATH", ""))));
        assertEquals("No Python 3 found. Looked in: the PATH (empty), Homebrew (/home/linuxbrew/.linuxbrew), pyenv ("
                + home + "/.pyenv), conda (" + home + "/miniconda3, " + home + "/anaconda3, " + home + "/miniforge3, "
                + home + "/mambaforge, /opt/conda, /opt/miniconda3, /opt/anaconda3). Install Python 3.8 or newer, or "
                + "give its path (--runtime python=PATH).", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}

package dev.corelanes.engine.python;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each OS's search rules, on fixtures: folders and files that exist only in the test. */
class InterpreterLocatorTest {

    private static SearchPlaces places(String path, String sep, Map<String, List<String>> files,
                                       Map<String, List<String>> folders, String pyOutput) {
        return new SearchPlaces(path, sep, d -> files.getOrDefault(d, List.of()),
                d -> folders.getOrDefault(d, List.of()), cmd -> cmd.equals(List.of("py", "-0p")) ? pyOutput : "");
    }

    @Test
    void linuxTakesPython3OnThePathFirstThenVersionsNewestFirstFreeThreadedAfterTheirGilBuild() {
        SearchPlaces p = places("/home/u/bin::/usr/bin:/usr/bin", ":", Map.of(
                "/home/u/bin", List.of("python3.12", "python3.13t", "pip"),
                "/usr/bin", List.of("python3", "python3.11", "python3.13", "python3-config", "python3.9", "python")),
                Map.of(), "");
        assertEquals(List.of("/usr/bin/python3", "/usr/bin/python3.13", "/home/u/bin/python3.13t",
                        "/home/u/bin/python3.12", "/usr/bin/python3.11", "/usr/bin/python3.9"),
                new PathLocator().candidates(p));
    }

    @Test
    void aRealFolderOnThePathGivesItsFreeThreadedBuildsToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Executable bits and a ':'-separated PATH of '/' names: Windows marks programs by their extension.
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.corelanes.fixtures.Needs.windows(),
                "needs POSIX executable files (not on Windows)");
        for (String name : List.of("python3.13t", "python3.14t", "python3.12", "python3.13t-config")) {
            java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve(name), "#!/bin/sh\n");
            assertEquals(true, f.toFile().setExecutable(true));
        }
        java.nio.file.Files.writeString(dir.resolve("python3.15t"), "not executable");
        SearchPlaces system = SearchPlaces.system();
        SearchPlaces p = new SearchPlaces(dir.toString(), ":", system.filesIn(), system.foldersIn(),
                system.commandOutput());
        assertEquals(List.of(dir + "/python3.14t", dir + "/python3.13t", dir + "/python3.12"),
                new PathLocator().candidates(p));
    }

    @Test
    void linuxWithNoPythonOnThePathFindsNothing() {
        assertEquals(List.of(), new PathLocator().candidates(places("", ":", Map.of(), Map.of(), "")));
    }

    @Test
    void macAddsHomebrewAndFrameworkBuildsAndAppleLast() {
        SearchPlaces p = places("/usr/bin:/bin", ":", Map.of(
                "/usr/bin", List.of("python3"),
                "/opt/homebrew/bin", List.of("python3", "python3.12"),
                MacLocator.FRAMEWORKS + "/3.10/bin", List.of("python3", "python3.10"),
                MacLocator.FRAMEWORKS + "/3.13/bin", List.of("python3.13")),
                Map.of(MacLocator.FRAMEWORKS, List.of("3.10", "Current", "3.13")), "");
        List<String> c = new MacLocator().candidates(p);
        assertEquals("/usr/bin/python3", c.get(0), "what the PATH gives comes first");
        assertEquals(List.of("/usr/bin/python3", MacLocator.FRAMEWORKS + "/3.13/bin/python3.13",
                "/opt/homebrew/bin/python3.12", MacLocator.FRAMEWORKS + "/3.10/bin/python3.10",
                "/opt/homebrew/bin/python3", MacLocator.FRAMEWORKS + "/3.10/bin/python3"), c);
    }

    @Test
    void macFindsPythonOrgsFreeThreadedFrameworkBuild() {
        SearchPlaces p = places("/usr/bin", ":", Map.of(
                MacLocator.FRAMEWORKS + "/3.13/bin", List.of("python3", "python3.13"),
                MacLocator.FREE_THREADED_FRAMEWORKS + "/3.13/bin", List.of("python3t", "python3.13t", "python3.13t-config")),
                Map.of(MacLocator.FRAMEWORKS, List.of("3.13"), MacLocator.FREE_THREADED_FRAMEWORKS, List.of("3.13")), "");
        assertEquals(List.of(MacLocator.FRAMEWORKS + "/3.13/bin/python3", MacLocator.FRAMEWORKS + "/3.13/bin/python3.13",
                MacLocator.FREE_THREADED_FRAMEWORKS + "/3.13/bin/python3.13t"), new MacLocator().candidates(p));
    }

    @Test
    void windowsAsksThePyLauncherDefaultFirstThenThePath() {
        String py = """
                 -V:3.13 *        C:\\Users\\Ana Lee\\AppData\\Local\\Programs\\Python\\Python313\\python.exe
                 -V:3.11          C:\\Python311\\python.exe
                 -V:3.13t         C:\\Users\\Ana Lee\\AppData\\Local\\Programs\\Python\\Python313\\python3.13t.exe
                """;
        SearchPlaces p = places("C:\\Windows;C:\\Python311\\;C:\\Tools", ";", Map.of(
                "C:\\Python311\\", List.of("python.exe", "pythonw.exe"),
                "C:\\Tools", List.of("Python3.exe")), Map.of(), py);
        assertEquals(List.of("C:\\Users\\Ana Lee\\AppData\\Local\\Programs\\Python\\Python313\\python.exe",
                "C:\\Python311\\python.exe",
                "C:\\Users\\Ana Lee\\AppData\\Local\\Programs\\Python\\Python313\\python3.13t.exe",
                "C:\\Tools\\python3.exe"), new WindowsLocator().candidates(p));
    }

    @Test
    void windowsReadsTheOlderLauncherFormatToo() {
        String py = " -3.9-64 *      C:\\Python39\\python.exe\n -2.7-64        C:\\Python27\\python.exe\n";
        assertEquals(List.of("C:\\Python39\\python.exe", "C:\\Python27\\python.exe"), WindowsLocator.parsePyList(py));
    }

    @Test
    void windowsWithoutTheLauncherStillSearchesThePath() {
        SearchPlaces p = places("C:\\Py", ";", Map.of("C:\\Py", List.of("python.exe")), Map.of(), "");
        assertEquals(List.of("C:\\Py\\python.exe"), new WindowsLocator().candidates(p));
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.platform.Os;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each OS's search rules, on fixtures: folders and files that exist only in the test (plain maps, or a folder
 * tree standing for another OS's disk), an environment, a home folder and the output of {@code py -0p} and
 * {@code xcode-select -p} — all given, so every OS's search runs here on Linux.
 */
class InterpreterLocatorTest {

    /** A fixture machine: its programs and folders by path, its environment, what its commands print. */
    private static final class Machine {
        final Os os;
        final Map<String, List<String>> files = new HashMap<>();
        final Map<String, List<String>> folders = new HashMap<>();
        final Map<String, String> env = new HashMap<>();
        final Map<List<String>, String> commands = new HashMap<>();
        final List<List<String>> ran = new ArrayList<>();
        String home;

        Machine(Os os, String home, String path) {
            this.os = os;
            this.home = home;
            env.put("PATH", path);
        }

        Machine files(String dir, String... names) {
            files.put(dir, List.of(names));
            return this;
        }

        Machine folders(String dir, String... names) {
            folders.put(dir, List.of(names));
            return this;
        }

        Machine env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Machine prints(List<String> command, String output) {
            commands.put(command, output);
            return this;
        }

        SearchPlaces places() {
            return new SearchPlaces(os, env::get, home, d -> files.getOrDefault(d, List.of()),
                    d -> folders.getOrDefault(d, List.of()), cmd -> {
                ran.add(cmd);
                return commands.getOrDefault(cmd, "");
            });
        }
    }

    // ---------------------------------------------------------------- Linux

    @Test
    void linuxTakesPython3OnThePathFirstThenVersionsNewestFirstFreeThreadedAfterTheirGilBuild() {
        Machine m = new Machine(Os.LINUX, "/home/u", "/home/u/bin::/usr/bin:/usr/bin")
                .files("/home/u/bin", "python3.12", "python3.13t", "pip")
                .files("/usr/bin", "python3", "python3.11", "python3.13", "python3-config", "python3.9", "python");
        assertEquals(List.of("/usr/bin/python3", "/usr/bin/python3.13", "/home/u/bin/python3.13t",
                        "/home/u/bin/python3.12", "/usr/bin/python3.11", "/usr/bin/python3.9"),
                new PathLocator().candidates(m.places()));
    }

    @Test
    void aRealFolderOnThePathGivesItsFreeThreadedBuildsToo(@TempDir Path dir) throws Exception {
        // Executable bits and a ':'-separated PATH of '/' names: Windows marks programs by their extension.
        Assumptions.assumeFalse(dev.corelanes.fixtures.Needs.windows(), "needs POSIX executable files (not on Windows)");
        for (String name : List.of("python3.13t", "python3.14t", "python3.12", "python3.13t-config")) {
            executable(dir.resolve(name));
        }
        Files.writeString(dir.resolve("python3.15t"), "not executable");
        SearchPlaces p = SearchPlaces.onDisk(Os.LINUX, Map.of("PATH", dir.toString())::get, dir.resolve("home").toString(),
                null, SearchPlaces::launchedNotFollowed, cmd -> "");
        assertEquals(List.of(dir + "/python3.14t", dir + "/python3.13t", dir + "/python3.12"),
                new PathLocator().candidates(p));
    }

    @Test
    void linuxWithNoPythonOnThePathFindsNothingAndSaysWhereItLooked() {
        Machine m = new Machine(Os.LINUX, "/home/ana", "");
        assertEquals(List.of(), new PathLocator().candidates(m.places()));
        String message = PythonInterpreters.notFound(new PathLocator(), m.places());
        assertEquals("No Python 3 found. Looked in: the PATH (empty), Homebrew (/home/linuxbrew/.linuxbrew), "
                + "pyenv (/home/ana/.pyenv), conda (/home/ana/miniconda3, /home/ana/anaconda3, /home/ana/miniforge3, "
                + "/home/ana/mambaforge, /opt/conda, /opt/miniconda3, /opt/anaconda3).", message);
    }

    @Test
    void linuxFindsPyenvAndCondaThatThePathDoesNotName() {
        Machine m = new Machine(Os.LINUX, "/home/ana", "/usr/bin")
                .files("/usr/bin", "python3")
                .folders("/home/ana/.pyenv/versions", "3.9.18", "3.13.0", "3.12.1", "3.13.0t", "system-venv")
                .files("/home/ana/.pyenv/versions/3.9.18/bin", "python3", "python3.9")
                .files("/home/ana/.pyenv/versions/3.12.1/bin", "python3", "python3.12")
                .files("/home/ana/.pyenv/versions/3.13.0/bin", "python3", "python3.13")
                .files("/home/ana/.pyenv/versions/3.13.0t/bin", "python3.13t")
                .files("/home/ana/miniconda3/bin", "python3", "python3.12", "conda")
                .folders("/home/ana/miniconda3/envs", "course")
                .files("/home/ana/miniconda3/envs/course/bin", "python3", "python3.11")
                .files("/opt/conda/bin", "python3")
                .env("CONDA_PREFIX", "/home/ana/miniconda3/envs/course");
        assertEquals(List.of("/usr/bin/python3",
                "/home/ana/.pyenv/versions/3.13.0/bin/python3", "/home/ana/.pyenv/versions/3.13.0t/bin/python3.13t",
                "/home/ana/.pyenv/versions/3.12.1/bin/python3", "/home/ana/.pyenv/versions/3.9.18/bin/python3",
                "/home/ana/miniconda3/envs/course/bin/python3", "/home/ana/miniconda3/bin/python3",
                "/opt/conda/bin/python3"), new PathLocator().candidates(m.places()));
    }

    @Test
    void pyenvRootFromTheEnvironmentWins() {
        Machine m = new Machine(Os.LINUX, "/home/ana", "")
                .env("PYENV_ROOT", "/srv/pyenv")
                .folders("/srv/pyenv/versions", "3.11.7")
                .files("/srv/pyenv/versions/3.11.7/bin", "python3")
                .folders("/home/ana/.pyenv/versions", "3.10.13")
                .files("/home/ana/.pyenv/versions/3.10.13/bin", "python3");
        assertEquals(List.of("/srv/pyenv/versions/3.11.7/bin/python3"), new PathLocator().candidates(m.places()));
    }

    // ---------------------------------------------------------------- macOS

    private static final String FINDER_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    private static final String CLT = "/Library/Developer/CommandLineTools";

    /** A Mac started from Finder with Homebrew, python.org 3.10 and 3.13, and Apple's stub. */
    private static Machine finderMac() {
        return new Machine(Os.MAC, "/Users/ana", FINDER_PATH)
                .files("/usr/bin", "python3", "xcode-select", "ls")
                .files("/opt/homebrew/bin", "python3", "python3.12", "brew")
                .folders("/opt/homebrew/opt", "python@3.12", "python@3.11", "openssl@3")
                .files("/opt/homebrew/opt/python@3.12/bin", "python3.12")
                .files("/opt/homebrew/opt/python@3.11/bin", "python3.11")
                .folders(MacLocator.FRAMEWORKS, "3.10", "Current", "3.13")
                .files(MacLocator.FRAMEWORKS + "/3.10/bin", "python3", "python3.10")
                .files(MacLocator.FRAMEWORKS + "/3.13/bin", "python3", "python3.13")
                .files(CLT + "/usr/bin", "python3", "git");
    }

    @Test
    void fromFinderHomebrewComesFirstAndApplesStubIsNeverRunWithoutDeveloperTools() {
        Machine m = finderMac(); // xcode-select -p fails: no developer tools
        List<String> c = new MacLocator().candidates(m.places());
        assertEquals(List.of("/opt/homebrew/bin/python3", "/opt/homebrew/bin/python3.12",
                "/opt/homebrew/opt/python@3.12/bin/python3.12", "/opt/homebrew/opt/python@3.11/bin/python3.11",
                MacLocator.FRAMEWORKS + "/3.13/bin/python3", MacLocator.FRAMEWORKS + "/3.10/bin/python3"), c);
        assertFalse(c.contains(MacLocator.APPLE), "running it would open the developer-tools dialog");
        assertEquals(List.of(MacLocator.XCODE_SELECT), m.ran, "asked xcode-select, ran nothing else");
        assertTrue(PythonInterpreters.notFound(new MacLocator(), m.places()).endsWith(
                "not Apple's /usr/bin/python3 (the command line developer tools are not installed: running it would "
                        + "only ask to install them)."));
    }

    @Test
    void withDeveloperToolsApplesPythonIsTriedLastNotFirst() {
        Machine m = finderMac().prints(MacLocator.XCODE_SELECT, CLT + "\n");
        List<String> c = new MacLocator().candidates(m.places());
        assertEquals("/opt/homebrew/bin/python3", c.get(0), "Homebrew before Apple's 3.9");
        assertEquals(MacLocator.APPLE, c.get(c.size() - 1));
        assertEquals(c.size() - 1, c.indexOf(MacLocator.APPLE), "only once, although /usr/bin is on the PATH");
    }

    @Test
    void aDeveloperFolderWithoutPythonIsNotTakenOnTrust() {
        // xcode-select can name a folder left behind by a deleted Xcode: the stub would still ask to install.
        Machine m = finderMac().prints(MacLocator.XCODE_SELECT, "/Applications/Xcode.app/Contents/Developer\n");
        assertFalse(new MacLocator().candidates(m.places()).contains(MacLocator.APPLE));
    }

    @Test
    void aTerminalPathStillComesFirstButNotApplesStub() {
        Machine m = finderMac().env("PATH", "/usr/bin:/Users/ana/.local/bin:/opt/homebrew/bin")
                .files("/Users/ana/.local/bin", "python3")
                .prints(MacLocator.XCODE_SELECT, CLT);
        List<String> c = new MacLocator().candidates(m.places());
        assertEquals(List.of("/Users/ana/.local/bin/python3", "/opt/homebrew/bin/python3.12"), c.subList(0, 2));
        assertEquals(MacLocator.APPLE, c.get(c.size() - 1));
    }

    @Test
    void macWithoutApplesStubDoesNotAskXcodeSelect() {
        Machine m = new Machine(Os.MAC, "/Users/ana", FINDER_PATH).files("/opt/local/bin", "python3.12");
        assertEquals(List.of("/opt/local/bin/python3.12"), new MacLocator().candidates(m.places()));
        assertEquals(List.of(), m.ran);
    }

    @Test
    void macFindsPythonOrgsFreeThreadedFrameworkBuild() {
        Machine m = new Machine(Os.MAC, "/Users/ana", "/usr/bin")
                .files(MacLocator.FRAMEWORKS + "/3.13/bin", "python3", "python3.13")
                .files(MacLocator.FREE_THREADED_FRAMEWORKS + "/3.13/bin", "python3t", "python3.13t", "python3.13t-config")
                .folders(MacLocator.FRAMEWORKS, "3.13").folders(MacLocator.FREE_THREADED_FRAMEWORKS, "3.13");
        assertEquals(List.of(MacLocator.FRAMEWORKS + "/3.13/bin/python3",
                MacLocator.FREE_THREADED_FRAMEWORKS + "/3.13/bin/python3.13t"), new MacLocator().candidates(m.places()));
    }

    @Test
    void macFindsPyenvAndCondaAfterTheInstallersAndBeforeApple() {
        Machine m = finderMac().prints(MacLocator.XCODE_SELECT, CLT)
                .folders("/Users/ana/.pyenv/versions", "3.11.7")
                .files("/Users/ana/.pyenv/versions/3.11.7/bin", "python3", "python3.11")
                .files("/Users/ana/miniforge3/bin", "python3")
                .files("/opt/homebrew/Caskroom/miniconda/base/bin", "python3");
        List<String> c = new MacLocator().candidates(m.places());
        assertEquals(List.of(MacLocator.FRAMEWORKS + "/3.10/bin/python3", "/Users/ana/.pyenv/versions/3.11.7/bin/python3",
                "/Users/ana/miniforge3/bin/python3", "/opt/homebrew/Caskroom/miniconda/base/bin/python3",
                MacLocator.APPLE), c.subList(c.size() - 5, c.size()));
    }

    // ---------------------------------------------------------------- Windows

    private static final String ANA = "C:\\Users\\Ana Lee";
    private static final String LOCAL = ANA + "\\AppData\\Local";

    @Test
    void windowsAsksThePyLauncherDefaultFirstThenThePath() {
        String py = """
                 -V:3.11          C:\\Python311\\python.exe
                 -V:3.13 *        C:\\Users\\Ana Lee\\AppData\\Local\\Programs\\Python\\Python313\\python.exe
                 -V:3.13t         C:\\Users\\Ana Lee\\AppData\\Local\\Programs\\Python\\Python313\\python3.13t.exe
                """;
        Machine m = new Machine(Os.WINDOWS, ANA, "C:\\Windows;C:\\Python311\\;C:\\Tools")
                .files("C:\\Python311\\", "python.exe", "pythonw.exe")
                .files("C:\\Tools", "Python3.exe")
                .prints(WindowsLocator.PY_LIST, py);
        assertEquals(List.of(LOCAL + "\\Programs\\Python\\Python313\\python.exe", "C:\\Python311\\python.exe",
                LOCAL + "\\Programs\\Python\\Python313\\python3.13t.exe", "C:\\Tools\\python3.exe"),
                new WindowsLocator().candidates(m.places()));
    }

    @Test
    void thePyListOfTheOldLauncherWithItsHeaderAndTheDefaultMarkAfterThePath() {
        // Python 3.7-3.10's py.exe: header and " *" on stderr (read together with stdout), tag padded to 15.
        String py = "Installed Pythons found by C:\\WINDOWS\\py.exe Launcher for Windows\n"
                + " -3.10-64       C:\\Program Files\\Python310\\python.exe\n"
                + " -3.8-64        C:\\Users\\vma\\AppData\\Local\\Programs\\Python\\Python38\\python.exe *\n"
                + " -2.7-64        C:\\Python27\\python.exe\n"
                + " (venv)         C:\\work\\.venv\\Scripts\\python.exe\n\n";
        assertEquals(List.of("C:\\Users\\vma\\AppData\\Local\\Programs\\Python\\Python38\\python.exe",
                "C:\\Program Files\\Python310\\python.exe", "C:\\Python27\\python.exe",
                "C:\\work\\.venv\\Scripts\\python.exe"), WindowsLocator.parsePyList(py));
        assertEquals(List.of(), WindowsLocator.parsePyList(
                "Installed Pythons found by py Launcher for Windows\nNo Installed Pythons Found!\n"));
        assertEquals(List.of(), WindowsLocator.parsePyList(" -3.9-64 *\n"), "py -0 (no paths) names nothing to run");
    }

    @Test
    void thePyListOfTheNewLauncherWithStoreAliasesArgumentsAndInstallFolders() {
        // Python 3.11+'s py.exe: tag and mark padded to 16; Company/Tag; arguments after the path; an install folder.
        String store = LOCAL + "\\Microsoft\\WindowsApps\\PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0\\python.exe";
        String py = " -V:3.13 *        C:\\Python313\\python.exe\n"
                + " -V:3.12          " + store + "\n"
                + " -V:ContinuumAnalytics/Anaconda39-64 C:\\Users\\Ana Lee\\anaconda3\\python.exe -X utf8\n"
                + " -V:Example/1.0   D:\\Example\\Python\\\n";
        assertEquals(List.of("C:\\Python313\\python.exe", store, ANA + "\\anaconda3\\python.exe",
                "D:\\Example\\Python\\python.exe"), WindowsLocator.parsePyList(py));
    }

    @Test
    void thePyListOfThePythonInstallManager() {
        // PyManager (3.14+): -0p gives its legacy format, tag padded to 17 and a space; "  *" an active venv.
        String py = "  *               C:\\work\\.venv\\Scripts\\python.exe\n"
                + " -V:3.14 *         " + LOCAL + "\\Python\\pythoncore-3.14-64\\python.exe\n"
                + " -V:3.13           " + LOCAL + "\\Python\\pythoncore-3.13-64\\python.exe\n"
                + " -V:Other\\thing    \\\\server\\share\\py\\python.exe\n";
        assertEquals(List.of("C:\\work\\.venv\\Scripts\\python.exe", LOCAL + "\\Python\\pythoncore-3.14-64\\python.exe",
                LOCAL + "\\Python\\pythoncore-3.13-64\\python.exe", "\\\\server\\share\\py\\python.exe"),
                WindowsLocator.parsePyList(py));
    }

    @Test
    void windowsWithoutTheLauncherStillSearchesThePath() {
        Machine m = new Machine(Os.WINDOWS, ANA, "C:\\Py").files("C:\\Py", "python.exe");
        assertEquals(List.of("C:\\Py\\python.exe"), new WindowsLocator().candidates(m.places()));
    }

    /**
     * A Windows disk as a folder tree: the Store's aliases are entries the JDK cannot follow (dangling links here,
     * reparse points there), python.org per user and for all users, pyenv-win, conda with an environment.
     */
    @Test
    void aWindowsDiskWithStoreAliasesPythonOrgPyenvWinAndConda(@TempDir Path root) throws Exception {
        Assumptions.assumeFalse(dev.corelanes.fixtures.Needs.windows(), "stands a dangling symbolic link in for an alias");
        Path apps = SearchPlaces.under(root, LOCAL + "\\Microsoft\\WindowsApps");
        Files.createDirectories(apps);
        for (String alias : List.of("python.exe", "python3.exe", "python3.12.exe")) {
            Files.createSymbolicLink(apps.resolve(alias), root.resolve("cannot-be-followed"));
        }
        Files.createDirectories(apps.resolve("python3.11.exe")); // a folder is no program
        executable(SearchPlaces.under(root, LOCAL + "\\Programs\\Python\\Python311\\python.exe"));
        executable(SearchPlaces.under(root, LOCAL + "\\Programs\\Python\\Python313\\python.exe"));
        executable(SearchPlaces.under(root, LOCAL + "\\Programs\\Python\\Python313\\python3.13t.exe"));
        executable(SearchPlaces.under(root, "C:\\Program Files\\Python312\\python.exe"));
        executable(SearchPlaces.under(root, ANA + "\\.pyenv\\pyenv-win\\versions\\3.10.11\\python.exe"));
        executable(SearchPlaces.under(root, ANA + "\\miniconda3\\python.exe"));
        executable(SearchPlaces.under(root, ANA + "\\miniconda3\\envs\\course\\python.exe"));
        Map<String, String> env = Map.of("PATH", LOCAL + "\\Microsoft\\WindowsApps;C:\\Windows\\system32",
                "LOCALAPPDATA", LOCAL, "USERPROFILE", ANA, "ProgramFiles", "C:\\Program Files");
        SearchPlaces places = SearchPlaces.onDisk(Os.WINDOWS, env::get, ANA, root, SearchPlaces::launchedNotFollowed,
                cmd -> "");
        assertEquals(List.of(
                LOCAL + "\\Microsoft\\WindowsApps\\python.exe", LOCAL + "\\Microsoft\\WindowsApps\\python3.exe",
                LOCAL + "\\Microsoft\\WindowsApps\\python3.12.exe",
                LOCAL + "\\Programs\\Python\\Python313\\python.exe", LOCAL + "\\Programs\\Python\\Python313\\python3.13t.exe",
                LOCAL + "\\Programs\\Python\\Python311\\python.exe", "C:\\Program Files\\Python312\\python.exe",
                ANA + "\\.pyenv\\pyenv-win\\versions\\3.10.11\\python.exe",
                ANA + "\\miniconda3\\python.exe", ANA + "\\miniconda3\\envs\\course\\python.exe"),
                new WindowsLocator().candidates(places));
    }

    @Test
    void aStoreAliasCountsAsAProgramOnlyOnWindows(@TempDir Path root) throws Exception {
        Assumptions.assumeFalse(dev.corelanes.fixtures.Needs.windows(), "stands a dangling symbolic link in for an alias");
        Files.createSymbolicLink(root.resolve("python3"), root.resolve("gone"));
        SearchPlaces linux = SearchPlaces.onDisk(Os.LINUX, Map.of("PATH", "/")::get, "/home/u", root,
                SearchPlaces::launchedNotFollowed, cmd -> "");
        assertEquals(List.of(), linux.filesIn().apply("/"), "a dangling link on Linux is nothing to run");
        SearchPlaces windows = SearchPlaces.onDisk(Os.WINDOWS, Map.of("PATH", "C:\\")::get, "C:\\Users\\u", root,
                p -> false, cmd -> "");
        assertEquals(List.of(), windows.filesIn().apply("/"), "the alias predicate decides, here a fake saying no");
        SearchPlaces real = SearchPlaces.onDisk(Os.WINDOWS, Map.of("PATH", "C:\\")::get, "C:\\Users\\u", root,
                SearchPlaces::launchedNotFollowed, cmd -> "");
        assertEquals(List.of("python3"), real.filesIn().apply("/"), "on Windows it is launched, not stat'ed");
    }

    @Test
    void windowsWithNothingInstalledSaysWhereItLookedOnThisMachine() {
        Machine m = new Machine(Os.WINDOWS, ANA, "C:\\Windows").env("LOCALAPPDATA", LOCAL)
                .env("ProgramFiles", "C:\\Program Files");
        assertEquals(List.of(), new WindowsLocator().candidates(m.places()));
        String message = PythonInterpreters.notFound(new WindowsLocator(), m.places());
        assertTrue(message.startsWith("No Python 3 found. Looked in: the py launcher (py -0p), the PATH, python.org ("
                + LOCAL + "\\Programs\\Python, C:\\Program Files\\Python3XX), the Python install manager (" + LOCAL
                + "\\Python), the Microsoft Store (" + LOCAL + "\\Microsoft\\WindowsApps), pyenv-win (" + ANA
                + "\\.pyenv\\pyenv-win), conda ("), message);
        assertFalse(message.contains("username"), "no folder from the documentation's examples");
    }

    @Test
    void versionFoldersSortNewestFirstWhateverTheInstallerCallsThem() {
        assertEquals(List.of("3.13.0", "3.13.0t", "3.12.1", "3.9.18", "3.6.15", "miniconda3-latest"),
                Versions.newestFirst(List.of("3.6.15", "3.13.0t", "miniconda3-latest", "3.9.18", "3.13.0", "3.12.1")));
        assertEquals(List.of("Python313", "Python313t", "Python312-32", "Python39"),
                Versions.newestFirst(List.of("Python39", "Python312-32", "Python313t", "Python313")));
        assertEquals(List.of("pythoncore-3.14-64", "pythoncore-3.9-64"),
                Versions.newestFirst(List.of("pythoncore-3.9-64", "pythoncore-3.14-64")));
    }

    static void executable(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        assertTrue(p.toFile().setExecutable(true));
    }
}

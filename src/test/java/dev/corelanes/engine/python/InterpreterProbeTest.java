package dev.corelanes.engine.python;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterpreterProbeTest {

    @TempDir
    Path dir;

    private static String answer(String version, String gil, String freeThreaded) {
        return InterpreterProbe.MARK + "\nversion=" + version + "\nimplementation=cpython\nexecutable=/opt/py/bin/python3\n"
                + "gil=" + gil + "\nfreethreaded=" + freeThreaded + "\nstartmethods=fork,spawn,forkserver\n"
                + "defaultstart=fork\ncore=sched_getcpu\n";
    }

    @Test
    void readsAnOrdinaryCPython() {
        PythonInterpreter p = InterpreterProbe.parse("python3", answer("3.11.7", "enabled", "0"), 0);
        assertEquals("3.11.7", p.version());
        assertEquals(3, p.major());
        assertEquals(11, p.minor());
        assertTrue(p.gilEnabled());
        assertFalse(p.freeThreaded());
        assertEquals(List.of("fork", "spawn", "forkserver"), p.startMethods());
        assertEquals("fork", p.defaultStartMethod());
        assertEquals("CPython 3.11.7 · GIL enabled · python3", p.describe());
    }

    @Test
    void readsAFreeThreadedBuildWithItsGilOff() {
        PythonInterpreter p = InterpreterProbe.parse("python3.13t", answer("3.13.0", "disabled", "1"), 0);
        assertFalse(p.gilEnabled());
        assertTrue(p.freeThreaded());
        assertEquals("CPython 3.13.0 free-threaded", p.name());
    }

    @Test
    void refusesPythonOlderThan38ByName() {
        PythonUnavailable e = assertThrows(PythonUnavailable.class,
                () -> InterpreterProbe.parse("/usr/bin/python3.6", answer("3.6.15", "enabled", "0"), 0));
        assertEquals("CPython 3.6.15 at /usr/bin/python3.6 is too old: CoreLanes needs Python 3.8 or newer.",
                e.getMessage());
    }

    @Test
    void saysWhenAProgramIsNotPython() {
        PythonUnavailable e = assertThrows(PythonUnavailable.class,
                () -> InterpreterProbe.parse("/usr/bin/ls", "ls: invalid option -- 'E'\n", 2));
        assertEquals("/usr/bin/ls is not a Python interpreter CoreLanes can use (exit code 2, it said: "
                + "ls: invalid option -- 'E').", e.getMessage());
    }

    @Test
    void passesOnWhatAPyenvShimSaysForAVersionNotSelected() {
        String shim = "pyenv: python3.12: command not found\n\nThe `python3.12' command exists in these Python versions:\n"
                + "  3.12.1\n\nNote: See 'pyenv help global' for tips on allowing both\n";
        PythonUnavailable e = assertThrows(PythonUnavailable.class, () -> InterpreterProbe.parse("python3.12", shim, 127));
        assertEquals("python3.12 is not usable here: pyenv: python3.12: command not found", e.getMessage());
    }

    @Test
    void aMissingFileOrAFolderIsNamed() {
        assertEquals("No Python at " + dir.resolve("nope") + ": no such file.", assertThrows(PythonUnavailable.class,
                () -> InterpreterProbe.probe(dir.resolve("nope").toString())).getMessage());
        assertEquals(dir + " is a folder, not a Python interpreter.", assertThrows(PythonUnavailable.class,
                () -> InterpreterProbe.probe(dir.toString())).getMessage());
    }

    @Test
    void anEntryThatCannotBeFollowedIsLaunchedNotRefusedAsMissing() throws Exception {
        // A Store app-execution alias exists, but the JDK cannot follow it; a dangling link behaves the same to it.
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.corelanes.fixtures.Needs.windows(), "needs symbolic links");
        Path alias = java.nio.file.Files.createSymbolicLink(dir.resolve("python3.exe"), dir.resolve("gone"));
        String message = assertThrows(PythonUnavailable.class, () -> InterpreterProbe.probe(alias.toString())).getMessage();
        assertTrue(message.startsWith("Cannot start " + alias), "it was started, and the OS said why not: " + message);
    }

    @Test
    void theStoresPlaceholderIsNamedAsSuch() {
        String stub = "Python was not found; run without arguments to install from the Microsoft Store, or disable this "
                + "shortcut from Settings > Manage App Execution Aliases.\n";
        String path = "C:\\Users\\Ana\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe";
        assertEquals(path + " is the Microsoft Store's placeholder, not Python: install Python (from the Store or "
                + "python.org), or give the path of one that is installed.", assertThrows(PythonUnavailable.class,
                () -> InterpreterProbe.parse(path, stub, 9009)).getMessage());
    }

    @Test
    void probesTheRealPython3() {
        PythonInterpreter p = Pythons.python3();
        assertTrue(p.supported());
        assertTrue(p.startMethods().contains("spawn"), p.startMethods().toString());
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertEquals("sched_getcpu", p.coreCall());
            assertTrue(p.startMethods().containsAll(List.of("fork", "spawn", "forkserver")));
        }
    }

    @Test
    void aRealPython36IsRefusedWithItsVersion() {
        String path = Pythons.pyenvVersion("3.6");
        PythonUnavailable e = assertThrows(PythonUnavailable.class, () -> InterpreterProbe.probe(path));
        assertTrue(e.getMessage().matches("CPython 3\\.6\\.\\d+ at .* is too old: CoreLanes needs Python 3\\.8 or newer\\."),
                e.getMessage());
    }

    @Test
    void aRealPython313SaysItsGilIsOn() {
        PythonInterpreter p = InterpreterProbe.probe(Pythons.pyenvVersion("3.13"));
        assertTrue(p.gilEnabled());
        assertFalse(p.freeThreaded());
    }

    @Test
    void aRealFreeThreadedPythonSaysItsGilIsOff() {
        PythonInterpreter p = Pythons.freeThreaded();
        assertFalse(p.gilEnabled());
        assertTrue(p.freeThreaded());
    }

    @Test
    void aRealPython27WithoutIsolationFlagsIsStillNamedAndRefused() {
        String path = Pythons.pyenvVersion("2.7");
        PythonUnavailable e = assertThrows(PythonUnavailable.class, () -> InterpreterProbe.probe(path));
        assertTrue(e.getMessage().matches("Python 2\\.7\\.\\d+ at .* is too old: CoreLanes needs Python 3\\.8 or newer\\."),
                e.getMessage());
    }

    private Path script(String body) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/bin/sh"))
                && java.nio.file.Files.isDirectory(Path.of("/proc")), "needs /bin/sh and /proc");
        Path p = dir.resolve("python3");
        java.nio.file.Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        assertTrue(p.toFile().setExecutable(true));
        return p;
    }

    private static boolean goneWithin30s(long pid) throws Exception {
        var h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return true;
        }
        try {
            h.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS); // a hang guard, not a speed limit
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Test
    void aWrapperWhoseChildNeverAnswersIsGivenUpAndLeavesNoGrandchild() throws Exception {
        Path pid = dir.resolve("child.pid");
        Path wrapper = script("sleep 600 & echo $! > '" + pid + "'; wait");
        PythonUnavailable e = assertThrows(PythonUnavailable.class, () -> InterpreterProbe.probe(wrapper.toString(), 500));
        assertEquals(wrapper + " did not answer within 0.5 s.", e.getMessage());
        long child = Long.parseLong(java.nio.file.Files.readString(pid).strip());
        assertTrue(goneWithin30s(child), "the wrapper's child " + child + " was left behind");
    }

    @Test
    void aRealInterpreterThatHangsSaysItDidNotAnswer() throws Exception {
        Path wrapper = script("exec '" + Pythons.python3().executable() + "' -c 'import time; time.sleep(600)'");
        PythonUnavailable e = assertThrows(PythonUnavailable.class, () -> InterpreterProbe.probe(wrapper.toString(), 500));
        assertEquals(wrapper + " did not answer within 0.5 s.", e.getMessage());
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Python run names the OS thread of each worker (issue 28 item 4), as the kernel's record names it: threads by
 * {@code threading.get_native_id()}, processes by their main thread (tid = pid), and on 3.6/3.7, which have no
 * get_native_id, by {@code /proc/thread-self}.
 */
@Timeout(120)
class PythonThreadIdsTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    private static Trace run(ExperimentSpec spec, String startMethod) throws Exception {
        Trace t = Runs.start(spec, new PythonChoice(Pythons.python3(), startMethod), MACHINE).await(90, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        return t;
    }

    @Test
    void threadsOfOneInterpreterHaveTheirOwnIdsInItsProcess() throws Exception {
        assumeTrue(Os.current().isLinux(), "thread ids are read on Linux here");
        Trace t = run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 3, 0.05, false), "");
        List<WorkerInfo> w = t.workers();
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.stream().allMatch(WorkerInfo::tidKnown), w.toString());
        assertEquals(3, w.stream().mapToLong(WorkerInfo::tid).distinct().count(), "one thread each: " + w);
        long pid = w.get(0).pid();
        assertTrue(pid > 0 && w.stream().allMatch(x -> x.pid() == pid), "one interpreter: " + w);
        assertTrue(w.stream().noneMatch(x -> x.tid() == pid), "not the interpreter's main thread: " + w);
    }

    @Test
    void aProcessIsNamedByItsMainThreadWhoseIdIsItsPid() throws Exception {
        assumeTrue(Os.current().isLinux(), "thread ids are read on Linux here");
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 0.05, false), "fork");
        assertEquals(2, t.workers().size(), t.workers().toString());
        for (WorkerInfo w : t.workers()) {
            assertTrue(w.pid() > 0 && w.tid() == w.pid(), w.toString());
            assertTrue(w.peakRssBytes() > 0, "its memory, recorded after its thread id, keeps the id: " + w);
        }
    }

    /** The script's own {@code native_tid}, run by each interpreter in a thread, against the gettid system call. */
    @ParameterizedTest(name = "Python {0}")
    @ValueSource(strings = {"3.6", "3.7", "3.8", "3.13"})
    void theScriptTellsTheKernelsThreadIdOnEveryVersion(String version, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assumeTrue(Os.current().isLinux() && "amd64".equals(System.getProperty("os.arch")),
                "compared with syscall 186 (gettid on x86-64 Linux)");
        String python = Pythons.pyenvVersion(version);
        Matcher m = Pattern.compile("(?s)\ndef native_tid\\(\\):.*?\n\n\n").matcher(
                PythonScript.text(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 1, 0.1, false), ""));
        assertTrue(m.find(), "the script has native_tid()");
        Path probe = dir.resolve("probe.py");
        Files.writeString(probe, "import ctypes, os, threading\n" + m.group() + """
                out = []
                def body():
                    out.append((native_tid(), ctypes.CDLL(None).syscall(186), hasattr(threading, "get_native_id")))
                t = threading.Thread(target=body)
                t.start()
                t.join()
                print("%d %d %s %d" % (out[0] + (os.getpid(),)))
                """, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(python, probe.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        String[] f = text.split(" ");
        assertEquals(f[1], f[0], "native_tid() is the kernel's id for the thread: " + text);
        assertNotEquals(f[3], f[0], "a thread's own, not the process's: " + text);
        boolean fallback = version.equals("3.6") || version.equals("3.7");
        assertEquals(fallback ? "False" : "True", f[2],
                "3.6 and 3.7 have no get_native_id: the fallback is what ran there");
    }
}

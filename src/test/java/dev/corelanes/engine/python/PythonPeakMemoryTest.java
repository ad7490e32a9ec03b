package dev.corelanes.engine.python;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python worker's peak memory ({@code peak_rss} in corelanes_experiment.py), run by the real interpreter: on
 * this OS for real, and Windows's {@code K32GetProcessMemoryInfo} through a fake kernel32 that writes
 * PROCESS_MEMORY_COUNTERS byte by byte at the offsets of Microsoft's psapi.h (PeakWorkingSetSize at 8).
 */
@Timeout(60)
class PythonPeakMemoryTest {

    @TempDir
    static Path dir;
    private static String python;

    @BeforeAll
    static void worker() throws Exception {
        python = Pythons.python3().path();
        Files.writeString(dir.resolve(PythonScript.RESOURCE), PythonScript.template());
    }

    private static List<String> run(String code) throws Exception {
        Process p = new ProcessBuilder(python, "-c", "import ctypes, corelanes_experiment as e\n" + code)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void theStructHasPsapisLayout() throws Exception {
        // A 64-bit interpreter: SIZE_T is 8 bytes, so the struct is 72 bytes with the peak at 8 and the set at 16.
        assertEquals(List.of("8 72 8 16"), run("T = e.memory_counters_type()\n"
                + "print(ctypes.sizeof(ctypes.c_size_t), ctypes.sizeof(T), T.PeakWorkingSetSize.offset, "
                + "T.WorkingSetSize.offset)"));
    }

    @Test
    void windowsPeakIsReadFromTheDocumentedOffset() throws Exception {
        String fake = String.join("\n",
                "class Kernel32: pass",
                "k = Kernel32()",
                "calls = []",
                "def current(): return 99",
                "def info(handle, ref, cb):",
                "    calls.append((handle, cb))",
                "    base = ctypes.addressof(ref._obj)",
                "    ctypes.memmove(base + 8, (81920000).to_bytes(8, 'little'), 8)",   // PeakWorkingSetSize
                "    ctypes.memmove(base + 16, (61440000).to_bytes(8, 'little'), 8)",  // WorkingSetSize
                "    return 1",
                "k.GetCurrentProcess = current",
                "k.K32GetProcessMemoryInfo = info",
                "print(e.windows_peak_working_set(k), calls)",
                "def refuse(handle, ref, cb): return 0",
                "k.K32GetProcessMemoryInfo = refuse",
                "print(e.windows_peak_working_set(k))");
        assertEquals(List.of("81920000 [(99, 72)]", "-1"), run(fake));
    }

    @Test
    void thisOsGivesAPeakOrSaysItCannot() throws Exception {
        long peak = Long.parseLong(run("print(e.peak_rss())").get(0));
        if (dev.corelanes.engine.platform.Os.current() != dev.corelanes.engine.platform.Os.OTHER) {
            assertTrue(peak > 1 << 20, "an interpreter's peak resident memory: " + peak);
        } else {
            assertTrue(peak == -1 || peak > 1 << 20, "peak " + peak);
        }
        if (!dev.corelanes.engine.platform.Os.current().isWindows()) {
            assertEquals(List.of("-1"), run("print(e.windows_peak_working_set())"), "no kernel32 here: not measured");
        }
    }
}

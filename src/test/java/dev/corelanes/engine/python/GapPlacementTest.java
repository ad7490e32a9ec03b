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
 * Where the Python worker's compute loop ({@code compute_steps} in corelanes_experiment.py, run by the real
 * interpreter) places an off-CPU gap that falls inside a chunk: on a synthetic clock that reads 40 µs more at every
 * reading and jumps 5 ms once, the task's running span ends at the reading before the jump and starts again, on the
 * CPU read then, at the reading after it.
 */
@Timeout(60)
class GapPlacementTest {

    @TempDir
    static Path dir;
    private static String python;

    @BeforeAll
    static void worker() throws Exception {
        python = Pythons.python3().path();
        Files.writeString(dir.resolve(PythonScript.RESOURCE), PythonScript.template());
    }

    /**
     * compute_steps over 10 chunks of 1 000 steps (1 µs each, read every 40 steps) with the clock jumping 5 ms
     * before its {@code jump}-th reading (-1: never); {@code gil}: another task of the interpreter is waiting for
     * the GIL. The first line is the reading before the jump; then the protocol lines the task wrote.
     */
    private static List<String> run(int jump, boolean gil) throws Exception {
        return run(jump, gil, 1_000_000_000L);
    }

    /** The same, with the task's running span opened at {@code opened} (the first reading is at 1 000.04 ms). */
    private static List<String> run(int jump, boolean gil, long opened) throws Exception {
        String script = String.join("\n",
                "import corelanes_experiment as e",
                "out = []",
                "e.PROTOCOL = True",
                "e._write = lambda b: out.append(b.decode().strip())",
                "e.LIVE_FLUSH_NS = 0", // every line written as it comes: the lines in order are what is checked here
                "e.STEPS_PER_SECOND = 1_000_000",
                "s = {'calls': 0, 't': 10**9, 'cpu': 0, 'before': -1}",
                "def clock():",
                "    s['calls'] += 1",
                "    if s['calls'] == " + jump + ":",
                "        s['before'] = s['t']",
                "        s['t'] += 5_000_000",
                "    s['t'] += 40_000",
                "    s['cpu'] += 40_000",
                "    return s['t']",
                "e.clock = clock",
                "e.thread_cpu = lambda: s['cpu']",
                "e._cpu = lambda: 0 if s['before'] < 0 else 1",
                "e._open[1] = ['T1', 'running', 0, " + opened + "]",
                gil ? "e._gil = True; e._open[2] = ['T2', 'gil-wait', -1, 10**9]" : "",
                "e.compute_steps(1, 10_000, 1_000, lambda: 0, " + opened + ")",
                "print(s['before'])",
                "for line in out: print(line)",
                "");
        Process p = new ProcessBuilder(python, "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void aPreemptionInsideAChunkLandsExactlyBetweenTheReadingsAroundIt() throws Exception {
        List<String> lines = run(60, false);
        long before = Long.parseLong(lines.get(0));
        long after = before + 5_040_000;
        assertEquals(List.of(
                "span 1 T1 running 0 1000000000 " + before,
                "open 1 T1 preempted -1 " + before,
                "span 1 T1 preempted -1 " + before + " " + after,
                "open 1 T1 running 1 " + after), lines.subList(1, 5));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("span 1 T1 preempted")).count(), lines.toString());
    }

    @Test
    void underTheGilWithNoRunQueueWaitTheGapIsAGilWaitExactlyThereToo() throws Exception {
        List<String> lines = run(60, true);
        long before = Long.parseLong(lines.get(0));
        assertEquals("span 1 T1 gil-wait -1 " + before + " " + (before + 5_040_000), lines.get(3));
    }

    @Test
    void timeOffTheCpuBeforeTheFirstReadingIsNotDrawnRunning() throws Exception {
        // The running span opened 3 ms before the loop's first reading: setting up (opening a file, which
        // releases the GIL) took the thread off the CPU.
        List<String> lines = run(-1, false, 997_000_000L);
        assertEquals(List.of("open 1 T1 preempted -1 997000000", "span 1 T1 preempted -1 997000000 1000040000",
                "open 1 T1 running 0 1000040000"), lines.subList(1, 4));
    }

    @Test
    void anEvenPaceIsNoGap() throws Exception {
        List<String> lines = run(-1, false);
        assertTrue(lines.stream().noneMatch(l -> l.contains("preempted") || l.contains("gil-wait")), lines.toString());
    }
}

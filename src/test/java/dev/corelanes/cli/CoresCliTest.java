package dev.corelanes.cli;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.platform.CpuAffinity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code run --cores/--cpus} and {@code sweep} on the command line. */
class CoresCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "run --mode threads --kind compute --cores 0 | --cores must be 1 or more",
            "run --mode threads --kind compute --cores 9999 | more CPUs than this process may use",
            "run --mode threads --kind compute --cpus 3-1 | runs backwards",
            "run --mode threads --kind compute --cpus x | is not a CPU list",
            "run --mode threads --kind compute --cpus 65000 | is not one this process may use",
            "run --mode threads --kind compute --cores 1 --cpus 0 | use --cores or --cpus, not both",
            "sweep --by threads | --by must be cores or workers",
            "sweep --by workers --mode threads | needs --mode pool or process-pool",
            "sweep --max 0 | at least 1 core",
            "sweep --max 9999 | goes up to at most that",
            "sweep --by workers --mode process-pool --max 65 | Workers must be between 1 and 64",
            "sweep --scale 9 | --scale must be between 1 and 4",
            "sweep --seconds 99 | Seconds per task must be between"})
    void badInputIsOneLineAndExitTwo(String args, String message) {
        assumeTrue(Host.affinity().supported() || !args.contains("core"), "pinning is not available here");
        CliTest.Result r = CliTest.cli(args.split(" "));
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("corelanes:")).count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void theSameFileTwiceIsRefused() {
        Path f = dir.resolve("a.png");
        CliTest.Result r = CliTest.cli("sweep", "--png", f.toString(), "--svg", f.toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("named twice"), r.err());
    }

    @Test
    void aSweepOverWorkersPrintsATableAndWritesItsFiles() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        Path svg = dir.resolve("sweep.svg");
        CliTest.Result r = CliTest.cli("sweep", "--by", "workers", "--mode", "pool", "--kind", "sleep", "--max", "3",
                "--tasks", "3", "--seconds", "0.05", "--csv", csv.toString(), "--svg", svg.toString());
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().contains("Sweep      3 sleep tasks × 0.05 s · pool (1 workers) on 1 … n workers"), r.out());
        assertTrue(r.out().contains("Fit        Amdahl fit from 3 runs: serial fraction "), r.out());
        assertTrue(r.out().contains(" — an extrapolation: measured up to 3 workers"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("workers,cpus,wall_s,speedup,ideal_speedup,amdahl_speedup,added", lines.get(0));
        assertEquals(10, lines.size(), lines.toString()); // header, 3 runs, 6 lines of the fit
        assertTrue(lines.get(lines.size() - 1).contains("measured up to 3 workers"), lines.toString());
        assertTrue(Files.readString(svg).contains("Speedup vs workers"));
    }

    @Test
    void aPinnedRunSaysWhereItRan() {
        assumeTrue(Host.affinity().supported(), Host.affinity().unsupportedReason());
        CliTest.Result r = CliTest.cli("run", "--mode", "threads", "--kind", "compute", "--tasks", "2",
                "--seconds", "0.05", "--cores", "1");
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("Cores      1 core \\(CPU \\d+\\): the run's threads and processes "
                + "ran only there")), r.out());
        assertTrue(r.out().contains("(0.1 s of work, 1 task at a time)"), "two tasks, one core: " + r.out());
    }

    @Test
    void infoSaysTheUsableCpusAndTheCoreClasses() {
        CliTest.Result r = CliTest.cli("info");
        assertEquals(Cli.OK, r.code(), r.err());
        int usable = Runtime.getRuntime().availableProcessors();
        assertTrue(r.out().contains("Usable       " + usable + (usable == 1 ? " CPU" : " CPUs")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Core classes ")), r.out());
    }
}

package dev.corelanes.bench;

import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Does the window stay out of the runs it measures? The same run made from the command line and from
 * {@code corelanes window … --run} (software rendering, on whatever display {@code DISPLAY} names: 1280×720,
 * or 1920×1080 with {@code --present}), side by side, rep after rep, so the machine's load hits both alike:
 * each run's measured wall time from its run file, the window's over the CLI's rep by rep, and the CPU the
 * window said drawing took ({@code conditions.windowCpuSeconds}). Medians and ranges.
 *
 * <pre>Xvfb :42 -screen 0 1280x720x24 &amp; DISPLAY=:42 java -cp target/corelanes.jar dev.corelanes.bench.WindowRunBench 5
 * Xvfb :43 -screen 0 1920x1080x24 &amp; DISPLAY=:43 java -cp target/corelanes.jar dev.corelanes.bench.WindowRunBench 5 --present</pre>
 */
public final class WindowRunBench {

    /** The jar measured: this build's, or {@code -Dcorelanes.bench.jar=…} (an older build, for a before and after). */
    private static final Path JAR = Path.of(System.getProperty("corelanes.bench.jar", "target/corelanes.jar")).toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** {@code -Dcorelanes.bench.before=…}: an older build's jar whose window runs beside (a before and after). */
    private static final Path BEFORE = System.getProperty("corelanes.bench.before") == null ? null
            : Path.of(System.getProperty("corelanes.bench.before")).toAbsolutePath();
    private static final String[][] RUNS = {{"processes", "compute"}, {"threads", "compute"}};

    private final Path tmp;
    private final boolean present;
    private final Map<String, List<Double>> rows = new LinkedHashMap<>();

    private WindowRunBench(Path tmp, boolean present) {
        this.tmp = tmp;
        this.present = present;
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean present = List.of(args).contains("--present");
        if (System.getenv("DISPLAY") == null || !Files.isRegularFile(JAR)) {
            System.out.println("(WindowRunBench needs a display — Xvfb — and target/corelanes.jar: `mvn package`.)");
            return;
        }
        Path tmp = Files.createTempDirectory("corelanes-windowrunbench");
        try {
            new WindowRunBench(tmp, present).run(reps);
        } finally {
            BenchHost.deleteTree(tmp);
        }
    }

    private void run(int reps) throws Exception {
        String loadBefore = BenchHost.loadAverage();
        Path home = Files.createDirectories(tmp.resolve("home"));
        DisplayServerCpu xserver = DisplayServerCpu.start(System.getenv("DISPLAY"));
        for (int r = 0; r < reps; r++) {
            for (String[] run : RUNS) {
                String name = run[0] + " 2 " + run[1] + " × 1 s";
                System.err.println("… WindowRunBench rep " + (r + 1) + " of " + reps + ": " + name);
                Trace cli = cli(run);
                Trace win = window(JAR, run, home);
                Trace old = BEFORE == null ? null : window(BEFORE, run, Files.createDirectories(tmp.resolve("before")));
                if (cli == null || win == null) {
                    continue;
                }
                add(name + " · CLI wall, s", cli.wallSeconds());
                add(name + " · window wall, s", win.wallSeconds());
                add(name + " · window ÷ CLI", win.wallSeconds() / cli.wallSeconds());
                if (old != null) {
                    add(name + " · window of the build before (" + BEFORE.getFileName() + ") ÷ CLI",
                            old.wallSeconds() / cli.wallSeconds());
                }
                if (win.conditions().windowKnown()) {
                    add(name + " · window drawing CPU during the run, s", win.conditions().windowCpuNanos() / 1e9);
                }
                long start = win.startedAt().toEpochMilli();
                double display = xserver.secondsBetween(start, start + Math.round(win.wallSeconds() * 1000));
                if (!Double.isNaN(display)) {
                    // The X server (software rendering copies every frame into it) is another process on the cores.
                    add(name + " · X server CPU during the run (10 ms ticks), s", display);
                }
            }
        }
        System.out.printf(Locale.ROOT, "WindowRunBench · %s · Java %s · %d reps · %s, software rendering · load average "
                        + "before: %s, after: %s%n%n", dev.corelanes.engine.MachineInfo.fromJvm().oneLine(),
                Runtime.version(), reps, present ? "presenter mode (--present) on " + System.getenv("DISPLAY")
                        : "window on " + System.getenv("DISPLAY"), loadBefore, BenchHost.loadAverage());
        if (!xserver.found()) {
            System.out.println("(No X server process found for " + System.getenv("DISPLAY") + ": its CPU is not shown.)\n");
        }
        xserver.close();
        System.out.println("| figure | median (min–max) |");
        System.out.println("|---|---|");
        for (var e : rows.entrySet()) {
            System.out.println("| " + e.getKey() + " | " + format(e.getValue()) + " |");
        }
    }

    /** The run from the command line: its run file. */
    private Trace cli(String[] run) throws IOException, InterruptedException {
        Path out = tmp.resolve("cli-" + System.nanoTime() + ".json");
        List<String> cmd = List.of(JAVA, "-jar", JAR.toString(), "run", "--mode", run[0], "--kind", run[1],
                "--tasks", "2", "--seconds", "1", "--json", out.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // The window's cache folder: both start their worker JVMs with the same start-up cache. (The window is closed
        // as soon as its run is kept, before the worker cache it builds in the background after a run is done: with
        // a folder of its own, every window run's workers started without one, ×1.18 against the CLI's.)
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("home").resolve("cache").toString());
        Process p = dev.corelanes.engine.child.Children.start(pb);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly();
            return null;
        }
        return Files.isRegularFile(out) ? read(out) : null;
    }

    /** The run from {@code window … --run}: the file the window keeps of it; then the window is closed. */
    private Trace window(Path jar, String[] run, Path home) throws IOException, InterruptedException {
        Path data = home.resolve("data");
        Path runs = data.resolve("corelanes").resolve("runs");
        List<Path> before = list(runs);
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Duser.home=" + home, "-Dprism.order=sw", "-jar",
                jar.toString(), "window", "--mode", run[0], "--kind", run[1], "--tasks", "2", "--seconds", "1", "--run"));
        if (present) {
            cmd.add("--present");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_DATA_HOME", data.toString());
        pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
        Process p = dev.corelanes.engine.child.Children.start(pb);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive()) {
                for (Path f : list(runs)) {
                    if (!before.contains(f)) {
                        Thread.sleep(300); // written through a temporary file and moved: complete once seen
                        return read(f);
                    }
                }
                Thread.sleep(100);
            }
            return null;
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static Trace read(Path f) {
        try {
            return RunFile.read(f);
        } catch (RuntimeException | dev.corelanes.engine.files.RunFileException e) {
            System.err.println("unreadable run file " + f + ": " + e.getMessage());
            return null;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".corelanes.json")).toList();
        }
    }

    private void add(String row, double value) {
        rows.computeIfAbsent(row, k -> new ArrayList<>()).add(value);
    }

    private static String format(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        double median = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        return String.format(Locale.ROOT, "%.3f (%.3f–%.3f, n=%d)", median, v.get(0), v.get(v.size() - 1), v.size());
    }

}

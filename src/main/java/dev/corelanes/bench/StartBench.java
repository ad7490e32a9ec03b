package dev.corelanes.bench;

import dev.corelanes.engine.platform.Os;
import dev.corelanes.runners.Runs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.launch.LaunchProperties;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.lab.ResidentMemory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The start-up table of issue 16, each row twice: the cold path a user takes (a fresh JVM per CLI command,
 * {@code java -jar target/corelanes.jar}, default JVM flags) and the warm path of the app (the same run
 * again inside one JVM that has run it before). CPython beside where it applies. Every figure is the median
 * of {@code reps} with its min–max; the cold and warm runs, and CPython's, are interleaved rep by rep so a
 * burst of load elsewhere hits them alike.
 *
 * <p>Run after {@code mvn package}: {@code java -cp target/corelanes.jar dev.corelanes.bench.StartBench [reps]};
 * the window rows need a display (under {@code xvfb-run}). They compare, launch by launch, JVM defaults without
 * the restart, {@code java -jar} as users start it (on JDK 24+ the restart adds the pom's options and the
 * start-up archive, written by a first launch) and, with {@code -Dcorelanes.bench.appFlags="…"} (the bench
 * profile passes the pom's), those flags without an archive; {@code -Dcorelanes.bench.aotCache=FILE} adds a
 * row with that JDK AOT cache.
 */
public final class StartBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MachineInfo MACHINE = MachineInfo.fromJvm();
    private static final Path JAR = Path.of("target", "corelanes.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final int reps;
    private final Path tmp;

    private StartBench(int reps, Path tmp) {
        this.reps = reps;
        this.tmp = tmp;
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (!Files.isRegularFile(JAR)) {
            System.out.println("(StartBench measures the packaged jar: run `mvn package` first.)");
            return;
        }
        Path tmp = Files.createTempDirectory("corelanes-startbench");
        try {
            new StartBench(reps, tmp).run();
        } finally {
            BenchHost.deleteTree(tmp);
        }
    }

    // ---- one rep of everything --------------------------------------------------------------------------

    private final List<Double> hello = new ArrayList<>();
    private final List<Double> coldSpawn = new ArrayList<>(), warmSpawn = new ArrayList<>();
    private final List<Double> coldSleep = new ArrayList<>(), warmSleep = new ArrayList<>();
    private final List<Double> coldSpeedup = new ArrayList<>(), warmSpeedup = new ArrayList<>(), pySpeedup = new ArrayList<>();
    private final List<Double> pySpawn = new ArrayList<>();
    private final List<Double> coldVirtual = new ArrayList<>(), warmVirtual = new ArrayList<>();
    private final List<Double> coldRamp = new ArrayList<>(), warmRamp = new ArrayList<>();
    private final List<Double> jdkVirtual = new ArrayList<>(), jdkRamp = new ArrayList<>();
    private String python = null;

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "CoreLanes StartBench · %s · Java %s · %d reps · cold = `java -jar` per command, "
                + "JVM defaults (a CLI command is not restarted); warm = the same run again in one JVM%n%n", MACHINE.oneLine(), Runtime.version(), reps);
        warmUpThisJvm();
        for (int r = 0; r < reps; r++) {
            System.err.println("… StartBench rep " + (r + 1) + " of " + reps);
            hello.add(wallOf(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                    "-cp", JAR.toString(), Hello.class.getName())));

            JsonNode sleep = cli("processes", "sleep", 2);
            coldSpawn.add(slowestSpawn(sleep));
            coldSleep.add(sleep.path("wallSeconds").asDouble());
            Trace ws = warm(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2);
            warmSpawn.add(slowestSpawn(ws));
            warmSleep.add(ws.wallSeconds());

            double seq = cli("sequential", "compute", 2).path("wallSeconds").asDouble();
            double proc = cli("processes", "compute", 2).path("wallSeconds").asDouble();
            coldSpeedup.add(seq / proc);
            warmSpeedup.add(warm(ExecutionMode.SEQUENTIAL, TaskKind.COMPUTE, 2).wallSeconds()
                    / warm(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2).wallSeconds());

            JsonNode v = cli("virtual", "sleep", 10_000);
            coldVirtual.add(v.path("wallSeconds").asDouble());
            coldRamp.add(ramp(v));
            Trace wv = warm(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000);
            warmVirtual.add(wv.wallSeconds());
            warmRamp.add(ramp(wv));
            double[] floor = virtualFloor();
            jdkVirtual.add(floor[0]);
            jdkRamp.add(floor[1]);

            python();
        }
        StringBuilder md = new StringBuilder();
        md.append("| what | cold CLI (fresh JVM) | warm app (same JVM) | CPython | goal |\n|---|---|---|---|---|\n");
        md.append(row("bare JVM \"hello\" (`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`), s", s(hello, 3), "", "", "the floor"));
        md.append(row("2 worker JVMs spawned at once → both running (slowest spawning span), s", s(coldSpawn, 3),
                s(warmSpawn, 3), pySpawn.isEmpty() ? "" : s(pySpawn, 3) + " (spawn, one child)", "≤ 0.08"));
        md.append(row("processes, 2 sleep × 1 s, wall, s", s(coldSleep, 3), s(warmSleep, 3), "", "≤ 1.10"));
        md.append(row("processes, 2 compute × 1 s, speedup vs sequential", x(coldSpeedup), x(warmSpeedup),
                pySpeedup.isEmpty() ? "" : x(pySpeedup) + " (multiprocessing spawn)", "≥ CPython's"));
        md.append(row("virtual threads, 10 000 sleep × 1 s, wall, s", s(coldVirtual, 3), s(warmVirtual, 3), "", "≤ 1.05"));
        md.append(row("virtual threads, 10 000: launch ramp (first → last task start), s", s(coldRamp, 3), s(warmRamp, 3), "", ""));
        md.append(row("the JDK alone, fresh JVM (a class that starts 10 000 virtual threads that sleep 1 s): wall, s", s(jdkVirtual, 3), "", "", "the floor"));
        md.append(row("the JDK alone, fresh JVM: launch ramp, s", s(jdkRamp, 3), "", "", "the floor"));
        md.append(window());
        if (python != null) {
            md.append("\nCPython: ").append(python).append(".\n");
        }
        System.out.print(md);
    }

    private static String row(String what, String cold, String warm, String py, String goal) {
        return "| " + what + " | " + cold + " | " + warm + " | " + py + " | " + goal + " |\n";
    }

    /** Lets this JVM's JIT, calibration and worker start-up cache settle, so "warm" means warm. */
    private void warmUpThisJvm() throws InterruptedException {
        warm(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2);
        warm(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2);
        warm(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000);
    }

    private static Trace warm(ExecutionMode mode, TaskKind kind, int tasks) throws InterruptedException {
        return Runs.run(ExperimentSpec.of(mode, kind, tasks, 1, false), MACHINE);
    }

    // ---- the cold path: one CLI command, one fresh JVM ------------------------------------------------

    private int files;

    private JsonNode cli(String mode, String kind, int tasks) throws IOException, InterruptedException {
        Path json = tmp.resolve("run" + (files++) + ".json");
        List<String> cmd = List.of(JAVA, "-jar", JAR.toString(), "run",
                "--mode=" + mode, "--kind=" + kind, "--tasks=" + tasks, "--seconds=1", "--json=" + json);
        Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("corelanes run " + mode + " " + kind + " failed (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
        }
        JsonNode run = JSON.readTree(json.toFile());
        Files.deleteIfExists(json);
        return run;
    }

    /** {@link VirtualFloor} in a fresh JVM with default flags: its wall and launch ramp, in seconds. */
    private static double[] virtualFloor() throws IOException, InterruptedException {
        Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder(JAVA, "-cp", JAR.toString(), VirtualFloor.class.getName(), "10000")
                .redirectError(ProcessBuilder.Redirect.DISCARD));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("VirtualFloor failed: " + out);
        }
        String[] f = out.split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
    }

    private static double wallOf(List<String> cmd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
        p.waitFor();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double slowestSpawn(JsonNode run) {
        double worst = 0;
        for (JsonNode s : run.path("spans")) {
            if (SpanState.SPAWNING.id().equals(s.path("state").asText())) {
                worst = Math.max(worst, s.path("endSeconds").asDouble() - s.path("startSeconds").asDouble());
            }
        }
        return worst;
    }

    private static double slowestSpawn(Trace t) {
        return t.spans().stream().filter(s -> s.state() == SpanState.SPAWNING).mapToLong(Span::durationNanos)
                .max().orElse(0) / 1e9;
    }

    private static double ramp(JsonNode run) {
        double first = Double.MAX_VALUE, last = 0;
        for (JsonNode t : run.path("tasks")) {
            double s = t.path("startSeconds").asDouble();
            first = Math.min(first, s);
            last = Math.max(last, s);
        }
        return last - first;
    }

    private static double ramp(Trace t) {
        return (t.tasks().stream().mapToLong(TaskRecord::startNanos).max().orElse(0)
                - t.tasks().stream().mapToLong(TaskRecord::startNanos).min().orElse(0)) / 1e9;
    }

    // ---- CPython: multiprocessing spawn, same machine, same rep -------------------------------------------

    private void python() {
        try (InputStream in = StartBench.class.getResourceAsStream("python_compare.py")) {
            Path script = tmp.resolve("python_compare.py");
            Files.write(script, in.readAllBytes());
            Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder("python3", script.toString(), "5").redirectError(ProcessBuilder.Redirect.DISCARD));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return;
            }
            JsonNode j = JSON.readTree(out);
            python = j.path("python").asText() + " (`python3` on the PATH)";
            if (j.has("spawn")) {
                pySpawn.add(j.get("spawn").get("medianMs").asDouble() / 1000);
            }
            if (j.path("compute").has("spawnSpeedup")) {
                pySpeedup.add(j.get("compute").get("spawnSpeedup").asDouble());
            }
        } catch (IOException | NullPointerException e) {
            // no python3: the CPython column stays empty
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the window: launch → shown, idle memory ------------------------------------------------------------

    private String window() throws IOException, InterruptedException {
        boolean display = !Os.current().isLinux() || System.getenv("DISPLAY") != null;
        if (!display) {
            return "| window rows | (no display: run under xvfb-run) | | | |\n";
        }
        List<String> appFlags = Arrays.stream(System.getProperty("corelanes.bench.appFlags", "").trim().split("\\s+"))
                .filter(f -> !f.isEmpty()).toList();
        String aot = System.getProperty("corelanes.bench.aotCache", "");
        List<List<String>> configs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        // The baseline: JVM defaults, no restart (so neither the pom's options nor the start-up archive).
        configs.add(List.of("-D" + LaunchProperties.RELAUNCH + "=false"));
        names.add("JVM defaults, no archive (`-Dcorelanes.relaunch=false`)");
        if (Runtime.version().feature() >= 24) {
            // What a user gets: the restart adds the pom's options and the start-up cache the warm-up launch left
            // (on JDK 25+ an AOT cache its parent trained after it closed), and software rendering where it fell back.
            configs.add(List.of());
            names.add("`java -jar` as users start it (JDK 24+ restart: the pom's options and the start-up cache — "
                    + (Runtime.version().feature() >= 25 ? "an AOT cache trained after the first session" : "the archive") + ")");
        }
        if (!appFlags.isEmpty()) {
            List<String> flagsOnly = new ArrayList<>(appFlags);
            flagsOnly.add("-D" + LaunchProperties.RELAUNCH + "=false");
            configs.add(flagsOnly);
            names.add("the launcher's flags, no archive (`" + String.join(" ", appFlags) + "`)");
        }
        if (!aot.isEmpty() && Files.isRegularFile(Path.of(aot))) {
            List<String> withAot = new ArrayList<>(appFlags);
            withAot.add("-XX:AOTCache=" + aot);
            configs.add(withAot);
            names.add("the launcher's flags and a JDK AOT cache");
        }
        double[][] shown = new double[configs.size()][reps];
        double[][] rss = new double[configs.size()][reps];
        Path home = Files.createDirectories(tmp.resolve("home"));
        for (List<String> config : configs) {
            launch(config, home, true); // the first session writes the start-up archive as it exits
        }
        for (int r = 0; r < reps; r++) {
            for (int c = 0; c < configs.size(); c++) {
                double[] m = launch(configs.get(c), home, false);
                shown[c][r] = m[0];
                rss[c][r] = m[1];
            }
        }
        StringBuilder md = new StringBuilder();
        for (int c = 0; c < configs.size(); c++) {
            double[] ratio = new double[reps];
            for (int r = 0; r < reps; r++) {
                ratio[r] = shown[c][r] / shown[0][r];
            }
            String vs = c == 0 ? "" : " (×" + Stats.of(ratio).format(2) + " of the first, launch by launch)";
            md.append(row("window: launch → shown, s — " + names.get(c), Stats.of(shown[c]).format(2) + vs, "", "", "≤ 1.0"));
            md.append(row("window: idle resident memory, MiB — " + names.get(c), Stats.of(rss[c]).format(0), "", "", "≤ 150"));
        }
        return md.toString();
    }

    /**
     * Launch → the app's "shown" line, and the resident memory of the window's JVM (on JDK 24+ the restarted
     * child, not the parent that waits for it) 3 s later while idle; fresh preferences, the start-up archive in
     * the bench's own cache folder. {@code first}: close once the machine is read, a normal exit.
     */
    private static double[] launch(List<String> flags, Path home, boolean first) throws IOException, InterruptedException {
        // As a user starts it: the jar's manifest enables native access. (A JVM option of its own here would
        // also make the JVM refuse an AOT cache trained without it.)
        List<String> cmd = new ArrayList<>(List.of(JAVA));
        cmd.addAll(flags);
        cmd.addAll(List.of("-Duser.home=" + home, "-D" + LaunchProperties.STARTUP_PROBE + "=true"));
        if (first) {
            cmd.add("-D" + LaunchProperties.EXIT_WHEN_READY + "=true");
        }
        cmd.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toAbsolutePath().toString());
        long t0 = System.nanoTime();
        Process p = dev.corelanes.engine.child.Children.start(pb);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.contains(LaunchProperties.SHOWN_LINE)) {
                // the app's own output before the window is up
            }
            double shown = (System.nanoTime() - t0) / 1e9;
            if (first) {
                p.waitFor(120, TimeUnit.SECONDS);
                return new double[]{shown, 0};
            }
            Thread.sleep(3000);
            long window = ResidentMemory.ofPid(p.pid());
            for (ProcessHandle child : p.descendants().toList()) {
                window = Math.max(window, ResidentMemory.ofPid(child.pid()));
            }
            return new double[]{shown, window / 1048576.0};
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    // ---- formatting ------------------------------------------------------------------------------------------

    private static String s(List<Double> values, int decimals) {
        return values.isEmpty() ? "" : Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray()).format(decimals);
    }

    private static String x(List<Double> values) {
        if (values.isEmpty()) {
            return "";
        }
        Stats st = Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray());
        return String.format(Locale.ROOT, "×%.2f (×%.2f–×%.2f)", st.median(), st.min(), st.max());
    }
}

package dev.corelanes.bench;

import dev.corelanes.launch.LaunchProperties;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The start-up rows of issue 27's table, each beside its floor measured in the same run: launch → the window up
 * (the app's {@link LaunchProperties#MAPPED_LINE}, once its opening frame is shown, measured as the floor's
 * {@link LaunchProperties#SHOWN_LINE}) and launch → the app's whole window laid out (its shown line) for
 *
 * <ul>
 *   <li>the floor: a minimal JavaFX window ({@link FloorWindow}: menu bar, button, spinner) with serial GC, C1
 *       and software rendering, without and with a JDK AOT cache trained on it here;</li>
 *   <li>the installed app ({@code /opt/corelanes/bin/CoreLanes} when installed, else the app-image in
 *       {@code target/jpackage}), its first launch on a fresh home and a later one;</li>
 *   <li>{@code java -jar target/corelanes.jar}: the first launch on a fresh home (its session closes once the
 *       machine is read and its training while idle has ended; then how long after the window closed its command
 *       returned), then a launch with that home's cache present.</li>
 * </ul>
 *
 * Each rep runs every row once, interleaved, so a burst of load elsewhere hits them alike; each figure is the
 * median (min–max) of the reps, and each row's ratio to the floor with an AOT cache is taken rep by rep. The
 * load average before and after is printed: the machine is shared. Needs a display (under {@code xvfb-run} on
 * Linux); {@code java -cp target/corelanes.jar dev.corelanes.bench.LaunchBench [reps]} after {@code mvn package}
 * (and {@code mvn -Pinstaller package} or the installed .deb for the installed rows).
 */
public final class LaunchBench {

    private static final Path JAR = Path.of("target", "corelanes.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The pom's window JVM options (the bench profile passes them), else the same by hand. */
    private static final List<String> APP_FLAGS = Arrays.stream(System.getProperty("corelanes.bench.appFlags",
                    "-XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();

    private final Path tmp;
    private final Map<String, List<Double>> rows = new LinkedHashMap<>();
    private final Map<String, List<Double>> ratios = new LinkedHashMap<>();

    private LaunchBench(Path tmp) {
        this.tmp = tmp;
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean display = !dev.corelanes.engine.platform.Os.current().isLinux() || System.getenv("DISPLAY") != null;
        if (!display || !Files.isRegularFile(JAR)) {
            System.out.println("(LaunchBench needs a display — run under xvfb-run — and target/corelanes.jar: `mvn package`.)");
            return;
        }
        Path tmp = Files.createTempDirectory("corelanes-launchbench");
        try {
            new LaunchBench(tmp).run(reps);
        } finally {
            BenchHost.deleteTree(tmp);
        }
    }

    private void run(int reps) throws Exception {
        String loadBefore = BenchHost.loadAverage();
        Path floorCache = trainFloor();
        Path installed = installed();
        for (int r = 0; r < reps; r++) {
            System.err.println("… LaunchBench rep " + (r + 1) + " of " + reps);
            double floor = shown(floorCommand(null), Map.of(), false)[0];
            add("floor: minimal JavaFX window, serial GC + C1 + software rendering, no AOT cache", floor, Double.NaN);
            double floorAot = floorCache == null ? Double.NaN : shown(floorCommand(floorCache), Map.of(), false)[0];
            add("floor: the same with a JDK AOT cache", floorAot, Double.NaN);
            double base = Double.isNaN(floorAot) ? floor : floorAot;
            if (installed != null) {
                Path home = Files.createDirectories(tmp.resolve("installed-" + r));
                double[] first = shown(List.of(installed.toString()), installedEnv(home), true);
                add("installed app (`" + installed + "`), first launch, fresh home: window up", first[2], first[2] / base);
                add("installed app, first launch: whole window laid out", first[0], first[0] / base);
                double[] later = shown(List.of(installed.toString()), installedEnv(home), false);
                add("installed app, a later launch: window up", later[2], later[2] / base);
                add("installed app, a later launch: whole window laid out", later[0], later[0] / base);
            }
            Path home = Files.createDirectories(tmp.resolve("jar-" + r));
            double[] first = shown(jarCommand(home), jarEnv(home), true);
            add("`java -jar`, first launch, fresh home: window up", first[2], first[2] / base);
            add("`java -jar`, first launch: whole window laid out", first[0], first[0] / base);
            add("`java -jar`, first launch: window closed (after its idle training) → command returned, s", first[1], Double.NaN);
            double[] cached = shown(jarCommand(home), jarEnv(home), false);
            add("`java -jar`, cache present (the first launch's): window up", cached[2], cached[2] / base);
            add("`java -jar`, cache present: whole window laid out", cached[0], cached[0] / base);
        }
        System.out.printf(Locale.ROOT, "LaunchBench · %s · Java %s · %d reps · launch → the window up "
                        + "(the app's opening frame shown, as the floor's window is) and laid out whole, s · load "
                        + "average before: %s, after: %s%n%n",
                dev.corelanes.engine.MachineInfo.fromJvm().oneLine(), Runtime.version(), reps, loadBefore, BenchHost.loadAverage());
        System.out.println("| path | launch → moment, s, median (min–max) | × the floor with an AOT cache, rep by rep |");
        System.out.println("|---|---|---|");
        for (var e : rows.entrySet()) {
            List<Double> ratio = ratios.get(e.getKey());
            System.out.println("| " + e.getKey() + " | " + format(e.getValue(), 2) + " | "
                    + (ratio.isEmpty() ? "" : "×" + format(ratio, 2)) + " |");
        }
        if (installed == null) {
            System.out.println("\n(No installed app: `mvn -Pinstaller package` or install the .deb for its rows.)");
        }
    }

    private void add(String row, double value, double ratio) {
        List<Double> values = rows.computeIfAbsent(row, k -> new ArrayList<>());
        List<Double> rs = ratios.computeIfAbsent(row, k -> new ArrayList<>());
        if (!Double.isNaN(value)) {
            values.add(value);
        }
        if (!Double.isNaN(ratio)) {
            rs.add(ratio);
        }
    }

    private static String format(List<Double> values, int decimals) {
        return values.isEmpty() ? "—" : Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray()).format(decimals);
    }

    // ---- the floor -------------------------------------------------------------------------------------------

    private List<String> floorCommand(Path aotCache) {
        List<String> cmd = new ArrayList<>(List.of(JAVA));
        cmd.addAll(APP_FLAGS);
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dprism.order=sw"));
        if (aotCache != null) {
            cmd.addAll(List.of("-XX:AOTCache=" + aotCache, "-Xlog:aot*=off,cds*=off"));
        }
        cmd.addAll(List.of("-cp", JAR.toString(), FloorWindow.class.getName()));
        return cmd;
    }

    /** The floor window's own AOT cache: one recorded launch, then assembled; null when that fails. */
    private Path trainFloor() throws IOException, InterruptedException {
        if (Runtime.version().feature() < 25) {
            return null;
        }
        Path conf = tmp.resolve("floor.aotconf");
        Path cache = tmp.resolve("floor.aot");
        List<String> record = new ArrayList<>(floorCommand(null));
        record.addAll(1, List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf, "-Dfloor.exit=true"));
        List<String> create = new ArrayList<>(floorCommand(null));
        create.addAll(1, List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + cache));
        return quietly(record) && quietly(create) && Files.isRegularFile(cache) ? cache : null;
    }

    private static boolean quietly(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GDK_GL", "disable");
        Process p = dev.corelanes.engine.child.Children.start(pb);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    // ---- the app ---------------------------------------------------------------------------------------------

    /** The installed launcher, else the app-image's; null when neither exists. */
    private static Path installed() {
        for (String p : List.of(System.getProperty("corelanes.bench.installed", ""), "/opt/corelanes/bin/CoreLanes",
                "target/jpackage/CoreLanes/bin/CoreLanes")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p))) {
                return Path.of(p).toAbsolutePath();
            }
        }
        return null;
    }

    private static Map<String, String> installedEnv(Path home) {
        Map<String, String> env = new java.util.HashMap<>(jarEnv(home));
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home + " -D" + LaunchProperties.STARTUP_PROBE + "=true");
        return env;
    }

    private static Map<String, String> jarEnv(Path home) {
        return Map.of("XDG_CACHE_HOME", home.resolve("cache").toString(), "XDG_DATA_HOME", home.resolve("data").toString());
    }

    private static List<String> jarCommand(Path home) {
        return List.of(JAVA, "-Duser.home=" + home, "-D" + LaunchProperties.STARTUP_PROBE + "=true", "-jar", JAR.toString());
    }

    /**
     * Launch → the shown line, in seconds; with {@code session} the window then closes itself once the machine is
     * read and its idle training (if any) ended (a normal end, as a user's session) and the second figure is how
     * long after the window's closing line the command returned; otherwise it is stopped.
     */
    private static double[] shown(List<String> cmd, Map<String, String> env, boolean session)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(cmd);
        if (session) {
            String exit = "-D" + LaunchProperties.EXIT_WHEN_READY + "=true";
            if (env.containsKey("JAVA_TOOL_OPTIONS")) {
                env = new java.util.HashMap<>(env);
                env.put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " " + exit);
            } else {
                full.add(1, exit);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        if (cmd.contains(FloorWindow.class.getName())) {
            pb.environment().put("GDK_GL", "disable"); // as the app's launcher does with software rendering
        }
        long t0 = System.nanoTime();
        Process p = dev.corelanes.engine.child.Children.start(pb);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean seen = false;
            double mapped = Double.NaN;
            while ((line = in.readLine()) != null) {
                if (line.contains(LaunchProperties.MAPPED_LINE)) {
                    mapped = (System.nanoTime() - t0) / 1e9;
                }
                if (line.contains(LaunchProperties.SHOWN_LINE)) {
                    seen = true;
                    break;
                }
            }
            long shown = System.nanoTime();
            if (!seen) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            if (session) {
                // From the window's closing line (after its idle training, if any) to the command's end.
                long closing = shown;
                while ((line = in.readLine()) != null) {
                    if (line.contains(LaunchProperties.CLOSING_LINE)) {
                        closing = System.nanoTime();
                        break;
                    }
                }
                in.transferTo(java.io.Writer.nullWriter());
                p.waitFor(300, TimeUnit.SECONDS);
                return new double[] {(shown - t0) / 1e9, (System.nanoTime() - closing) / 1e9, mapped};
            }
            return new double[] {(shown - t0) / 1e9, Double.NaN, mapped};
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

}

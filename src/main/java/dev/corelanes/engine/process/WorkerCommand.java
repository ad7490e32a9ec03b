package dev.corelanes.engine.process;

import dev.corelanes.engine.platform.Os;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a worker process from this installation: the same Java runtime and classes, with main
 * class {@code dev.corelanes.Main} and the argument {@code --worker NAME}. Always an argument list, never
 * a shell command line.
 *
 * <ul>
 *   <li>When the runtime has {@code bin/java} ({@code java -jar}, {@code mvn javafx:run}, tests, an
 *       app-image that kept it): that java, with the class path (or module path) of this JVM and flags
 *       that make a small JVM start fast.</li>
 *   <li>Otherwise (a jpackage app-image without {@code bin/java}): the native launcher this process was
 *       started with, minus the {@code _JPACKAGE*} variables it set for itself — with them the child
 *       launcher believes it is a re-entry and fails.</li>
 * </ul>
 */
final class WorkerCommand {

    /** The app's entry point; named by string because the engine must not depend on the app layer. */
    static final String MAIN_CLASS = "dev.corelanes.Main";
    static final String WORKER_FLAG = "--worker";

    /**
     * Start-up flags, each measured (see ProcessBench and the report of issue 3): serial GC (no GC threads
     * to start), C1 only (no C2 compiler work during start-up; the xorshift kernel measured as fast under C1
     * as under C2 here: a 1 s task took 1016 vs 1020 ms in a child), no perf-data file, and all VM output on
     * stderr — stdout carries the protocol, and a JVM warning there would be taken for a broken message.
     */
    static final List<String> FAST_START_FLAGS = List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:+DisplayVMOutputToStderr",
            "-Xlog:disable", "-Xlog:all=warning:stderr");

    /**
     * JDK 25+: do not replay the start-up cache's recorded compilations at start. With them, each worker's
     * compiler thread compiled what the trainer had compiled (its tasks' whole path) while two workers booted
     * on two cores; without, it compiles what this worker runs, when it gets hot. Measured side by side in
     * cold CLI runs (benchmarks.md): start → hello ×0.91, and a 1 s compute task used less CPU (1.020 vs
     * 1.028 s). A diagnostic option, hence the unlock; JDK 21–24 do not know it (and would refuse to start),
     * and a later JDK may drop it: {@code IgnoreUnrecognizedVMOptions} keeps a worker starting there.
     */
    static List<String> replayFlags(int feature) {
        return feature >= 25
                ? List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining")
                : List.of();
    }

    private final List<String> javaPrefix;   // java + JVM options, or the launcher; null when unknown
    private final List<String> mainArgs;     // what selects the main class (empty for a launcher)
    private final boolean java;
    private final String problem;
    private final List<String> extraJvmArgs;
    private final String mainClass;

    private WorkerCommand(List<String> javaPrefix, List<String> mainArgs, boolean java, String problem,
                          List<String> extraJvmArgs, String mainClass) {
        this.javaPrefix = javaPrefix;
        this.mainArgs = mainArgs;
        this.java = java;
        this.problem = problem;
        this.extraJvmArgs = extraJvmArgs;
        this.mainClass = mainClass;
    }

    static WorkerCommand forThisJvm() {
        boolean windows = Os.current().isWindows();
        Path javaExe = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(javaExe)) {
            List<String> prefix = new ArrayList<>();
            prefix.add(javaExe.toString());
            prefix.addAll(FAST_START_FLAGS);
            prefix.addAll(replayFlags(Runtime.version().feature()));
            Module app = WorkerCommand.class.getModule();
            List<String> select = new ArrayList<>();
            if (app.isNamed()) {
                prefix.add("--module-path");
                prefix.add(System.getProperty("jdk.module.path", ""));
                prefix.add("--enable-native-access=ALL-UNNAMED,com.sun.jna," + app.getName()); // JNA, and the foreign probe
                select.add("--module");
                select.add(app.getName() + "/" + MAIN_CLASS);
            } else {
                prefix.add("-cp");
                prefix.add(System.getProperty("java.class.path", ""));
                prefix.add("--enable-native-access=ALL-UNNAMED");
            }
            return new WorkerCommand(List.copyOf(prefix), List.copyOf(select), true, null, List.of(), MAIN_CLASS);
        }
        String launcher = ProcessHandle.current().info().command().orElse(null);
        if (launcher == null || !new File(launcher).canExecute()) {
            return new WorkerCommand(null, List.of(), false, "cannot tell how this app was started (no "
                    + javaExe + " and no readable launcher path), so worker processes cannot be started",
                    List.of(), MAIN_CLASS);
        }
        return new WorkerCommand(List.of(launcher), List.of(), false, null, List.of(), MAIN_CLASS);
    }

    /** The same command with more JVM options (tests use it; ignored for a native launcher). */
    WorkerCommand withJvmArgs(List<String> args) {
        List<String> all = new ArrayList<>(extraJvmArgs);
        all.addAll(args);
        return new WorkerCommand(javaPrefix, mainArgs, java, problem, List.copyOf(all), mainClass);
    }

    /** The same command running another main class from the same class path (tests: fake workers). */
    WorkerCommand withMainClass(String className) {
        if (!java || !mainArgs.isEmpty()) {
            throw new IllegalStateException("another main class needs bin/java on the class path");
        }
        return new WorkerCommand(javaPrefix, mainArgs, java, problem, extraJvmArgs, className);
    }

    /** Why no worker can be started here, or null. */
    String problem() {
        return problem;
    }

    /** What decides which classes a child sees: its java, flags and class or module path (for the start-up cache). */
    List<String> identity() {
        List<String> id = new ArrayList<>(javaPrefix == null ? List.of() : javaPrefix);
        id.addAll(extraJvmArgs);
        return id;
    }

    /**
     * True when this app's classes come from jar files only; the JVM caches no classes from directories.
     * (Under tests the class path is one jar whose manifest lists directories: the code source tells.)
     */
    boolean runsFromJars() {
        if (!java) {
            return false;
        }
        try {
            var src = WorkerCommand.class.getProtectionDomain().getCodeSource();
            if (src == null || !Files.isRegularFile(Path.of(src.getLocation().toURI()))) {
                return false;
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return false;
        }
        String path = System.getProperty(WorkerCommand.class.getModule().isNamed() ? "jdk.module.path" : "java.class.path", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Files.isRegularFile(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /** True when JVM options (and so the start-up cache) can be passed. */
    boolean acceptsJvmOptions() {
        return java;
    }

    /**
     * The parent's JNA library search path, handed to the child. Without it, JNA's first use in the child
     * runs {@code ldconfig -p} in a process of its own to list library folders — inside every worker's
     * spawning span (13 ms of 118 ms on the quieter 2-core machine, ~30 ms of ~240 ms loaded; see benchmarks.md). The parent's
     * value is what JNA computed there, ldconfig included, so the child searches the same folders. Nothing
     * when the parent has not used JNA yet (the child then asks ldconfig itself, as before).
     */
    static List<String> jnaSearchPath() {
        String path = System.getProperty(JNA_SEARCH_PATH);
        return path == null || path.isEmpty() ? List.of() : List.of("-D" + JNA_SEARCH_PATH + "=" + path);
    }

    static final String JNA_SEARCH_PATH = "jna.platform.library.path";

    /**
     * Where the parent found JNA's native library can be unpacked and run ({@code NativeFolder}), handed to the
     * child so that it neither looks again at start nor picks an unusable folder by itself.
     */
    static List<String> jnaFolder() {
        List<String> out = new ArrayList<>();
        for (String p : List.of("jna.tmpdir", "jna.nosys")) {
            String v = System.getProperty(p);
            if (v != null && !v.isEmpty()) {
                out.add("-D" + p + "=" + v);
            }
        }
        return out;
    }

    /** A process builder for worker {@code name}, with {@code cacheArgs} added to the JVM options. */
    ProcessBuilder builder(String name, List<String> cacheArgs) {
        return builderFor(List.of(WORKER_FLAG, name), cacheArgs);
    }

    /** A process builder running this app's {@code Main} with the given arguments. */
    ProcessBuilder builderFor(List<String> appArgs, List<String> cacheArgs) {
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        List<String> cmd = new ArrayList<>(javaPrefix);
        if (java) {
            cmd.addAll(crashFlags());
            cmd.addAll(cacheArgs);
            cmd.addAll(extraJvmArgs);
            cmd.addAll(jnaSearchPath());
            cmd.addAll(dev.corelanes.engine.ThreadCpuClock.childJvmArgs()); // the same (simulated) CPU clock
            cmd.addAll(jnaFolder());
            if (mainArgs.isEmpty()) {
                cmd.add(mainClass);
            } else {
                cmd.addAll(mainArgs);
            }
        }
        cmd.addAll(appArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (!java) {
            pb.environment().keySet().removeIf(k -> k.startsWith("_JPACKAGE"));
        }
        cleanEnvironment(pb);
        return pb;
    }

    /**
     * Variables through which the user's environment would inject JVM options into a child: a
     * {@code _JAVA_OPTIONS=-Xlog:gc} made every worker print GC lines on its protocol stream.
     */
    static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    /** Drops the variables that would inject JVM options into a child. */
    static void cleanEnvironment(ProcessBuilder pb) {
        pb.environment().keySet().removeAll(JVM_OPTION_VARIABLES);
    }

    /**
     * Where a crashed child JVM writes its report: the cache folder (or the temp folder), never the user's
     * current folder; no core file either.
     */
    static List<String> crashFlags() {
        Path dir = crashReportDir();
        return List.of("-XX:ErrorFile=" + dir.resolve(CRASH_REPORT_PREFIX + "%p.log"),
                "-XX:ReplayDataFile=" + dir.resolve("replay-corelanes-worker-pid%p.log"), "-XX:-CreateCoredumpOnCrash");
    }

    static final String CRASH_REPORT_PREFIX = "hs_err-corelanes-worker-pid";

    static Path crashReportDir() {
        Path cache = dev.corelanes.engine.files.CacheFolder.dir();
        return cache != null ? cache : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The crash report of child {@code pid}, or null when it wrote none. */
    static Path crashReport(long pid) {
        Path p = crashReportDir().resolve(CRASH_REPORT_PREFIX + pid + ".log");
        return Files.isRegularFile(p) ? p : null;
    }
}

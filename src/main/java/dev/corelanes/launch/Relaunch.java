package dev.corelanes.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A clean console for {@code java -jar corelanes.jar} on JDK 24 and newer. JavaFX 21 calls
 * {@code sun.misc.Unsafe}'s memory methods, and from JDK 24 the JVM prints four warning lines about it at
 * every start unless it was started with {@code --sun-misc-unsafe-memory-access=allow} — a launcher option
 * that a jar manifest cannot carry ({@code Launcher-Agent-Class}, {@code Add-Opens} and
 * {@code Enable-Native-Access} cannot either), and that JDK 21 and 22 reject as unknown. So on JDK 24+ the
 * window's JVM starts once more with that option, the same class path, JVM options and arguments; this one
 * waits for it and exits with its code. The child ends itself if this parent dies, so it is never orphaned.
 * The restart also gives the window's JVM the options the launcher and {@code mvn javafx:run} give it, and
 * its start-up cache (see {@link AppArchive}), which a session without one trains while its window is idle
 * ({@link IdleTraining}): this parent never makes the user wait for it after the window closed.
 *
 * <p>Not done when the option is already given, in a jpackage app (its launcher passes JVM options itself),
 * or when {@code -Dcorelanes.relaunch=false} ({@link LaunchProperties#RELAUNCH}).
 */
public final class Relaunch {

    static final String OPTION = "--sun-misc-unsafe-memory-access=allow";
    /**
     * The jar manifest's {@code Enable-Native-Access: ALL-UNNAMED} holds for {@code java -jar} only: the
     * restart names a class path and a main class, so it must say it on the command line, or JavaFX's
     * {@code System.load} prints four "restricted method" warning lines (JDK 24+).
     */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private Relaunch() {
    }

    /**
     * The command that restarts this JVM with the option, running {@code mainClass} (the entry point that asks:
     * named by the caller, so this package never depends back on it) with {@code args}; empty when no restart is
     * needed or possible.
     */
    public static Optional<List<String>> command(String mainClass, String[] args) {
        if (Runtime.version().feature() < 24 || System.getProperty(LaunchProperties.RELAUNCHED) != null
                || "false".equals(System.getProperty(LaunchProperties.RELAUNCH))
                || System.getProperty("jpackage.app-path") != null) {
            return Optional.empty();
        }
        List<String> jvm = JvmArguments.current();
        if (anyStartsWith(jvm, "--sun-misc-unsafe-memory-access")) {
            return Optional.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        String cp = System.getProperty("java.class.path");
        if (java.isEmpty() || cp == null || cp.isBlank() || System.getProperty("jdk.module.main") != null) {
            return Optional.empty();
        }
        // Absolute, so that the start-up cache, named by the class path, is the same from any working folder.
        cp = absolute(cp);
        List<String> cmd = new ArrayList<>();
        cmd.add(java.get());
        cmd.add(OPTION);
        // What the jar's manifest gives `java -jar`; a JVM started with -cp reads no manifest, and JavaFX would
        // print four warning lines about loading its native libraries.
        if (!anyStartsWith(jvm, "--enable-native-access")) {
            cmd.add(NATIVE_ACCESS);
        }
        cmd.addAll(appOptions(jvm));
        // The start-up cache and the rendering pipeline, named by every option so far and the user's.
        List<String> options = new ArrayList<>(cmd.subList(1, cmd.size()));
        options.addAll(jvm);
        AppArchive.Names files = AppArchive.names(options, cp);
        cmd.addAll(AppArchive.flags(files, Runtime.version().feature()));
        cmd.addAll(AppArchive.pipelineFlags(files, options));
        cmd.addAll(jvm); // after ours: the user's options win
        cmd.add("-D" + LaunchProperties.RELAUNCHED + "=true");
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /** {@code classPath} with every entry made absolute (an entry that is no path stays as it is). */
    static String absolute(String classPath) {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator, -1)) {
            try {
                out.add(entry.isEmpty() ? entry : java.nio.file.Path.of(entry).toAbsolutePath().normalize().toString());
            } catch (java.nio.file.InvalidPathException | java.io.IOError e) {
                out.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    /**
     * The window JVM's options from the pom ({@code app.jvm.*}: serial GC, C1, a small heap; measured in
     * benchmarks.md), which {@code mvn javafx:run} and the installed app pass too — minus a GC when the user
     * chose one (two GCs stop the JVM). Placed before the user's options, so that theirs win.
     */
    static List<String> appOptions(List<String> userJvm) {
        List<String> options = new ArrayList<>();
        try (var in = Relaunch.class.getResourceAsStream("app-jvm.options")) {
            if (in == null) {
                return List.of();
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    options.addAll(List.of(line.trim().split("\\s+")));
                }
            }
        } catch (java.io.IOException e) {
            return List.of();
        }
        boolean userGc = false;
        for (String o : userJvm) {
            userGc |= choosesGc(o);
        }
        List<String> kept = new ArrayList<>();
        for (String o : options) {
            if (!o.startsWith("${") && !(userGc && choosesGc(o))) {
                kept.add(o);
            }
        }
        return kept;
    }

    /**
     * True when an option in {@code options} starts with {@code prefix}. Loops, not streams, on the way to the window's
     * JVM: each lambda a cold JVM meets first is spun into a class of its own.
     */
    static boolean anyStartsWith(List<String> options, String prefix) {
        for (String o : options) {
            if (o.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean choosesGc(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    /** Runs {@code cmd} with this console and returns its exit code; stops it if this JVM is stopped. */
    public static int run(List<String> cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().putAll(AppArchive.environment(cmd, pb.environment()));
            Process p = dev.corelanes.engine.child.Children.start(pb);
            Thread stop = new Thread(p::destroy, "corelanes-relaunch-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            int code = p.waitFor();
            dropArchiveAfterCrash(cmd, code);
            AppArchive.afterSession(cmd, code); // the archive the window JVM wrote at exit, under a name of its own
            return code;
        } catch (java.io.IOException e) {
            return -1; // could not start: the caller opens the window here instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** How a JVM ends on a fatal error (SIGABRT). */
    static final int JVM_CRASH = 134;

    /**
     * A window JVM that crashed with a start-up archive or AOT cache: remove it, so that a damaged one cannot
     * crash every launch; the next session writes a new one.
     */
    static void dropArchiveAfterCrash(List<String> cmd, int code) {
        if (code != JVM_CRASH) {
            return;
        }
        AppArchive.dropCaches(cmd);
    }

    /** In the restarted JVM: exit when the parent that started it is gone (killed), so nothing is orphaned. */
    public static void followParent() {
        if (System.getProperty(LaunchProperties.RELAUNCHED) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(143)));
    }
}

package dev.corelanes;

import dev.corelanes.cli.Cli;
import dev.corelanes.launch.LaunchProperties;
import dev.corelanes.launch.Relaunch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The entry point, and only a dispatcher. It is deliberately not a JavaFX Application: the java launcher
 * would then start the FX toolkit before {@code main}, and a {@code --worker} child process must start fast,
 * without a display and without loading JavaFX or OSHI.
 *
 * <ul>
 *   <li>no arguments → the window</li>
 *   <li>{@code --worker …} → a child worker process (engine only)</li>
 *   <li>{@code --counter-worker K} → a child of the memory lab</li>
 *   <li>run files only ({@code CoreLanes a.corelanes.json}, as a file manager passes a double-clicked
 *       file) → the window, with those runs open</li>
 *   <li>anything else → the command line ({@code info}, {@code run}, …)</li>
 * </ul>
 */
public final class Main {

    public static final String WORKER_FLAG = "--worker";
    /** A child of the memory lab: increments its own counter (see CounterWorker). */
    public static final String COUNTER_WORKER_FLAG = "--counter-worker";

    private Main() {
    }

    /** Command names that win over a file of the same name in the current folder. */
    private static final Set<String> COMMANDS = Set.of("info", "run", "export", "memory", "overhead", "window", "sweep", "help");

    /**
     * True when every argument names an existing file and the first is no command: a file manager opening
     * run files (the installed .desktop entry says {@code Exec=CoreLanes %F}). Options keep the command line.
     */
    static boolean opensFiles(String[] args) {
        if (args.length == 0 || COMMANDS.contains(args[0])) {
            return false;
        }
        for (String a : args) {
            if (a.isEmpty() || a.startsWith("-")) {
                return false;
            }
            try {
                if (!Files.isRegularFile(Path.of(a))) {
                    return false;
                }
            } catch (java.nio.file.InvalidPathException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Before anything uses JNA (OSHI, the core probe, pinning): a folder where its native library can run. Not in a
     * parent JVM that only restarts the window's (it creates folders and reads the mount table on the way to the
     * window).
     */
    private static void prepareNative() {
        dev.corelanes.engine.files.NativeFolder.prepare();
    }

    public static void main(String[] args) {
        if (args.length > 0 && WORKER_FLAG.equals(args[0])) {
            prepareNative();
            dev.corelanes.engine.process.WorkerMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && COUNTER_WORKER_FLAG.equals(args[0])) {
            prepareNative();
            dev.corelanes.engine.lab.CounterWorker.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 0 || opensFiles(args)) {
            var again = Relaunch.command(Main.class.getName(), args);
            if (again.isPresent()) {
                int code = Relaunch.run(again.get());
                if (code >= 0) {
                    System.exit(code);
                }
            }
            prepareNative(); // the window's JVM: after the restart, which a parent JVM only waits for
            Relaunch.followParent();
            boolean training = Boolean.getBoolean(LaunchProperties.TRAIN_WINDOW);
            if (!training || Boolean.getBoolean(LaunchProperties.TRAIN_SHOWN)) {
                dev.corelanes.launch.InstalledLaunch.prepare(); // a shown training goes through it, as a launch does
            }
            if (training) {
                dev.corelanes.app.Launcher.train();
                return;
            }
            dev.corelanes.app.Launcher.launch(args);
            return;
        }
        prepareNative();
        int code = Cli.run(args);
        var window = dev.corelanes.cli.WindowCommand.takeRequest();
        if (code == Cli.OK && window != null) {
            var again = Relaunch.command(Main.class.getName(), args);
            if (again.isPresent()) {
                int child = Relaunch.run(again.get());
                if (child >= 0) {
                    System.exit(child);
                }
            }
            System.clearProperty("java.awt.headless"); // set for the command line; the window has a display
            Relaunch.followParent();
            dev.corelanes.launch.InstalledLaunch.prepare();
            dev.corelanes.app.Launcher.launch(new String[0], window.spec(), window.lesson(), window.run(),
                    window.present());
            return;
        }
        System.exit(code);
    }
}

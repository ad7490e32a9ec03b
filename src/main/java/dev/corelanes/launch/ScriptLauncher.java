package dev.corelanes.launch;

import dev.corelanes.engine.platform.Os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux app-image's launcher as a few lines of {@code sh}, written from the jpackage launcher's own configuration
 * ({@code lib/app/CoreLanes.cfg}) when the installer is built.
 *
 * <p>Why: jpackage's native Linux launcher asks the package managers which package owns it at every start — {@code rpm
 * -qf}, then {@code dpkg -S}, once in the launcher and again in its {@code libapplauncher.so}, and {@code dpkg -L}
 * when a package does own it (JDK 25's {@code LinuxLauncherLib.c} and {@code Package.cpp}) — which took ~0.17 s of a
 * 0.47 s launch on a quiet 2-core VM, where a minimal JavaFX window is up in 0.26 s (benchmarks.md). The script
 * starts the same {@code lib/runtime/bin/java} with the same options, class path and main class, and the same
 * {@code jpackage.app-path} the native launcher passes (the installed app's own paths are found from it), so nothing
 * else changes; it follows a symlink to itself ({@code readlink -f}) as the native launcher does. macOS and Windows
 * keep jpackage's launchers, which ask no package manager.
 */
public final class ScriptLauncher {

    /** The launcher's name in {@code bin/}, as jpackage made it. */
    static final String NAME = "CoreLanes";

    private ScriptLauncher() {
    }

    /** {@code ScriptLauncher <app-image>}: on Linux, replaces {@code bin/CoreLanes} with the script; exit code 0 always. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ScriptLauncher <app-image folder>");
            System.exit(2);
        }
        if (Os.current() != Os.LINUX) {
            return;
        }
        Path image = Path.of(args[0]);
        Path launcher = image.resolve("bin").resolve(NAME);
        Path cfg = image.resolve("lib/app/" + NAME + ".cfg");
        Path runtimeJava = image.resolve("lib/runtime/bin/java");
        if (!Files.isRegularFile(launcher) || !Files.isRegularFile(cfg) || !Files.isExecutable(runtimeJava)) {
            System.out.println("CoreLanes installer: no Linux app-image with a runtime in " + image
                    + ": jpackage's launcher is kept");
            return;
        }
        String script;
        try {
            script = script(Files.readAllLines(cfg, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            System.out.println("CoreLanes installer: " + e.getMessage() + ": jpackage's launcher is kept");
            return;
        }
        Path temp = launcher.resolveSibling("." + NAME + ".script");
        Files.writeString(temp, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(temp, launcher, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("CoreLanes installer: bin/" + NAME + " starts the runtime directly (no package-manager queries)");
    }

    /** The script for launcher configuration {@code cfg} (its lines); refuses one it cannot read in full. */
    static String script(List<String> cfg) {
        String section = "";
        String main = null;
        List<String> classPath = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String raw : cfg) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("a line of the launcher configuration is not key=value: " + line);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (section + key) {
                case "[Application]app.mainclass" -> main = value;
                case "[Application]app.classpath" -> classPath.add(value);
                case "[JavaOptions]java-options" -> options.add(value);
                // Anything else (a module path, a splash screen, arguments) this script does not know how to pass.
                default -> throw new IllegalArgumentException("the launcher configuration has " + key
                        + " in " + section + ", which the script launcher does not pass");
            }
        }
        if (main == null || classPath.isEmpty()) {
            throw new IllegalArgumentException("the launcher configuration names no main class or class path");
        }
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# CoreLanes, written from lib/app/CoreLanes.cfg when the package was built (launch.ScriptLauncher):\n");
        s.append("# the same JVM, options and class path as jpackage's launcher, without its rpm/dpkg queries at each start.\n");
        s.append("self=$(readlink -f -- \"$0\" 2>/dev/null) || self=$0\n");
        s.append("[ -n \"$self\" ] || self=$0\n");
        s.append("root=${self%/bin/*}\n");
        s.append("APPDIR=$root/lib/app\n");
        s.append("exec \"$root/lib/runtime/bin/java\"");
        for (String o : options) {
            s.append(" \\\n  ").append(quoted(o));
        }
        s.append(" \\\n  \"-Djpackage.app-path=$self\"");
        s.append(" \\\n  -cp ").append(quoted(String.join(":", classPath)));
        s.append(" \\\n  ").append(quoted(main)).append(" \"$@\"\n");
        return s.toString();
    }

    /**
     * {@code value} in double quotes for {@code sh}, with jpackage's {@code $APPDIR} kept as the script's variable and
     * every other character taken literally.
     */
    static String quoted(String value) {
        StringBuilder q = new StringBuilder("\"");
        String[] parts = value.split("\\$APPDIR", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                q.append("${APPDIR}");
            }
            for (char c : parts[i].toCharArray()) {
                if (c == '"' || c == '\\' || c == '$' || c == '`') {
                    q.append('\\');
                }
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}

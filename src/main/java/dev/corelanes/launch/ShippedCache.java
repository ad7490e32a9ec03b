package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.engine.platform.Os;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The installed app's start-up caches, made while the installer is built ({@code mvn -Pinstaller package}) and
 * shipped inside its app-image: the one path where the JDK that will run the app is known at build time — the
 * bundled runtime — so a JDK AOT cache trained then is valid on every machine the package is installed on.
 *
 * <ul>
 *   <li><b>The window's</b> ({@value #WINDOW_CACHE} beside the app's jar): the image's own launcher is run as a
 *       trainer, with the launcher's own options and class path, plus {@code -XX:AOTMode=record} and
 *       {@code -Dcorelanes.trainWindow=true} through {@code JAVA_TOOL_OPTIONS}: on a virtual display of its own
 *       ({@code xvfb-run}, Linux) the window shown as a launch shows it — opening frame, then the whole window —
 *       and one tiny run in it ({@code -Dcorelanes.trainShown=true}), so the cache also holds what showing a stage
 *       loads; elsewhere the real window built off screen and one tiny run, as {@code java -jar}'s idle training
 *       does (WindowTraining); then
 *       {@code -XX:AOTMode=create}. The launcher's configuration then gains {@code -XX:AOTCache=$APPDIR/…}
 *       and the options that keep a stale cache silent ({@link #windowOptions}): the JVM checks the cache against
 *       its runtime and class path at every start and, when it does not match, runs without it. A damaged one is
 *       caught by its checksums: at install on Linux ({@link #CHECK}), at every start elsewhere.</li>
 *   <li><b>The workers'</b> ({@value #WORKER_CACHE}): the image's launcher makes one processes run from the
 *       command line in a cache folder of its own, which builds the worker cache as any first run does
 *       (StartupCache); that cache is shipped, and the installed app's workers use it from the first run.</li>
 * </ul>
 *
 * <p>Training builds a window, so it needs a display: where there is none (a CI runner, a container) it runs
 * under {@code xvfb-run} when that exists, and otherwise the package is built without the window's cache,
 * saying so in one line — the app then starts as before, without one. A step that fails or takes too long
 * likewise leaves the image without that cache; the build itself never fails for it.
 */
public final class ShippedCache {

    /** The window JVM's AOT cache, in the app-image's app folder ({@code $APPDIR}). */
    public static final String WINDOW_CACHE = "corelanes.aot";
    /** The worker JVMs' AOT cache, in the same folder. */
    public static final String WORKER_CACHE = CacheFiles.SHIPPED_WORKER_CACHE;

    /** The most one step may take: a loaded 2-core machine trained the window in ~5–15 s. */
    static final long STEP_SECONDS = 240;

    private ShippedCache() {
    }

    /** {@code ShippedCache <app-image> <work folder>}: trains, assembles and places both caches; exit code 0 always. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ShippedCache <app-image folder> <work folder>");
            System.exit(2);
        }
        Path image = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        Image img = Image.find(image, Os.current());
        if (img == null) {
            say("no app-image launcher in " + image + ": no start-up cache shipped");
            return;
        }
        if (Runtime.version().feature() < AppArchive.AOT_JDK) {
            say("JDK " + Runtime.version().feature() + " cannot make an AOT cache (25+ can): none shipped");
            return;
        }
        boolean window = trainWindow(img, work);
        boolean workers = trainWorkers(img, work);
        if (window) {
            addOptions(img.config(), windowOptions(Os.current()));
            if (Os.current() == Os.LINUX) {
                writeCheck(img.appDir());
            }
        }
        say("window cache " + (window ? "shipped (" + size(img.appDir().resolve(WINDOW_CACHE)) + ")" : "not shipped")
                + ", worker cache " + (workers ? "shipped (" + size(img.appDir().resolve(WORKER_CACHE)) + ")" : "not shipped"));
    }

    /** Where an app-image keeps its launcher and its launcher's configuration, per OS (jpackage's layouts). */
    record Image(Path launcher, Path config) {
        Path appDir() {
            return config.getParent();
        }

        static Image find(Path image, Os os) {
            List<Image> layouts = List.of(
                    new Image(image.resolve("bin/CoreLanes"), image.resolve("lib/app/CoreLanes.cfg")),
                    new Image(image.resolve("Contents/MacOS/CoreLanes"), image.resolve("Contents/app/CoreLanes.cfg")),
                    // Windows: the console launcher, so a trainer that fails says why in the build's log
                    new Image(image.resolve("corelanes-cli.exe"), image.resolve("app/CoreLanes.cfg")),
                    new Image(image.resolve("CoreLanes.exe"), image.resolve("app/CoreLanes.cfg")));
            for (Image i : layouts) {
                if (Files.isRegularFile(i.launcher()) && Files.isRegularFile(i.config())) {
                    return i;
                }
            }
            return null;
        }
    }

    /**
     * The launcher options that use the shipped window cache, silently ignored when it does not match its runtime
     * or class path ({@link AppArchive#QUIET}). A cache damaged past its header crashed the JVM at start (SIGSEGV,
     * tried on JDK 25.0.3); {@code -XX:+VerifySharedSpaces} checks its checksums as it maps it and runs without it
     * instead, but that reads all of it (42 MB) at every start: 0.07 s of a 0.5 s launch on a quiet 2-core VM,
     * 0.3 s on a slower day of the same VM (benchmarks.md). On Linux the package checks the cache once, when it is
     * installed ({@link #CHECK}, run by the .deb's postinst and the .rpm's %post), and removes one that fails, so the
     * launcher maps it as the JDK maps its own CDS archive: unchecked. macOS's .dmg and Windows' .msi run no script
     * of ours at install, so there the launcher keeps the check.
     */
    static List<String> windowOptions(Os os) {
        if (os == Os.LINUX) {
            return List.of("-XX:AOTCache=$APPDIR/" + WINDOW_CACHE, AppArchive.QUIET);
        }
        return List.of("-XX:AOTCache=$APPDIR/" + WINDOW_CACHE, "-XX:+VerifySharedSpaces", AppArchive.QUIET);
    }

    /** The install-time check of the window cache, beside it in {@code $APPDIR} (Linux packages only). */
    static final String CHECK = "check-start-up-cache";

    /**
     * The check, as {@code sh}: the image's own launcher, with its own options and class path, runs {@code --version}
     * with the cache's checksums verified and the cache required ({@code -XX:AOTMode=on}: a cache that does not map is
     * an error, not skipped); a cache that fails is removed, so the app starts without it instead of crashing. Its
     * cache and data folders are a temporary one: installing writes nothing in root's home.
     */
    static String checkScript() {
        return """
                #!/bin/sh
                # CoreLanes' window start-up cache, checked once when the package is installed instead of at every
                # start (written by launch.ShippedCache; run by the package's postinst or %post). A cache that fails
                # is removed: the app then starts without it, a little more slowly, instead of crashing.
                app=$(dirname "$(readlink -f -- "$0")")
                cache=$app/@CACHE@
                [ -f "$cache" ] || exit 0
                home=$(mktemp -d 2>/dev/null) || exit 0
                limit=
                command -v timeout >/dev/null 2>&1 && limit="timeout 120"
                if ! HOME=$home XDG_CACHE_HOME=$home XDG_DATA_HOME=$home XDG_CONFIG_HOME=$home \
                     JAVA_TOOL_OPTIONS="-XX:+VerifySharedSpaces -XX:AOTMode=on" \
                     $limit "$app/../../bin/@LAUNCHER@" --version >/dev/null 2>&1; then
                    rm -f "$cache"
                    echo "CoreLanes: its start-up cache did not pass its check and was removed; the app starts without it."
                fi
                rm -rf "$home"
                exit 0
                """.replace("@CACHE@", WINDOW_CACHE).replace("@LAUNCHER@", ScriptLauncher.NAME);
    }

    /** Writes {@link #CHECK} into {@code appDir}, executable. */
    static void writeCheck(Path appDir) throws IOException {
        Path check = appDir.resolve(CHECK);
        Files.writeString(check, checkScript(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(check, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Adds {@code options} at the end of the launcher configuration's {@code [JavaOptions]} section. */
    static void addOptions(Path config, List<String> options) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(config, StandardCharsets.UTF_8));
        int section = lines.indexOf("[JavaOptions]");
        if (section < 0) {
            lines.add("[JavaOptions]");
            section = lines.size() - 1;
        }
        int end = section + 1;
        while (end < lines.size() && !lines.get(end).startsWith("[")) {
            end++;
        }
        while (end > section + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        List<String> added = options.stream().map(o -> "java-options=" + o).toList();
        lines.addAll(end, added);
        Files.write(config, lines, StandardCharsets.UTF_8);
    }

    private static boolean trainWindow(Image img, Path work) {
        List<String> display = displayPrefix();
        if (display == null) {
            say("no display (DISPLAY unset) and no xvfb-run: the window's start-up cache is not trained,"
                    + " the installed app starts without one");
            return false;
        }
        Path config = work.resolve("window.aotconf");
        Path built = work.resolve("window.aot");
        deleteQuietly(config);
        deleteQuietly(built);
        List<String> record = new ArrayList<>(display);
        record.add(img.launcher().toString());
        String recordOptions = "-XX:AOTMode=record -XX:AOTConfiguration=" + config + " -D" + LaunchProperties.TRAIN_WINDOW + "=true";
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", recordOptions);
        if (!display.isEmpty()) {
            // On its own virtual display the trainer shows the window as a launch does (LaunchProperties.TRAIN_SHOWN),
            // with a home and cache folder of its own: what it notes there (the rendering pipeline) is not the builder's.
            Path home = work.resolve("window-home");
            try {
                Files.createDirectories(home);
            } catch (IOException e) {
                return false;
            }
            env = Map.of("JAVA_TOOL_OPTIONS", recordOptions + " -D" + LaunchProperties.TRAIN_SHOWN + "=true -Duser.home=" + home,
                    "XDG_CACHE_HOME", home.resolve("cache").toString(), "XDG_DATA_HOME", home.resolve("data").toString());
        }
        if (!step(record, env, work.resolve("window-record.log")) || !nonEmpty(config)) {
            say("training the window failed (see " + work.resolve("window-record.log") + "): no window cache shipped");
            return false;
        }
        String createOptions = "-XX:AOTMode=create -XX:AOTConfiguration=" + config + " -XX:AOTCache=" + built;
        if (!step(List.of(img.launcher().toString()), Map.of("JAVA_TOOL_OPTIONS", createOptions), work.resolve("window-create.log"))
                || !nonEmpty(built)) {
            say("assembling the window's cache failed (see " + work.resolve("window-create.log") + "): none shipped");
            return false;
        }
        return place(built, img.appDir().resolve(WINDOW_CACHE));
    }

    private static boolean trainWorkers(Image img, Path work) {
        Path cache = work.resolve("cache");
        Path home = work.resolve("home");
        try {
            Files.createDirectories(cache);
            Files.createDirectories(home);
        } catch (IOException e) {
            return false;
        }
        // The cache folder of this run alone: XDG_CACHE_HOME (Linux), LOCALAPPDATA (Windows), user.home (macOS).
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "LOCALAPPDATA", cache.toString(),
                "JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        List<String> run = List.of(img.launcher().toString(), "run", "--mode", "processes", "--kind", "sleep",
                "--tasks", "2", "--seconds", "0.1");
        if (!step(run, env, work.resolve("worker-run.log"))) {
            say("the packaged run that builds the worker cache failed (see " + work.resolve("worker-run.log") + ")");
            return false;
        }
        Path found = newestWorkerCache(List.of(cache.resolve("corelanes"), home.resolve("Library/Caches/corelanes")));
        if (found == null) {
            say("the packaged run built no worker cache: none shipped");
            return false;
        }
        return place(found, img.appDir().resolve(WORKER_CACHE));
    }

    /** The newest valid (checksummed) worker AOT cache in {@code dirs}, or null. */
    static Path newestWorkerCache(List<Path> dirs) {
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "corelanes-worker-*.aot")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    int dot = name.indexOf('.');
                    CacheFiles.Generation g = dot < 0 ? null : CacheFiles.parse(f, name.substring(0, dot));
                    if (g != null && CacheFiles.valid(g.data(), g.sum()) && g.millis() > bestTime) {
                        best = g.data();
                        bestTime = g.millis();
                    }
                }
            } catch (IOException e) {
                // none from here
            }
        }
        return best;
    }

    /**
     * On Linux {@code xvfb-run -a} where it exists (a virtual display for the trainer alone, even where there is a
     * desktop: see {@link #privateDisplay}); else nothing to add where there is a display, or on macOS and Windows
     * (their CI runners and desktops have a session); null when training cannot build a window anywhere.
     */
    static List<String> displayPrefix() {
        if (Os.current() != Os.LINUX) {
            return List.of();
        }
        List<String> own = privateDisplay();
        if (!own.isEmpty()) {
            return own;
        }
        String display = System.getenv("DISPLAY");
        return display != null && !display.isBlank() ? List.of() : null;
    }

    /**
     * {@code xvfb-run -a} where it exists (Linux): a display of the trainer's own, on which the window may be shown
     * as a launch shows it (nobody sees it, even on a desktop); else empty.
     */
    static List<String> privateDisplay() {
        if (Os.current() != Os.LINUX) {
            return List.of();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path xvfb = Path.of(dir, "xvfb-run");
            if (Files.isExecutable(xvfb)) {
                return List.of(xvfb.toString(), "-a", "-s", "-screen 0 1280x720x24");
            }
        }
        return List.of();
    }

    /** Runs one step with {@code env} added, its output to {@code log}; true when it ended by itself with 0 in time. */
    private static boolean step(List<String> cmd, Map<String, String> env, Path log) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE); // the trainer ends itself when this pipe closes
            pb.environment().putAll(env);
            Process p = dev.corelanes.engine.child.Children.start(pb);
            boolean ended = p.waitFor(STEP_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean place(Path built, Path target) {
        try {
            Files.copy(built, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            say("could not place " + target + ": " + e.getMessage());
            return false;
        }
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // written over by the step
        }
    }

    private static String size(Path p) {
        try {
            return (Files.size(p) / (1024 * 1024)) + " MB";
        } catch (IOException e) {
            return "?";
        }
    }

    private static void say(String line) {
        System.out.println("CoreLanes installer: " + line);
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.child.ChildProcess;
import dev.corelanes.engine.child.ChildReadException;
import dev.corelanes.engine.child.ChildStartException;
import dev.corelanes.engine.platform.Os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Everything a locator may look at: which OS's rules apply, the environment variables, the home folder, the
 * programs and sub-folders of a folder, and what a command prints ({@code py -0p}, {@code xcode-select -p}).
 * The real machine's ({@link #system()}), a folder tree standing for another OS's disk ({@link #onDisk}), or
 * plain functions: every OS's search runs on fixtures on any OS.
 *
 * @param os            whose rules and path syntax apply
 * @param env           an environment variable's value, or null when unset
 * @param home          the user's home folder ({@code user.home}: {@code /Users/ana}, {@code C:\Users\ana})
 * @param filesIn       names of the programs in a folder (empty when it does not exist): executable files, and
 *                      on Windows also entries that exist but cannot be followed — the Microsoft Store's
 *                      app-execution aliases, which are launched, never stat'ed
 * @param foldersIn     names of the sub-folders of a folder (empty when it does not exist)
 * @param commandOutput what a command prints when it ends with exit code 0, else "" (it cannot run, fails or
 *                      hangs)
 */
public record SearchPlaces(Os os, Function<String, String> env, String home,
                           Function<String, List<String>> filesIn, Function<String, List<String>> foldersIn,
                           Function<List<String>, String> commandOutput) {

    /** How long a command a locator runs may take before it is killed (with everything it started). */
    static final long COMMAND_MILLIS = 5_000;

    /** This machine. */
    public static SearchPlaces system() {
        return onDisk(Os.current(), System::getenv, System.getProperty("user.home", ""), null,
                SearchPlaces::launchedNotFollowed, SearchPlaces::run);
    }

    /**
     * A disk: the real one ({@code root} null) or a folder tree under {@code root} standing for another OS's
     * ({@code C:\Users\ana} is {@code root/C/Users/ana}, {@code /opt/homebrew} is {@code root/opt/homebrew}).
     *
     * @param launchOnly which existing entries count as programs although they are not regular files (on
     *                   Windows only: see {@link #launchedNotFollowed})
     */
    public static SearchPlaces onDisk(Os os, Function<String, String> env, String home, Path root,
                                      Predicate<Path> launchOnly, Function<List<String>, String> commands) {
        Function<String, Path> local = root == null ? SearchPlaces::plainPath : name -> under(root, name);
        return new SearchPlaces(os, env, home,
                dir -> programs(local.apply(dir), os.isWindows() ? launchOnly : p -> false),
                dir -> folders(local.apply(dir)), commands);
    }

    /** An environment variable, "" when unset. */
    public String getenv(String name) {
        String v = env.apply(name);
        return v == null ? "" : v;
    }

    /** The PATH variable ("" when unset). */
    public String path() {
        return getenv("PATH");
    }

    /** The folder separator of this OS's paths. */
    public String slash() {
        return os.isWindows() ? "\\" : "/";
    }

    /** {@code dir} and {@code name} joined with this OS's separator. */
    public String join(String dir, String name) {
        return dir.endsWith("/") || dir.endsWith("\\") ? dir + name : dir + slash() + name;
    }

    /** The PATH's folders, in order, without empty entries or repeats. */
    public List<String> pathFolders() {
        List<String> out = new ArrayList<>();
        for (String d : path().split(Pattern.quote(os.isWindows() ? ";" : ":"))) {
            String dir = d.strip();
            if (os.isWindows() && dir.length() > 1 && dir.startsWith("\"") && dir.endsWith("\"")) {
                dir = dir.substring(1, dir.length() - 1); // Windows allows a quoted PATH entry
            }
            if (!dir.isBlank() && !out.contains(dir)) {
                out.add(dir);
            }
        }
        return out;
    }

    /**
     * True for an entry that exists, but that the JDK cannot follow to a regular file or a folder: on Windows,
     * an app-execution alias (a reparse point the Microsoft Store puts in {@code WindowsApps}). Java's
     * {@code isRegularFile}/{@code isExecutable} say false for it and following it fails, yet Windows starts it;
     * so it is a program to launch, and the probe decides whether it is Python. (On Linux a dangling symbolic
     * link behaves the same way to the JDK, which lets the tests stand one in for an alias.)
     */
    static boolean launchedNotFollowed(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }

    private static Path plainPath(String name) {
        return Path.of(name);
    }

    /** {@code name} (an absolute path of any OS) under {@code root}: the drive letter becomes a folder. */
    static Path under(Path root, String name) {
        Path p = root;
        for (String part : name.replace(":", "").split("[\\\\/]+")) {
            if (!part.isEmpty()) {
                p = p.resolve(part);
            }
        }
        return p;
    }

    private static List<String> programs(Path dir, Predicate<Path> launchOnly) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if ((Files.isRegularFile(p) && Files.isExecutable(p)) || launchOnly.test(p)) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder that does not exist or cannot be read holds no interpreter
        }
        return out;
    }

    private static List<String> folders(Path dir) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no such folder
        }
        return out;
    }

    /** What {@code command} prints within 5 s, "" when it fails or does not end (it is then killed with its tree). */
    private static String run(List<String> command) {
        try {
            ChildProcess.Finished f = ChildProcess.runToEnd("search", new ProcessBuilder(command), 64 * 1024,
                    COMMAND_MILLIS, ChildProcess.Option.MERGE_STDERR);
            return f.exitCode() == 0 ? f.output() : "";
        } catch (ChildStartException | ChildReadException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

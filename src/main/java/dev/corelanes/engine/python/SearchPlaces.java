package dev.corelanes.engine.python;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a locator may look at: the PATH, the executable files of a folder, the folders matching a
 * pattern, and the output of a command (Windows' {@code py -0p}). The real machine's, or a fixture's.
 *
 * @param path         the PATH variable ("" when unset)
 * @param separator    its separator (':' or ';')
 * @param filesIn      names of the executable files in a folder (empty when it does not exist)
 * @param foldersIn    names of the sub-folders of a folder (empty when it does not exist)
 * @param commandOutput the standard output of a command, or "" when it cannot run
 */
public record SearchPlaces(String path, String separator, Function<String, List<String>> filesIn,
                           Function<String, List<String>> foldersIn, Function<List<String>, String> commandOutput) {

    /** This machine. */
    public static SearchPlaces system() {
        String path = System.getenv("PATH");
        return new SearchPlaces(path == null ? "" : path, File.pathSeparator, SearchPlaces::executables,
                SearchPlaces::folders, SearchPlaces::run);
    }

    /** The PATH's folders, in order, without empty entries. */
    public List<String> pathFolders() {
        List<String> out = new ArrayList<>();
        for (String d : path.split(java.util.regex.Pattern.quote(separator))) {
            if (!d.isBlank() && !out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<String> executables(String dir) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir))) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // a PATH entry that does not exist or cannot be read holds no interpreter
        }
        return out;
    }

    private static List<String> folders(String dir) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir))) {
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
            dev.corelanes.engine.child.ChildProcess.Finished f = dev.corelanes.engine.child.ChildProcess.runToEnd(
                    "search", new ProcessBuilder(command), 64 * 1024, 5_000,
                    dev.corelanes.engine.child.ChildProcess.Option.MERGE_STDERR);
            return f.exitCode() == 0 ? f.output() : "";
        } catch (dev.corelanes.engine.child.ChildStartException | dev.corelanes.engine.child.ChildReadException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

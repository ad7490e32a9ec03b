package dev.corelanes.engine.python;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows: the {@code py} launcher knows every installed Python ({@code py -0p} lists them with their
 * paths, the default marked {@code *}); then {@code python.exe} and {@code python3.exe} on the PATH.
 */
public final class WindowsLocator implements InterpreterLocator {

    // " -V:3.12 *        C:\Python312\python.exe" (launcher 3.11+) or " -3.9-64 *   C:\...\python.exe" (older)
    private static final Pattern LINE = Pattern.compile("^\\s*-\\S+(\\s+\\*)?\\s+(.+?\\.exe)\\s*$",
            Pattern.CASE_INSENSITIVE);

    @Override
    public List<String> candidates(SearchPlaces places) {
        Set<String> out = new LinkedHashSet<>();
        List<String> listed = parsePyList(places.commandOutput().apply(List.of("py", "-0p")));
        out.addAll(listed);
        for (String dir : places.pathFolders()) {
            List<String> files = places.filesIn().apply(dir);
            for (String name : List.of("python.exe", "python3.exe")) {
                if (files.stream().anyMatch(f -> f.equalsIgnoreCase(name))) {
                    out.add(dir.endsWith("\\") ? dir + name : dir + "\\" + name);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The interpreters {@code py -0p} lists, its default first. */
    static List<String> parsePyList(String output) {
        Set<String> defaults = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (String line : output.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                (m.group(1) != null ? defaults : others).add(m.group(2).strip());
            }
        }
        defaults.addAll(others);
        return List.copyOf(defaults);
    }
}

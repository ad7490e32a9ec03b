package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux and other Unix-likes: {@code python3} on the PATH first (what a student types), then every
 * {@code python3.X} and free-threaded {@code python3.Xt} on the PATH, newest first.
 */
public class PathLocator implements InterpreterLocator {

    private static final Pattern NAME = Pattern.compile("python3(?:\\.(\\d+)(t?))?");

    @Override
    public List<String> candidates(SearchPlaces places) {
        Set<String> out = new LinkedHashSet<>();
        List<String> folders = new ArrayList<>(places.pathFolders());
        folders.addAll(extraFolders(places));
        for (String dir : folders) {
            if (places.filesIn().apply(dir).contains("python3")) {
                out.add(join(dir, "python3"));
                break;
            }
        }
        List<Versioned> versioned = new ArrayList<>();
        for (String dir : folders) {
            for (String name : places.filesIn().apply(dir)) {
                Matcher m = NAME.matcher(name);
                if (m.matches() && m.group(1) != null) {
                    versioned.add(new Versioned(join(dir, name), Integer.parseInt(m.group(1)), !m.group(2).isEmpty()));
                }
            }
        }
        versioned.sort(Comparator.comparingInt(Versioned::minor).reversed()
                .thenComparing(Versioned::freeThreaded));
        versioned.forEach(v -> out.add(v.path()));
        for (String dir : extraFolders(places)) {
            if (places.filesIn().apply(dir).contains("python3")) {
                out.add(join(dir, "python3"));
            }
        }
        return List.copyOf(out);
    }

    /** Folders to look in besides the PATH (none on Linux: what is not on the PATH is not meant to be run). */
    protected List<String> extraFolders(SearchPlaces places) {
        return List.of();
    }

    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private record Versioned(String path, int minor, boolean freeThreaded) {
    }
}

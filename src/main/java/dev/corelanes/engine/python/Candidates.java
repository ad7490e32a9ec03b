package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The interpreters found so far, in the order they will be tried, without repeats; and the rules that say
 * which programs in a folder are Python: {@code python3} and {@code python3.X} / {@code python3.Xt} on Unix,
 * {@code python.exe}, {@code python3.exe} and {@code python3.X.exe} on Windows (names in any case).
 */
final class Candidates {

    private static final Pattern UNIX_VERSIONED = Pattern.compile("python3\\.\\d+t?");
    private static final Pattern WINDOWS_VERSIONED = Pattern.compile("(?i)python3\\.\\d+t?\\.exe");

    private final SearchPlaces places;
    private final Set<String> out = new LinkedHashSet<>();

    Candidates(SearchPlaces places) {
        this.places = places;
    }

    /**
     * The PATH: the plain name from the first folder that has it (what a student's terminal runs) — on Windows
     * {@code python.exe} and {@code python3.exe} of every folder in order —, then every versioned one on the
     * PATH, newest first. {@code skip} leaves out a program by its full path.
     */
    void path(List<String> folders, Predicate<String> skip) {
        List<String> versioned = new ArrayList<>();
        boolean plainFound = false;
        for (String dir : folders) {
            List<String> files = places.filesIn().apply(dir);
            for (String name : plainNames()) {
                String full = places.join(dir, name);
                if ((!plainFound || places.os().isWindows()) && has(files, name) && !skip.test(full)) {
                    out.add(full);
                    plainFound = true;
                }
            }
            for (String f : files) {
                if (versioned(f) && !skip.test(places.join(dir, canonical(f)))) {
                    versioned.add(places.join(dir, canonical(f)));
                }
            }
        }
        addNewestFirst(versioned);
    }

    /** A place's folders, in order: all of a shared folder's interpreters, or each environment's one. */
    void place(Place place) {
        for (String dir : place.folders()) {
            List<String> files = places.filesIn().apply(dir);
            List<String> versioned = new ArrayList<>();
            for (String f : files) {
                if (versioned(f)) {
                    versioned.add(places.join(dir, canonical(f)));
                }
            }
            boolean any = false;
            for (String name : plainNames()) {
                if (has(files, name) && (place.shared() || !any)) {
                    out.add(places.join(dir, name));
                    any = true;
                }
            }
            if (place.shared()) {
                addNewestFirst(versioned);
            } else if (!any && !versioned.isEmpty()) {
                out.add(newestFirst(versioned).get(0));
            }
        }
    }

    void add(String path) {
        out.add(path);
    }

    List<String> list() {
        return List.copyOf(out);
    }

    private void addNewestFirst(List<String> paths) {
        out.addAll(newestFirst(paths));
    }

    /** By the version in the file's name (not in its folders'), newest first; stable, so folder order stays. */
    private List<String> newestFirst(List<String> paths) {
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(java.util.Comparator.comparing(this::fileName, Versions.NEWEST_FIRST));
        return sorted;
    }

    private String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(i + 1);
    }

    private List<String> plainNames() {
        return places.os().isWindows() ? List.of("python.exe", "python3.exe") : List.of("python3");
    }

    private boolean has(List<String> files, String name) {
        return places.os().isWindows() ? files.stream().anyMatch(f -> f.equalsIgnoreCase(name)) : files.contains(name);
    }

    private boolean versioned(String name) {
        return (places.os().isWindows() ? WINDOWS_VERSIONED : UNIX_VERSIONED).matcher(name).matches();
    }

    /** Windows names in the case the installers write them; Unix names as they are. */
    private String canonical(String name) {
        return places.os().isWindows() ? name.toLowerCase(Locale.ROOT) : name;
    }
}

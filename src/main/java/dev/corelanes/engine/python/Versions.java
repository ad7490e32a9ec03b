package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders folder names that carry a Python version, newest first, the way installers name them: pyenv's
 * {@code 3.13.0} and {@code 3.13.0t}, python.org's {@code Python313} (Windows) and {@code 3.13} (macOS),
 * Homebrew's {@code python@3.13}, the install manager's {@code pythoncore-3.14-64}.
 */
final class Versions {

    private static final Pattern DOTTED = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern SQUASHED = Pattern.compile("(?i)python(\\d)(\\d{1,2})(?!\\d)");

    private Versions() {
    }

    /** A version read from a name, e.g. 3.13.0 free-threaded; {@code major} is -1 when it names none. */
    record Version(int major, int minor, int patch, boolean freeThreaded) {
    }

    static Version of(String name) {
        boolean ft = name.matches("(?i).*\\d+t(?:-.*|\\.exe)?$");
        Matcher d = DOTTED.matcher(name);
        if (d.find()) {
            return new Version(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)),
                    d.group(3) == null ? 0 : Integer.parseInt(d.group(3)), ft);
        }
        Matcher s = SQUASHED.matcher(name);
        if (s.find()) {
            return new Version(Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2)), 0, ft);
        }
        return new Version(-1, 0, 0, ft);
    }

    /**
     * {@code names} newest first; of one version the regular (GIL) build before the free-threaded one; names
     * without a version last, in alphabetical order.
     */
    static List<String> newestFirst(List<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(NEWEST_FIRST.thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** The order of {@link #newestFirst}, without the alphabetical tie-break (a stable sort keeps given order). */
    static final Comparator<String> NEWEST_FIRST = Comparator.comparing((String n) -> of(n).major() < 0)
            .thenComparing(Comparator.comparingInt((String n) -> of(n).major()).reversed())
            .thenComparing(Comparator.comparingInt((String n) -> of(n).minor()).reversed())
            .thenComparing(Comparator.comparingInt((String n) -> of(n).patch()).reversed())
            .thenComparing(n -> of(n).freeThreaded());
}

package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * macOS: the PATH, then where Python installers put interpreters that a GUI app's PATH often misses —
 * Homebrew ({@code /opt/homebrew/bin}, {@code /usr/local/bin}), python.org's framework builds, and
 * Apple's {@code /usr/bin/python3} last (it may only be a stub asking to install the command line tools).
 */
public final class MacLocator extends PathLocator {

    static final String FRAMEWORKS = "/Library/Frameworks/Python.framework/Versions";
    /** python.org's free-threaded build (3.13+, an installer option): bin/python3.13t in a framework of its own. */
    static final String FREE_THREADED_FRAMEWORKS = "/Library/Frameworks/PythonT.framework/Versions";

    @Override
    protected List<String> extraFolders(SearchPlaces places) {
        List<String> out = new ArrayList<>(List.of("/opt/homebrew/bin", "/usr/local/bin"));
        for (String frameworks : List.of(FRAMEWORKS, FREE_THREADED_FRAMEWORKS)) {
            List<String> versions = new ArrayList<>(places.foldersIn().apply(frameworks));
            versions.removeIf(v -> !v.matches("3\\.\\d+t?"));
            versions.sort(Comparator.comparingInt((String v) -> Integer.parseInt(v.replaceAll("^3\\.|t$", "")))
                    .reversed());
            versions.forEach(v -> out.add(frameworks + "/" + v + "/bin"));
        }
        out.add("/usr/bin");
        return out;
    }
}

package dev.corelanes.engine.python;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the Python interpreters of this machine, or checks the one a user names. Each probe starts an
 * interpreter (~20–50 ms), so answers are kept for the life of the app. Slow: never call it on a UI thread.
 */
public final class PythonInterpreters {

    private static final Map<String, Object> PROBED = new ConcurrentHashMap<>();

    private PythonInterpreters() {
    }

    /**
     * The interpreter to use: {@code path} if given (checked), else the first usable one found (see
     * {@link InterpreterLocator} for each OS's order). Throws {@link PythonUnavailable} with what to do otherwise.
     */
    public static PythonInterpreter find(String path) {
        return find(path, InterpreterLocator.forThisOs(), SearchPlaces.system());
    }

    static PythonInterpreter find(String path, InterpreterLocator locator, SearchPlaces places) {
        if (path != null && !path.isBlank()) {
            return probe(path.strip());
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String candidate : locator.candidates(places)) {
            if (!seen.add(realPath(candidate))) {
                continue;
            }
            try {
                return probe(candidate);
            } catch (PythonUnavailable e) {
                problems.add(e.getMessage());
            }
        }
        throw new PythonUnavailable(problems.isEmpty()
                ? notFound(locator, places) + " Install Python 3.8 or newer, or give its path (--runtime python=PATH)."
                : "No usable Python found: " + problems.get(0) + (problems.size() > 1 ? " (and "
                + (problems.size() - 1) + " more)" : "") + " Install Python 3.8 or newer, or give its path.");
    }

    /** "No Python 3 found. Looked in: the PATH, Homebrew (/opt/homebrew, /usr/local), …" for this machine. */
    public static String notFound() {
        return notFound(InterpreterLocator.forThisOs(), SearchPlaces.system());
    }

    static String notFound(InterpreterLocator locator, SearchPlaces places) {
        return "No Python 3 found. Looked in: " + String.join(", ", locator.lookedIn(places)) + ".";
    }

    /** Every usable interpreter found, one per real executable, best first (for a chooser). */
    public static List<PythonInterpreter> discover() {
        return discover(InterpreterLocator.forThisOs(), SearchPlaces.system());
    }

    static List<PythonInterpreter> discover(InterpreterLocator locator, SearchPlaces places) {
        List<PythonInterpreter> out = new ArrayList<>();
        Set<String> probed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (String candidate : locator.candidates(places)) {
            if (!probed.add(realPath(candidate))) {
                continue; // python3 and python3.13 of one pyenv version are one file: probed once
            }
            try {
                PythonInterpreter p = probe(candidate);
                if (seen.add(realPath(p.executable()) + " " + p.version() + " " + p.freeThreaded())) {
                    out.add(p);
                }
            } catch (PythonUnavailable e) {
                // not usable: left out of the list (asking for it by path says why)
            }
        }
        return out;
    }

    /** Probes once per path and remembers the answer, good or bad. */
    public static PythonInterpreter probe(String path) {
        Object answer = PROBED.computeIfAbsent(path, p -> {
            try {
                return InterpreterProbe.probe(p);
            } catch (PythonUnavailable e) {
                return e;
            }
        });
        if (answer instanceof PythonUnavailable e) {
            throw new PythonUnavailable(e.getMessage());
        }
        return (PythonInterpreter) answer;
    }

    /** The file behind links; the name as given where there is none to follow (a Store alias, a bare command). */
    private static String realPath(String p) {
        try {
            return Path.of(p).toRealPath().toString();
        } catch (Exception e) {
            return p;
        }
    }
}

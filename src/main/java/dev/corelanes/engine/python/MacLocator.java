package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.List;

/**
 * macOS. Started from Finder, an app's PATH is only {@code /usr/bin:/bin:/usr/sbin:/sbin}, so the PATH alone
 * would find nothing but Apple's {@code /usr/bin/python3}. That one is a stub: without the command line
 * developer tools, running it opens the "install the developer tools" dialog; with them it is Apple's own
 * (old) Python. So the order is:
 * <ol>
 *   <li>the PATH (from a terminal it is the student's own), without {@code /usr/bin/python3};</li>
 *   <li>Homebrew: {@code /opt/homebrew} (Apple silicon), then {@code /usr/local} (Intel), each {@code bin}
 *       and its {@code opt/python@3.X} kegs, newest first;</li>
 *   <li>python.org's framework builds, newest first, then its free-threaded ones ({@code PythonT.framework});</li>
 *   <li>MacPorts ({@code /opt/local/bin}); pyenv's versions; conda's installations;</li>
 *   <li>Apple's {@code /usr/bin/python3} last, and only when {@code xcode-select -p} names a developer
 *       folder that holds {@code usr/bin/python3} — otherwise it is never run, so no dialog appears.</li>
 * </ol>
 * The login shell's PATH is not asked for: that would run the user's start-up files (conda and nvm set-ups
 * take seconds, some print or wait for input) each time Python is looked for, and every place installers use
 * is searched directly anyway; an interpreter anywhere else is given by path (Other Python…, {@code python=PATH}).
 */
public final class MacLocator extends PathLocator {

    static final String FRAMEWORKS = "/Library/Frameworks/Python.framework/Versions";
    /** python.org's free-threaded build (3.13+, an installer option): bin/python3.13t in a framework of its own. */
    static final String FREE_THREADED_FRAMEWORKS = "/Library/Frameworks/PythonT.framework/Versions";
    static final String APPLE = "/usr/bin/python3";
    static final List<String> XCODE_SELECT = List.of("/usr/bin/xcode-select", "-p");

    @Override
    protected List<Place> installPlaces(SearchPlaces places) {
        List<String> brew = new ArrayList<>();
        for (String prefix : List.of("/opt/homebrew", "/usr/local")) {
            brew.add(prefix + "/bin");
        }
        List<String> kegs = new ArrayList<>();
        for (String prefix : List.of("/opt/homebrew", "/usr/local")) {
            Versions.newestFirst(places.foldersIn().apply(prefix + "/opt")).stream()
                    .filter(k -> k.matches("python@3\\.\\d+t?"))
                    .forEach(k -> kegs.add(prefix + "/opt/" + k + "/bin"));
        }
        List<String> frameworks = new ArrayList<>();
        for (String root : List.of(FRAMEWORKS, FREE_THREADED_FRAMEWORKS)) {
            Versions.newestFirst(places.foldersIn().apply(root)).stream()
                    .filter(v -> v.matches("3\\.\\d+t?")) // not "Current", a link to one of them
                    .forEach(v -> frameworks.add(root + "/" + v + "/bin"));
        }
        return List.of(
                Place.shared("Homebrew (/opt/homebrew, /usr/local)", brew),
                Place.environments("", kegs), // part of Homebrew, already named
                Place.environments("python.org (/Library/Frameworks/Python.framework, PythonT.framework)", frameworks),
                Place.shared("MacPorts (/opt/local)", List.of("/opt/local/bin")),
                pyenv(places),
                conda(places, List.of("/opt/homebrew/Caskroom/miniconda/base", "/opt/homebrew/Caskroom/miniforge/base",
                        "/usr/local/Caskroom/miniconda/base", "/usr/local/Caskroom/miniforge/base", "/opt/miniconda3",
                        "/opt/anaconda3")));
    }

    @Override
    protected boolean notFromPath(String path) {
        return path.equals(APPLE);
    }

    @Override
    protected void addLast(SearchPlaces places, Candidates c) {
        if (appleStubPresent(places) && developerTools(places)) {
            c.add(APPLE);
        }
    }

    @Override
    public List<String> lookedIn(SearchPlaces places) {
        List<String> out = new ArrayList<>(super.lookedIn(places));
        if (appleStubPresent(places)) {
            out.add(developerTools(places) ? "Apple's " + APPLE
                    : "not Apple's " + APPLE + " (the command line developer tools are not installed: running it"
                    + " would only ask to install them)");
        }
        return out;
    }

    private static boolean appleStubPresent(SearchPlaces places) {
        return places.filesIn().apply("/usr/bin").contains("python3");
    }

    /**
     * True when the command line developer tools (or Xcode) are installed: {@code xcode-select -p} ends well and
     * names a folder whose {@code usr/bin/python3} exists — the interpreter Apple's stub hands over to. Asking
     * {@code xcode-select -p} never opens the dialog; running the stub would.
     */
    static boolean developerTools(SearchPlaces places) {
        String dir = places.commandOutput().apply(XCODE_SELECT).strip();
        return !dir.isEmpty() && dir.startsWith("/") && !dir.contains("\n")
                && places.filesIn().apply(dir + "/usr/bin").contains("python3");
    }
}

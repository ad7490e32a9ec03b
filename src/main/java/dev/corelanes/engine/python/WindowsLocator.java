package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows, in this order:
 * <ol>
 *   <li>the {@code py} launcher's list ({@code py -0p}), its default first: it knows python.org installs, the
 *       Microsoft Store's and the install manager's, and conda installs that registered themselves;</li>
 *   <li>{@code python.exe} and {@code python3.exe} in each PATH folder, then {@code python3.X.exe} on the PATH,
 *       newest first (the Store's are app-execution aliases in {@code %LOCALAPPDATA%\Microsoft\WindowsApps}:
 *       launched, never stat'ed — see {@link SearchPlaces#launchedNotFollowed});</li>
 *   <li>python.org installs, newest first: per user {@code %LOCALAPPDATA%\Programs\Python\Python3XX}, for all
 *       users {@code %ProgramFiles%\Python3XX};</li>
 *   <li>the Python install manager's runtimes ({@code %LOCALAPPDATA%\Python\pythoncore-3.X-64}) and commands
 *       ({@code %LOCALAPPDATA%\Python\bin});</li>
 *   <li>the Microsoft Store's aliases in {@code WindowsApps}, for a PATH that lacks that folder;</li>
 *   <li>pyenv-win's versions ({@code %PYENV_ROOT%\versions} or {@code %USERPROFILE%\.pyenv\pyenv-win\versions});</li>
 *   <li>conda: {@code %CONDA_PREFIX%}, then Miniconda, Anaconda, Miniforge and Mambaforge in the user's folder
 *       and in {@code %ProgramData%}, each base and its environments.</li>
 * </ol>
 */
public final class WindowsLocator implements InterpreterLocator {

    static final List<String> PY_LIST = List.of("py", "-0p");

    @Override
    public List<String> candidates(SearchPlaces places) {
        Candidates c = new Candidates(places);
        parsePyList(places.commandOutput().apply(PY_LIST)).forEach(c::add);
        c.path(places.pathFolders(), p -> false);
        installPlaces(places).forEach(c::place);
        return c.list();
    }

    @Override
    public List<String> lookedIn(SearchPlaces places) {
        List<String> out = new ArrayList<>(List.of("the py launcher (py -0p)",
                places.pathFolders().isEmpty() ? "the PATH (empty)" : "the PATH"));
        installPlaces(places).forEach(p -> out.add(p.label()));
        return out;
    }

    private List<Place> installPlaces(SearchPlaces places) {
        String home = places.getenv("USERPROFILE").isBlank() ? places.home() : places.getenv("USERPROFILE");
        String local = places.getenv("LOCALAPPDATA").isBlank() ? places.join(home, "AppData\\Local")
                : places.getenv("LOCALAPPDATA");
        String programFiles = places.getenv("ProgramFiles").isBlank() ? "C:\\Program Files"
                : places.getenv("ProgramFiles");
        String programData = places.getenv("ProgramData").isBlank() ? "C:\\ProgramData" : places.getenv("ProgramData");

        String perUser = places.join(local, "Programs\\Python");
        List<String> pythonOrg = new ArrayList<>(versionFolders(places, perUser, "(?i)python3\\d+.*"));
        pythonOrg.addAll(versionFolders(places, programFiles, "(?i)python3\\d+.*"));

        String manager = places.join(local, "Python");
        List<String> managed = new ArrayList<>(versionFolders(places, manager, "(?i)pythoncore-3\\..*"));
        managed.add(places.join(manager, "bin"));

        String pyenvRoot = places.getenv("PYENV_ROOT").isBlank() ? places.join(home, ".pyenv\\pyenv-win")
                : places.getenv("PYENV_ROOT");
        List<String> pyenv = versionFolders(places, places.join(pyenvRoot, "versions"), ".+");

        List<String> bases = new ArrayList<>();
        for (String root : List.of(home, programData)) {
            for (String name : List.of("miniconda3", "anaconda3", "miniforge3", "mambaforge")) {
                bases.add(places.join(root, name));
            }
        }
        List<String> conda = new ArrayList<>();
        String active = places.getenv("CONDA_PREFIX");
        if (!active.isBlank()) {
            conda.add(active);
        }
        for (String base : bases) {
            conda.add(base);
            String envs = places.join(base, "envs");
            places.foldersIn().apply(envs).stream().sorted().forEach(e -> conda.add(places.join(envs, e)));
        }
        return List.of(
                Place.shared("python.org (" + perUser + ", " + places.join(programFiles, "Python3XX") + ")", pythonOrg),
                Place.shared("the Python install manager (" + manager + ")", managed),
                Place.shared("the Microsoft Store (" + places.join(local, "Microsoft\\WindowsApps") + ")",
                        List.of(places.join(local, "Microsoft\\WindowsApps"))),
                Place.environments("pyenv-win (" + pyenvRoot + ")", pyenv),
                Place.environments("conda (" + (active.isBlank() ? "" : "%CONDA_PREFIX%, ")
                        + String.join(", ", bases) + ")", conda));
    }

    /** The sub-folders of {@code dir} whose names match, newest version first, as full paths. */
    private static List<String> versionFolders(SearchPlaces places, String dir, String nameRegex) {
        return Versions.newestFirst(places.foldersIn().apply(dir).stream().filter(n -> n.matches(nameRegex)).toList())
                .stream().map(n -> places.join(dir, n)).toList();
    }

    /*
     * What `py -0p` prints, by launcher (each line: a tag, then the interpreter's path):
     *  - py.exe of Python 3.7-3.10 (PC/launcher.c): a header on stderr ("Installed Pythons found by py Launcher
     *    for Windows"), then " -3.9-64        C:\...\python.exe", the tag padded to 15; the default's " *" goes
     *    to stderr after its path, so with both streams read it may land anywhere; "(venv)" for an active venv.
     *  - py.exe of Python 3.11-3.14 (PC/launcher2.c): " -V:3.12 *        C:\...\python.exe" (tag and default
     *    mark padded to 16, Company/Tag for other distributions, e.g. -V:ContinuumAnalytics/Anaconda39-64), the
     *    path possibly followed by the runtime's arguments, or only an install folder when no executable is
     *    registered; Store installs are listed with their WindowsApps alias.
     *  - the Python install manager (PyManager, 3.14+; -0p gives its "legacy" format): " -V:3.14 *" padded to 17,
     *    a space, the executable; Company\Tag for others; "  *" and the path for an active virtual environment.
     */
    /** A drive ({@code C:\}) or network ({@code \\server}) path, up to ".exe" and a blank or the end of the line. */
    private static final Pattern EXE = Pattern.compile("(?i)((?:[a-z]:[\\\\/]|\\\\\\\\).*?\\.exe)(?=\\s|\"|$)");
    private static final Pattern FOLDER = Pattern.compile("(?i)((?:[a-z]:[\\\\/]|\\\\\\\\).*?)\\s*$");
    private static final Pattern TAG = Pattern.compile("^\\s*(?:-\\S+|\\(venv\\)|\\*)");

    /** The interpreters {@code py -0p} lists, its default first, in its order otherwise (newest first). */
    static List<String> parsePyList(String output) {
        Set<String> defaults = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (String line : output.lines().toList()) {
            Matcher tag = TAG.matcher(line);
            if (!tag.find()) {
                continue; // the header, "No Installed Pythons Found!", "Can't find a Default Python."
            }
            String path;
            Matcher exe = EXE.matcher(line);
            int start;
            int end;
            if (exe.find()) {
                path = exe.group(1);
                start = exe.start();
                end = exe.end();
            } else {
                Matcher folder = FOLDER.matcher(line);
                if (!folder.find()) {
                    continue;
                }
                String dir = folder.group(1).replaceAll("[\\s*]+$", "");
                path = dir.endsWith("\\") ? dir + "python.exe" : dir + "\\python.exe";
                start = folder.start();
                end = line.length();
            }
            boolean isDefault = line.substring(0, start).contains("*")
                    || line.substring(end).strip().equals("*");
            (isDefault ? defaults : others).add(path.strip());
        }
        defaults.addAll(others);
        return List.copyOf(defaults);
    }
}

package dev.corelanes.engine.python;

import java.util.ArrayList;
import java.util.List;

/**
 * Linux and other Unix-likes: {@code python3} on the PATH first (what a student types), then every
 * {@code python3.X} and free-threaded {@code python3.Xt} on the PATH, newest first; then the places installers
 * use whether or not the PATH names them — Homebrew on Linux, pyenv's versions, conda's base and environments.
 * {@link MacLocator} adds the Mac's places to the same rules.
 */
public class PathLocator implements InterpreterLocator {

    @Override
    public List<String> candidates(SearchPlaces places) {
        Candidates c = new Candidates(places);
        c.path(places.pathFolders(), this::notFromPath);
        installPlaces(places).forEach(c::place);
        addLast(places, c);
        return c.list();
    }

    @Override
    public List<String> lookedIn(SearchPlaces places) {
        List<String> out = new ArrayList<>();
        out.add(places.pathFolders().isEmpty() ? "the PATH (empty)" : "the PATH");
        installPlaces(places).stream().map(Place::label).filter(l -> !l.isEmpty()).forEach(out::add);
        return out;
    }

    /** Where installers put Python on this OS, in the order they are tried after the PATH. */
    protected List<Place> installPlaces(SearchPlaces places) {
        String home = places.home();
        return List.of(
                Place.shared("Homebrew (/home/linuxbrew/.linuxbrew)", List.of("/home/linuxbrew/.linuxbrew/bin",
                        places.join(home, ".linuxbrew/bin"))),
                pyenv(places),
                conda(places, List.of("/opt/conda", "/opt/miniconda3", "/opt/anaconda3")));
    }

    /** A program on the PATH that must not be run from there (none here; Apple's stub on macOS). */
    protected boolean notFromPath(String path) {
        return false;
    }

    /** What comes after every place (nothing here; Apple's {@code /usr/bin/python3} on macOS). */
    protected void addLast(SearchPlaces places, Candidates c) {
    }

    /** pyenv's versions ({@code $PYENV_ROOT} or {@code ~/.pyenv}), newest first: each one interpreter. */
    static Place pyenv(SearchPlaces places) {
        String root = places.getenv("PYENV_ROOT").isBlank() ? places.join(places.home(), ".pyenv")
                : places.getenv("PYENV_ROOT");
        String versions = places.join(root, "versions");
        List<String> bins = Versions.newestFirst(places.foldersIn().apply(versions)).stream()
                .map(v -> places.join(places.join(versions, v), "bin")).toList();
        return Place.environments("pyenv (" + root + ")", bins);
    }

    /**
     * conda: the active environment ({@code $CONDA_PREFIX}), then each installation's base and its
     * environments — Miniconda, Anaconda, Miniforge and Mambaforge in the home folder, then {@code others}.
     */
    static Place conda(SearchPlaces places, List<String> others) {
        List<String> bases = new ArrayList<>();
        for (String name : List.of("miniconda3", "anaconda3", "miniforge3", "mambaforge")) {
            bases.add(places.join(places.home(), name));
        }
        bases.addAll(others);
        List<String> bins = new ArrayList<>();
        String active = places.getenv("CONDA_PREFIX");
        if (!active.isBlank()) {
            bins.add(places.join(active, "bin"));
        }
        for (String base : bases) {
            bins.add(places.join(base, "bin"));
            String envs = places.join(base, "envs");
            places.foldersIn().apply(envs).stream().sorted()
                    .forEach(e -> bins.add(places.join(places.join(envs, e), "bin")));
        }
        return Place.environments("conda (" + (active.isBlank() ? "" : "$CONDA_PREFIX, ")
                + String.join(", ", bases) + ")", bins);
    }
}

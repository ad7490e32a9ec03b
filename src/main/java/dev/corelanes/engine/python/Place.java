package dev.corelanes.engine.python;

import java.util.List;

/**
 * One kind of place where an installer puts Python, with the folders it means on this machine, for the search
 * and for the "Looked in: …" line when nothing is found.
 *
 * @param label   what a user recognises: "Homebrew (/opt/homebrew, /usr/local)"; "" for a part of a place
 *                already named
 * @param folders folders holding interpreters, in the order they are tried
 * @param shared  true for a folder several interpreters share ({@code /opt/homebrew/bin}: its {@code python3}
 *                and every {@code python3.X}); false for one environment per folder (a pyenv version, a conda
 *                environment: its one interpreter)
 */
record Place(String label, List<String> folders, boolean shared) {

    Place {
        folders = List.copyOf(folders);
    }

    static Place shared(String label, List<String> folders) {
        return new Place(label, folders, true);
    }

    static Place environments(String label, List<String> folders) {
        return new Place(label, folders, false);
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.platform.Os;

import java.util.List;

/**
 * Where Python interpreters are found on one kind of OS. Only lists candidates, best first;
 * {@link InterpreterProbe} decides which of them work. Everything it looks at comes through
 * {@link SearchPlaces}, so each OS's rules are tested on fixtures on any OS.
 */
public interface InterpreterLocator {

    /** Paths worth probing, best first, without duplicates. */
    List<String> candidates(SearchPlaces places);

    /**
     * The places searched, in order, as a user reads them, with the folders they mean on this machine:
     * "the PATH", "Homebrew (/opt/homebrew, /usr/local)" — for the line that says nothing was found.
     */
    List<String> lookedIn(SearchPlaces places);

    /** The locator for {@code os}. */
    static InterpreterLocator forOs(Os os) {
        return switch (os) {
            case WINDOWS -> new WindowsLocator();
            case MAC -> new MacLocator();
            case LINUX, OTHER -> new PathLocator();
        };
    }

    /** The locator for the OS this JVM runs on. */
    static InterpreterLocator forThisOs() {
        return forOs(Os.current());
    }
}

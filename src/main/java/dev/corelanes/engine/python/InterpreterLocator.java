package dev.corelanes.engine.python;

import java.util.List;

/**
 * Where Python interpreters are usually found on one kind of OS. Only lists candidates, best first;
 * {@link InterpreterProbe} decides which of them work. Everything it looks at comes through
 * {@link SearchPlaces}, so each OS's rules are tested on fixtures on any OS.
 */
public interface InterpreterLocator {

    /** Paths (or commands) worth probing, best first, without duplicates. */
    List<String> candidates(SearchPlaces places);

    /** The locator for the OS this JVM runs on. */
    static InterpreterLocator forThisOs() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            return new WindowsLocator();
        }
        if (os.contains("mac")) {
            return new MacLocator();
        }
        return new PathLocator();
    }
}

package dev.corelanes.engine.python;

import dev.corelanes.engine.platform.Os;
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
        Os os = Os.current();
        if (os.isWindows()) {
            return new WindowsLocator();
        }
        if (os.isMac()) {
            return new MacLocator();
        }
        return new PathLocator();
    }
}

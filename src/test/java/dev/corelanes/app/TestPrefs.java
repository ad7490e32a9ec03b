package dev.corelanes.app;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Preferences for tests: a fresh node of their own, never the user's. */
public final class TestPrefs {

    static final String ROOT = "dev/corelanes/test";

    private TestPrefs() {
    }

    public static AppPrefs fresh() {
        return new AppPrefs(node());
    }

    /** The nodes this JVM made: another build running at the same time keeps its own. */
    private static final java.util.Set<String> MINE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static Preferences node() {
        String path = ROOT + "/" + UUID.randomUUID();
        MINE.add(path);
        return Preferences.userRoot().node(path);
    }

    /** Removes the test nodes this JVM made (call after the tests). */
    public static void removeAll() {
        for (String path : MINE) {
            try {
                Preferences.userRoot().node(path).removeNode();
            } catch (BackingStoreException | IllegalStateException e) {
                // already gone
            }
            MINE.remove(path);
        }
    }
}

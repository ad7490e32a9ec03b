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

    static Preferences node() {
        return Preferences.userRoot().node(ROOT + "/" + UUID.randomUUID());
    }

    /** Removes every test node (call after the tests). */
    public static void removeAll() {
        try {
            Preferences.userRoot().node(ROOT).removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // already gone
        }
    }
}

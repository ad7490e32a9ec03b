package dev.corelanes.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppPrefsTest {

    @AfterAll
    static void clean() {
        TestPrefs.removeAll();
    }

    @Test
    void recentFilesAreLatestFirstWithoutDuplicatesAndCapped() {
        AppPrefs p = TestPrefs.fresh();
        for (int i = 0; i < 10; i++) {
            p.addRecent(Path.of("/runs/r" + i + ".json"));
        }
        p.addRecent(Path.of("/runs/../runs/r5.json"));
        List<Path> recent = p.recentFiles();
        assertEquals(AppPrefs.MAX_RECENT, recent.size());
        assertEquals(Path.of("/runs/r5.json"), recent.get(0));
        assertEquals(Path.of("/runs/r9.json"), recent.get(1));
        assertEquals(recent.size(), recent.stream().distinct().count());
        assertFalse(recent.contains(Path.of("/runs/r0.json")), "the oldest fell off");
    }

    @Test
    void fontScaleIsKeptWithinLegibleBoundsAndThemeRemembered() {
        AppPrefs p = TestPrefs.fresh();
        assertEquals(1, p.fontScale());
        assertFalse(p.dark());
        p.setFontScale(9);
        assertEquals(AppPrefs.MAX_SCALE, p.fontScale());
        p.setFontScale(Double.NaN);
        assertEquals(1, p.fontScale());
        p.setFontScale(0.1);
        assertEquals(AppPrefs.MIN_SCALE, p.fontScale());
        p.setDark(true);
        assertTrue(p.dark());
    }
}

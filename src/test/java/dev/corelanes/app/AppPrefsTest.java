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

    @Test
    void everythingComesBackFromTheFileInANewSession() throws Exception {
        Path file = TestPrefs.file();
        AppPrefs first = new AppPrefs(file);
        first.setDark(true);
        first.setFontScale(1.75);
        first.setPythonPath("/opt/pythons/3.13/bin/python3");
        Path unusual = Path.of("/tmp/Übungen/线程 run.corelanes.json"); // letters outside ISO 8859-1 survive
        first.addRecent(unusual);
        assertTrue(java.nio.file.Files.isRegularFile(file), "written at once");

        AppPrefs again = new AppPrefs(file);
        assertTrue(again.dark());
        assertEquals(1.75, again.fontScale());
        assertEquals("/opt/pythons/3.13/bin/python3", again.pythonPath());
        assertEquals(List.of(unusual), again.recentFiles());
    }

    @Test
    void aDamagedOrUnwritableFileOnlyMeansNothingIsRemembered() throws Exception {
        Path file = TestPrefs.file();
        java.nio.file.Files.write(file, new byte[] {'f', 'o', 'n', 't', 'S', 'c', 'a', 'l', 'e', '=', 'x', '\\', 'u', 'z'});
        AppPrefs damaged = new AppPrefs(file);
        assertEquals(1, damaged.fontScale(), "defaults, no exception");
        damaged.setDark(true);
        assertTrue(new AppPrefs(file).dark(), "the next change rewrote the file");

        Path notAFolder = TestPrefs.file();
        java.nio.file.Files.writeString(notAFolder, "a file where a folder would go");
        AppPrefs unwritable = new AppPrefs(notAFolder.resolve(AppPrefs.FILE_NAME));
        unwritable.setDark(true); // no exception: kept for this session only
        assertTrue(unwritable.dark());
    }
}

package dev.corelanes.engine.files;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AppFoldersTest {

    @Test
    void linuxFollowsTheXdgVariablesAndTheirDefaults() {
        AppFolders set = AppFolders.of(dev.corelanes.engine.platform.Os.of("Linux"), Map.of("XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c",
                "XDG_CACHE_HOME", "/k"), "/home/ann");
        assertEquals(new AppFolders(Path.of("/d/corelanes"), Path.of("/c/corelanes"), Path.of("/k/corelanes")), set);
        AppFolders unset = AppFolders.of(dev.corelanes.engine.platform.Os.of("Linux"), Map.of(), "/home/ann");
        assertEquals(Path.of("/home/ann/.local/share/corelanes"), unset.data());
        assertEquals(Path.of("/home/ann/.config/corelanes"), unset.config());
        assertEquals(Path.of("/home/ann/.cache/corelanes"), unset.cache());
        AppFolders relative = AppFolders.of(dev.corelanes.engine.platform.Os.of("FreeBSD"), Map.of("XDG_CONFIG_HOME", "conf"), "/home/ann");
        assertEquals(Path.of("/home/ann/.config/corelanes"), relative.config(), "a relative value is ignored");
    }

    @Test
    void macOsAndWindowsUseTheirOwnFolders() {
        AppFolders mac = AppFolders.of(dev.corelanes.engine.platform.Os.of("Mac OS X"), Map.of("XDG_DATA_HOME", "/ignored"), "/Users/ann");
        assertEquals(Path.of("/Users/ann/Library/Application Support/CoreLanes"), mac.data());
        assertEquals(mac.data(), mac.config());
        assertEquals(Path.of("/Users/ann/Library/Caches/CoreLanes"), mac.cache());
        AppFolders win = AppFolders.of(dev.corelanes.engine.platform.Os.of("Windows 11"), Map.of("APPDATA", "R", "LOCALAPPDATA", "L"), "H");
        assertEquals(Path.of("R", "CoreLanes"), win.data());
        assertEquals(Path.of("R", "CoreLanes"), win.config());
        assertEquals(Path.of("L", "CoreLanes", "cache"), win.cache());
    }

    @Test
    void noHomeOrVariableMeansNoFolderRatherThanAGuess() {
        AppFolders homeless = AppFolders.of(dev.corelanes.engine.platform.Os.of("Linux"), Map.of(), "?");
        assertNull(homeless.data());
        assertNull(homeless.config());
        assertNull(homeless.cache());
        assertEquals(Path.of("/k/corelanes"), AppFolders.of(dev.corelanes.engine.platform.Os.of("Linux"), Map.of("XDG_CACHE_HOME", "/k"), "").cache());
        AppFolders win = AppFolders.of(dev.corelanes.engine.platform.Os.of("Windows 10"), Map.of(), "C:\\Users\\ann");
        assertNull(win.data());
        assertNull(win.cache());
        assertNull(AppFolders.of(dev.corelanes.engine.platform.Os.of("Mac OS X"), Map.of(), null).config());
    }
}

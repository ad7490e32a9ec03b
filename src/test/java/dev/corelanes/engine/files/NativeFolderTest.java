package dev.corelanes.engine.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where JNA's native library may be unpacked: a folder that exists or can be made, has room, and may run code. */
class NativeFolderTest {

    @TempDir
    Path dir;

    private static final List<String> MOUNTS = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "30 22 0:26 / /tmp rw,nosuid,nodev shared:5 - tmpfs tmpfs rw",
            "31 30 0:27 / /tmp/no\\040exec rw,noexec,relatime shared:6 - tmpfs tmpfs rw,size=8192k",
            "32 22 0:28 / /home/ann/.cache rw,noexec shared:7 - ext4 /dev/sdb1 rw");

    @Test
    void theLongestMountPointAboveAFolderDecides() {
        assertTrue(NativeFolder.noexec(Path.of("/tmp/no exec/jna"), MOUNTS), "an escaped space in the mount point");
        assertFalse(NativeFolder.noexec(Path.of("/tmp/no"), MOUNTS), "a name that only starts like the mount point");
        assertFalse(NativeFolder.noexec(Path.of("/tmp/x"), MOUNTS));
        assertTrue(NativeFolder.noexec(Path.of("/home/ann/.cache/corelanes/jna"), MOUNTS));
        assertFalse(NativeFolder.noexec(Path.of("/home/ann"), MOUNTS));
    }

    @Test
    void aFolderThatCannotBeMadeIsNamedAndAGoodOneIsTaken() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals("cannot be created", NativeFolder.unusable(file.resolve("jna")));
        assertNull(NativeFolder.unusable(dir.resolve("jna")));
        assertTrue(Files.isDirectory(dir.resolve("jna")));
    }

    @Test
    void mountinfoEscapesAreRead() {
        assertEquals("/a b\\c", NativeFolder.unescape("/a\\040b\\134c"));
    }
}

package dev.corelanes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which arguments open the window with files (a file manager's double-click) and which stay the CLI. */
class MainTest {

    @TempDir
    Path dir;

    @Test
    void existingFilesOpenTheWindow() throws Exception {
        Path a = Files.writeString(dir.resolve("a.corelanes.json"), "{}");
        Path b = Files.writeString(dir.resolve("b with space.corelanes.json"), "{}");
        assertTrue(Main.opensFiles(new String[] {a.toString()}));
        assertTrue(Main.opensFiles(new String[] {a.toString(), b.toString()}));
    }

    @Test
    void commandsOptionsAndMissingFilesStayTheCommandLine() throws Exception {
        Path a = Files.writeString(dir.resolve("a.corelanes.json"), "{}");
        assertFalse(Main.opensFiles(new String[] {}));
        assertFalse(Main.opensFiles(new String[] {"info"}));
        assertFalse(Main.opensFiles(new String[] {"run", "--mode", "threads"}));
        assertFalse(Main.opensFiles(new String[] {"--help"}));
        assertFalse(Main.opensFiles(new String[] {a.toString(), "--png", "x.png"}), "an option keeps the CLI");
        assertFalse(Main.opensFiles(new String[] {dir.resolve("missing.json").toString()}));
        assertFalse(Main.opensFiles(new String[] {dir.toString()}), "a folder is not a run file");
        assertFalse(Main.opensFiles(new String[] {""}));
    }
}

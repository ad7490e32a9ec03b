package dev.corelanes.teach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnCodeTest {

    @TempDir
    Path dir;

    @Test
    void theStarterIsWrittenOnceAndTheStudentsEditsAreNeverWrittenOver() throws Exception {
        Path folder = dir.resolve("data/CoreLanes");
        OwnCode.Starter first = OwnCode.ensure(folder);
        assertTrue(first.created());
        assertEquals(folder.resolve("my_threads.py"), first.file());
        String starter = Files.readString(first.file());
        assertEquals(CodeSamples.myThreads(), starter);
        assertTrue(starter.contains("def do_something():") && starter.contains("threading.Thread")
                && starter.contains("multiprocessing.Process"), "threads, then processes, of do_something()");

        Files.writeString(first.file(), "print('my edit')\n");
        OwnCode.Starter again = OwnCode.ensure(folder);
        assertFalse(again.created());
        assertEquals("print('my edit')\n", Files.readString(again.file()), "the student's edit is kept");
    }
}

package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.ProcessEntry;
import dev.corelanes.engine.platform.ProcessTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linux's process table on a fixture /proc: stat lines with odd command names, and no /proc at all. */
class ProcTableTest {

    @TempDir
    Path proc;

    @Test
    void readsStatLinesWhoseCommandHasSpacesAndParentheses() {
        ProcessEntry p = ProcTable.parse("4242 (my (odd) prog) T 17 4242 4242 0 -1 4194560 0 0 0 0 0 0");
        assertEquals(new ProcessEntry(4242, 17, 4242, 4242, 'T'), p);
        assertTrue(p.stopped());
        assertTrue(p.alive());
        assertFalse(ProcTable.parse("9 (z) Z 1 9 9 0").alive(), "a zombie is not alive");
    }

    @Test
    void aFixtureProcIsReadWholeAndByPid() throws Exception {
        write("self", "1 (init) S 0 1 1 0");
        write("1", "1 (init) S 0 1 1 0");
        write("100", "100 (python3 (x)) S 1 100 100 0");
        Files.createDirectories(proc.resolve("net")); // not a process
        ProcessTable t = new ProcTable(proc);
        assertTrue(t.available());
        assertEquals(new ProcessEntry(100, 1, 100, 100, 'S'), t.read(100));
        assertNull(t.read(5), "gone");
        Map<Long, ProcessEntry> all = t.all();
        assertEquals(java.util.Set.of(1L, 100L), all.keySet());
    }

    @Test
    void withoutProcThereIsNoTable() {
        ProcessTable t = new ProcTable(proc.resolve("missing"));
        assertFalse(t.available());
        assertTrue(t.all().isEmpty());
    }

    private void write(String pid, String stat) throws Exception {
        Files.createDirectories(proc.resolve(pid));
        Files.writeString(proc.resolve(pid).resolve("stat"), stat);
    }
}

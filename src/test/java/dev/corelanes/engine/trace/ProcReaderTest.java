package dev.corelanes.engine.trace;

import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.trace.linux.ProcReader;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcReaderTest {

    /** A real line's shape: 52 fields, field 39 the CPU. */
    private static String statLine(String comm, char state, int ppid, int cpu) {
        StringBuilder b = new StringBuilder("4242 (" + comm + ") " + state + " " + ppid);
        for (int field = 5; field <= 52; field++) {
            b.append(' ').append(field == 39 ? cpu : field * 10);
        }
        return b.append('\n').toString();
    }

    @Test
    void aThreadNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcReader.Stat s = ProcReader.parseStat(statLine("my (odd) name) x", 'R', 17, 3));
        assertNotNull(s);
        assertEquals(4242, s.tid());
        assertEquals("my (odd) name) x", s.comm());
        assertEquals('R', s.state());
        assertEquals(17, s.ppid());
        assertEquals(3, s.cpu());
        assertTrue(s.runnable());
    }

    @Test
    void brokenLinesAreNotStats() {
        assertNull(ProcReader.parseStat(""));
        assertNull(ProcReader.parseStat("12 (x) S 1 2 3"));
        assertNull(ProcReader.parseSchedStat("12 13"));
        ProcReader.SchedStat ss = ProcReader.parseSchedStat("123456 789 10\n");
        assertEquals(new ProcReader.SchedStat(123456, 789, 10), ss);
    }

    @Test
    void whereASleepingThreadWaitsIsReadFromItsKernelFunction() {
        assertEquals(WaitKind.NONE, WaitKind.of('R', "futex_wait_queue"));
        assertEquals(WaitKind.LOCK, WaitKind.of('S', "futex_wait_queue"));
        assertEquals(WaitKind.TIMER, WaitKind.of('S', "hrtimer_nanosleep"));
        assertEquals(WaitKind.TIMER, WaitKind.of('S', "do_nanosleep"));
        assertEquals(WaitKind.IO, WaitKind.of('S', "pipe_read"));
        assertEquals(WaitKind.IO, WaitKind.of('S', "poll_schedule_timeout.constprop.0"));
        assertEquals(WaitKind.IO, WaitKind.of('D', ""));
        assertEquals(WaitKind.OTHER, WaitKind.of('S', "do_wait"));
    }

    @Test
    void theRealProcOfThisJvmReadsBack() {
        Needs.proc();
        ProcReader proc = ProcReader.system();
        int pid = (int) ProcessHandle.current().pid();
        assertTrue(proc.available());
        assertTrue(proc.tasks(pid).contains(pid), "the main thread's id is the process id");
        ProcReader.Stat s = proc.stat(pid, pid);
        assertNotNull(s);
        assertTrue(s.cpu() >= 0 && s.cpu() < Runtime.getRuntime().availableProcessors() * 64);
        assertNotNull(proc.schedStat(pid, pid));
        long tid = proc.ownTid();
        assertTrue(proc.tasks(pid).contains((int) tid), "/proc/thread-self names a thread of this process");
        assertTrue(proc.processIds().contains(pid));
        assertNull(proc.stat(pid, Integer.MAX_VALUE), "a thread that is not there reads as gone, not as an error");
    }

    /** A fixture /proc: one thread's files, rewritten as a test goes. */
    private static void write(java.nio.file.Path root, String file, String text) throws java.io.IOException {
        java.nio.file.Path f = root.resolve("4200/task/4242/" + file);
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Files.writeString(f, text);
    }

    @Test
    void aKeptOpenThreadIsReadAgainFromItsBytesAndSaysWhetherItRan(@org.junit.jupiter.api.io.TempDir
                                                                    java.nio.file.Path root) throws Exception {
        write(root, "stat", statLine("my (odd) name) x", 'S', 4200, 3));
        write(root, "schedstat", "123456 789 10\n");
        write(root, "wchan", "futex_wait_queue");
        ProcReader proc = new ProcReader(root);
        ProcReader.OpenThread t = proc.open(4200, 4242);
        assertNotNull(t);
        assertTrue(t.readSchedStat() && t.readStat());
        assertEquals(123456, t.runNanos());
        assertEquals(789, t.waitNanos());
        assertEquals(10, t.slices());
        assertTrue(t.ranSinceLast(), "the first reading knows nothing before it");
        assertEquals("my (odd) name) x", t.comm());
        assertEquals('S', t.state());
        assertEquals(4200, t.ppid());
        assertEquals(3, t.cpu());
        assertEquals("futex_wait_queue", t.wchan());

        String name = t.comm();
        assertTrue(t.readSchedStat());
        assertFalse(t.ranSinceLast(), "the same totals: it has not run");
        write(root, "stat", statLine("my (odd) name) x", 'R', 4200, 1));
        assertTrue(t.readStat());
        assertSame(name, t.comm(), "an unchanged name is not made again");
        assertEquals('R', t.state());
        assertEquals(1, t.cpu());

        write(root, "schedstat", "223456 789 11\n");
        write(root, "stat", statLine("renamed", 'D', 4200, 0));
        assertTrue(t.readSchedStat() && t.ranSinceLast());
        assertTrue(t.readStat());
        assertEquals("renamed", t.comm());
        assertEquals(new ProcReader.SchedStat(223456, 789, 11), t.schedStat());

        write(root, "stat", "4242 (broken) S 1 2 3\n");
        assertFalse(t.readStat(), "a line without field 39 is no reading");
        write(root, "schedstat", "12 13\n");
        assertFalse(t.readSchedStat());
        t.close();
        assertNull(proc.open(4200, 9999), "a thread that is not there opens as gone");
    }

    @Test
    void theLastIdHandedOutIsLoadavgsLastField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws Exception {
        ProcReader proc = new ProcReader(root);
        assertEquals(-1, proc.lastPid(), "no loadavg: unknown");
        java.nio.file.Files.writeString(root.resolve("loadavg"), "0.69 1.42 1.74 3/412 22706\n");
        assertEquals(22706, proc.lastPid());
        java.nio.file.Files.writeString(root.resolve("loadavg"), "0.69 1.42 1.74 3/412 7\n");
        assertEquals(7, proc.lastPid(), "read again from its start: the current value");
    }
}

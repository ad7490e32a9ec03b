package dev.corelanes.engine.trace;

import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.trace.linux.ProcReader;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

package dev.corelanes.engine.platform.mac;

import dev.corelanes.engine.platform.OsThread;
import dev.corelanes.fixtures.HexBytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code struct proc_threadinfo} read from byte fixtures laid out as {@code <sys/proc_info.h>} gives it. */
class MacThreadInfoTest {

    private static MacThreadInfo fixture(String name) {
        byte[] b = HexBytes.read(MacThreadInfoTest.class, name);
        assertEquals(MacThreadInfo.SIZE, b.length, "a proc_threadinfo is 112 bytes");
        return MacThreadInfo.parse(b, b.length);
    }

    @Test
    void aRunningThreadsFieldsAreReadAtTheirOffsets() {
        MacThreadInfo t = fixture("proc_threadinfo-running.hex");
        assertEquals(1_500_000_000L, t.userNanos());
        assertEquals(250_000_000L, t.systemNanos());
        assertEquals(973, t.cpuUsage());
        assertEquals(1, t.policy());
        assertEquals(MacThreadInfo.TH_STATE_RUNNING, t.runState());
        assertEquals(0, t.flags());
        assertEquals(31, t.curPriority());
        assertEquals(63, t.maxPriority());
        assertEquals("worker-1", t.name());
        assertEquals(1_750_000_000L, t.cpuNanos(), "user and system together");
    }

    @Test
    void runningMeansRunningOrRunnableAndTheWaitsSleep() {
        assertEquals(OsThread.State.RUNNING_OR_RUNNABLE, fixture("proc_threadinfo-running.hex").state());
        assertEquals(OsThread.State.SLEEPING, fixture("proc_threadinfo-waiting.hex").state());
        assertEquals(OsThread.State.SLEEPING_UNINTERRUPTIBLE, fixture("proc_threadinfo-uninterruptible.hex").state());
        assertEquals(OsThread.State.STOPPED, fixture("proc_threadinfo-halted.hex").state());
    }

    @Test
    void anUnnamedThreadHasNoNameAndMacosSaysNothingOfWhatItWaitsFor() {
        OsThread t = fixture("proc_threadinfo-waiting.hex").toThread(0x16fe87000L);
        assertEquals("", t.name());
        assertEquals(46_000L, t.cpuNanos());
        assertEquals(OsThread.Wait.UNKNOWN, t.waitsFor());
        assertEquals(0x16fe87000L, t.tid());
        assertEquals("io-reader", fixture("proc_threadinfo-uninterruptible.hex").name());
    }

    @Test
    void aStateTheHeaderDoesNotNameIsUnknown() {
        byte[] b = HexBytes.read(MacThreadInfoTest.class, "proc_threadinfo-running.hex");
        b[24] = 9; // pth_run_state
        assertEquals(OsThread.State.UNKNOWN, MacThreadInfo.parse(b, b.length).state());
    }

    @Test
    void aShortReadIsNoThread() {
        byte[] b = HexBytes.read(MacThreadInfoTest.class, "proc_threadinfo-running.hex");
        assertNull(MacThreadInfo.parse(b, 0), "proc_pidinfo returned 0: the thread is gone");
        assertNull(MacThreadInfo.parse(b, MacThreadInfo.SIZE - 1));
    }

    @Test
    void theThreadListHoldsAsManyIdsAsTheBytesReturned() {
        byte[] b = HexBytes.read(MacThreadInfoTest.class, "proc_pidlistthreads.hex");
        assertEquals(40, b.length);
        assertArrayEquals(new long[]{0x16fe87000L, 0x170f13000L, 0x171f9f000L}, MacThreadInfo.threadIds(b, 24));
        assertArrayEquals(new long[]{0x16fe87000L}, MacThreadInfo.threadIds(b, 8));
        assertArrayEquals(new long[0], MacThreadInfo.threadIds(b, -1));
    }
}

package dev.corelanes.engine.platform.windows;

import dev.corelanes.engine.platform.OsProcess;
import dev.corelanes.engine.platform.OsThread;
import dev.corelanes.fixtures.HexBytes;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code NtQuerySystemInformation(SystemProcessInformation)} read from a byte fixture laid out as the 64-bit
 * structs are documented: four processes (the idle process, a program with three threads, its child with two, and an
 * unrelated process), each thread in another state.
 */
class SystemProcessInformationTest {

    private static final String FIXTURE = "system_process_information.hex";

    private static long bufferAddress() {
        Matcher m = Pattern.compile("# buffer address: 0x([0-9a-f]+)").matcher(HexBytes.text(
                SystemProcessInformationTest.class, FIXTURE));
        assertTrue(m.find());
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    private static List<SystemProcessInformation.Entry> entries() {
        byte[] b = HexBytes.read(SystemProcessInformationTest.class, FIXTURE);
        return SystemProcessInformation.parse(ByteBuffer.wrap(b), b.length, bufferAddress());
    }

    @Test
    void theChainOfEntriesIsFollowedWithEachProcesssIdsAndName() {
        List<SystemProcessInformation.Entry> all = entries();
        assertEquals(List.of(0L, 4200L, 4300L, 5000L, 3900L),
                all.stream().map(SystemProcessInformation.Entry::processId).toList());
        assertEquals(List.of(0L, 900L, 4200L, 900L, 4200L),
                all.stream().map(SystemProcessInformation.Entry::parentId).toList());
        assertEquals(List.of("", "python.exe", "worker.exe", "notepad.exe", "stale.exe"),
                all.stream().map(SystemProcessInformation.Entry::imageName).toList());
        assertEquals(List.of(1, 3, 2, 1, 1), all.stream().map(e -> e.threads().size()).toList());
        assertEquals(133000000000500000L, all.get(2).createTime());
    }

    @Test
    void eachThreadsFieldsAreReadAtTheirOffsets() {
        SystemProcessInformation.SystemThread t = entries().get(1).threads().get(0);
        assertEquals(2_000_000L, t.kernelTime());
        assertEquals(13_000_000L, t.userTime());
        assertEquals(133000000000000000L, t.createTime());
        assertEquals(4200L, t.processId());
        assertEquals(4204L, t.threadId());
        assertEquals(8, t.priority());
        assertEquals(420, t.contextSwitches());
        assertEquals(SystemProcessInformation.RUNNING, t.threadState());
        assertEquals(1_500_000_000L, t.cpuNanos(), "kernel + user, 100 ns units");
        SystemProcessInformation.SystemThread sleeper = entries().get(1).threads().get(2);
        assertEquals(40, sleeper.waitTime());
        assertEquals(SystemProcessInformation.DELAY_EXECUTION, sleeper.waitReason());
    }

    @Test
    void statesAreMappedAsTheirDocumentationSays() {
        List<SystemProcessInformation.Entry> all = entries();
        List<OsThread> program = all.get(1).toProcess().threads();
        assertEquals(OsThread.State.RUNNING, program.get(0).state());
        assertEquals(OsThread.State.READY, program.get(1).state(), "Ready waits for a CPU");
        assertEquals(OsThread.State.SLEEPING, program.get(2).state());
        assertEquals(OsThread.Wait.TIMER, program.get(2).waitsFor(), "DelayExecution is Sleep");
        List<OsThread> child = all.get(2).toProcess().threads();
        assertEquals(OsThread.State.READY, child.get(0).state(), "Standby: picked to run next, not running yet");
        assertEquals(OsThread.State.SLEEPING, child.get(1).state());
        assertEquals(OsThread.Wait.UNKNOWN, child.get(1).waitsFor(), "WrQueue could be any work queue: unknown");
        assertEquals(OsThread.State.STOPPED, all.get(3).toProcess().threads().get(0).state(), "waiting, Suspended");
        assertEquals(OsThread.Wait.UNKNOWN, program.get(0).waitsFor(), "a running thread waits for nothing");
    }

    @Test
    void everyStateAndClearWaitReasonHasItsPlace() {
        assertEquals(OsThread.State.READY, thread(SystemProcessInformation.DEFERRED_READY, 0).state());
        assertEquals(OsThread.State.ENDED, thread(SystemProcessInformation.TERMINATED, 0).state());
        assertEquals(OsThread.State.UNKNOWN, thread(SystemProcessInformation.INITIALIZED, 0).state());
        assertEquals(OsThread.State.UNKNOWN, thread(SystemProcessInformation.TRANSITION, 0).state());
        assertEquals(OsThread.State.UNKNOWN, thread(42, 0).state());
        assertEquals(OsThread.Wait.TIMER, thread(SystemProcessInformation.WAITING,
                SystemProcessInformation.WR_DELAY_EXECUTION).waitKind());
        assertEquals(OsThread.Wait.IO, thread(SystemProcessInformation.WAITING, SystemProcessInformation.PAGE_IN)
                .waitKind());
        assertEquals(OsThread.Wait.LOCK, thread(SystemProcessInformation.WAITING, SystemProcessInformation.WR_MUTEX)
                .waitKind());
        assertEquals(OsThread.Wait.UNKNOWN, thread(SystemProcessInformation.WAITING,
                SystemProcessInformation.USER_REQUEST).waitKind(), "WaitForSingleObject on anything");
        assertEquals(OsThread.Wait.UNKNOWN, thread(SystemProcessInformation.WAITING,
                SystemProcessInformation.WR_ALERT_BY_THREAD_ID).waitKind());
        assertEquals(OsThread.State.STOPPED, thread(SystemProcessInformation.WAITING,
                SystemProcessInformation.WR_SUSPENDED).state());
    }

    private static SystemProcessInformation.SystemThread thread(int state, int reason) {
        return new SystemProcessInformation.SystemThread(0, 0, 0, 0, 1, 2, 8, 8, 0, state, reason);
    }

    @Test
    void aTreeIsItsRootAndEveryProcessWhoseParentIsInIt() {
        // stale.exe names 4200 as its parent but is older than python.exe: an earlier process had that id.
        List<OsProcess> tree = SystemProcessInformation.tree(entries(), List.of(4200));
        assertEquals(List.of(4200, 4300), tree.stream().map(OsProcess::pid).toList());
        assertEquals(4200, tree.get(1).ppid());
        assertEquals("worker.exe", tree.get(1).name());
        assertEquals(List.of(), SystemProcessInformation.tree(entries(), List.of(0)), "the idle process is no tree");
        assertEquals(List.of(4300), SystemProcessInformation.tree(entries(), List.of(4300)).stream()
                .map(OsProcess::pid).toList());
    }

    @Test
    void aChainThatRunsPastTheBytesKeepsWhatWasRead() {
        byte[] b = HexBytes.read(SystemProcessInformationTest.class, FIXTURE);
        List<SystemProcessInformation.Entry> cut = SystemProcessInformation.parse(ByteBuffer.wrap(b), 832, // the program's threads end at 832, its name follows
                bufferAddress());
        assertEquals(List.of(0L, 4200L), cut.stream().map(SystemProcessInformation.Entry::processId).toList());
        assertEquals(3, cut.get(1).threads().size());
        assertEquals("", cut.get(1).imageName(), "its name lies past the bytes read: not made up");
    }
}

package dev.corelanes.engine.platform.host;

import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.ProcessTable;
import dev.corelanes.engine.platform.linux.LinuxMemory;
import dev.corelanes.engine.platform.linux.LinuxSelfKill;
import dev.corelanes.engine.platform.mac.MacSelfKill;
import dev.corelanes.engine.platform.other.OshiMemory;
import dev.corelanes.engine.platform.windows.WindowsSelfKill;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What each OS gets from the one place that picks, and what an OS without the native call is told. */
class HostTest {

    @Test
    void eachOsGetsItsOwnMemoryReaderAndOthersOshi() {
        assertInstanceOf(LinuxMemory.class, Host.memory(Os.LINUX));
        assertInstanceOf(OshiMemory.class, Host.memory(Os.OTHER));
    }

    @Test
    void eachOsGetsItsOwnSelfKill() {
        assertInstanceOf(WindowsSelfKill.class, Host.selfKill(Os.WINDOWS, 143));
        assertInstanceOf(MacSelfKill.class, Host.selfKill(Os.MAC, 143));
        assertInstanceOf(LinuxSelfKill.class, Host.selfKill(Os.LINUX, 143));
    }

    @Test
    void anotherProcesssThreadsAreReadFromATableOnMacosAndWindowsAndFromProcOnLinux() {
        assertInstanceOf(dev.corelanes.engine.platform.mac.MacThreadTable.class, Host.threadTable(Os.MAC));
        assertInstanceOf(dev.corelanes.engine.platform.windows.WindowsThreadTable.class, Host.threadTable(Os.WINDOWS));
        assertNull(Host.threadTable(Os.LINUX), "Linux's trace reads /proc");
        assertNull(Host.threadTable(Os.OTHER));
        // Making a table binds nothing: its note is there on any OS, and here its library cannot load, said so.
        assertTrue(Host.threadTable(Os.MAC).note().startsWith("macOS does not tell which CPU"));
        assertTrue(Host.threadTable(Os.WINDOWS).note().startsWith("Windows does not tell which CPU"));
        assumeTrue(Os.current().isLinux());
        assertFalse(Host.threadTable(Os.WINDOWS).unavailableReason().isEmpty(), "no ntdll on Linux");
    }

    @Test
    void groupsAndSessionsAreReadOnLinuxOnly() {
        assertSame(ProcessTable.NONE, Host.processTable(Os.WINDOWS));
        assertSame(ProcessTable.NONE, Host.processTable(Os.MAC));
        assertFalse(Host.processTable(Os.MAC).available());
        assertTrue(Host.processTable(Os.MAC).all().isEmpty());
    }

    @Test
    void aMacCannotPinAndSaysWhy() {
        CpuAffinity mac = Host.affinity(Os.MAC);
        assertFalse(mac.supported());
        assertTrue(mac.unsupportedReason().startsWith("macOS has no API to pin"), mac.unsupportedReason());
        assertEquals(Runtime.getRuntime().availableProcessors(), mac.allowedCpus().size());
    }

    @Test
    void anUnknownOsReadsNoCoreAndSaysWhich() {
        CoreProbe p = Host.coreProbe(Os.OTHER);
        assertFalse(p.available());
        assertEquals(CoreProbe.NO_CORE, p.currentCore());
        assertTrue(p.description().startsWith("core unknown: CoreLanes has no way"), p.description());
    }

    @Test
    void aVirtualThreadsCpuTimeIsReadOnLinuxOnly() {
        assertFalse(Host.threadClock(Os.WINDOWS).available());
        assertEquals(-1, Host.threadClock(Os.MAC).cpuNanos());
        assertTrue(Host.threadClock(Os.MAC).unavailableReason().contains("Linux only"));
    }

    /** Off Windows, kernel32 is missing for real: the Windows probe and pinning fail to load and say so. */
    @Test
    void aNativeCallThatCannotLoadBecomesAnHonestUnknown() {
        assumeTrue(!Needs.windows(), "needs an OS without kernel32");
        CoreProbe p = Host.coreProbe(Os.WINDOWS);
        assertFalse(p.available());
        assertTrue(p.description().startsWith("core unknown: the native call could not be loaded"), p.description());
        CpuAffinity a = Host.affinity(Os.WINDOWS);
        assertFalse(a.supported());
        assertTrue(a.unsupportedReason().startsWith("CPU pinning could not be loaded"), a.unsupportedReason());
    }

    @Test
    void thisMachinesChoicesAreMadeOnce() {
        assertSame(Host.coreProbe(), Host.coreProbe());
        assertSame(Host.affinity(), Host.affinity());
        assertSame(Host.memory(), Host.memory());
    }
}

package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.MemoryReader;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.host.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linux's memory reader on the files' own text (taken from a Linux 6.x machine), through a fixture /proc on any OS,
 * and on this machine's /proc where there is one.
 */
class LinuxMemoryTest {

    @TempDir
    Path proc;

    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Tgid:\t7075
            Pid:\t7075
            PPid:\t7072
            VmPeak:\t 3271060 kB
            VmSize:\t 3207060 kB
            VmLck:\t       0 kB
            VmHWM:\t   42680 kB
            VmRSS:\t   41236 kB
            RssAnon:\t   30112 kB
            RssFile:\t   11124 kB
            RssShmem:\t       0 kB
            Threads:\t19
            """;

    private static final String SMAPS_ROLLUP = """
            55e353f55000-7ffcaec74000 ---p 00000000 00:00 0                          [rollup]
            Rss:               41236 kB
            Pss:               33498 kB
            Pss_Dirty:         29912 kB
            Shared_Clean:       9492 kB
            Shared_Dirty:          0 kB
            Private_Clean:      1104 kB
            Private_Dirty:     30640 kB
            Referenced:        41236 kB
            Anonymous:         30112 kB
            Private_Hugetlb:       0 kB
            Swap:                  0 kB
            """;

    /** Two mappings of the older, per-mapping file: the fields are summed over them. */
    private static final String SMAPS = """
            55a946295000-55a946299000 r--p 00000000 fe:00 260638                     /usr/bin/java
            Size:                 16 kB
            Rss:                  16 kB
            Shared_Clean:          0 kB
            Shared_Dirty:          0 kB
            Private_Clean:        16 kB
            Private_Dirty:         0 kB
            VmFlags: rd mr mw me
            7f0a10000000-7f0a10021000 rw-p 00000000 00:00 0
            Size:                132 kB
            Rss:                 120 kB
            Shared_Clean:         12 kB
            Shared_Dirty:          0 kB
            Private_Clean:         4 kB
            Private_Dirty:       104 kB
            VmFlags: rd wr mr mw me nr
            """;

    @Test
    void residentIsVmRssOfTheStatusFile() {
        assertEquals(41236L * 1024, LinuxMemory.statusField(STATUS, "VmRSS:"));
        assertEquals(-1, LinuxMemory.statusField("Name:\tjava\nVmHWM:\t 42680 kB\n", "VmRSS:"), "no VmRSS line");
        assertEquals(-1, LinuxMemory.statusField(null, "VmRSS:"), "no file");
    }

    @Test
    void uniqueIsPrivateCleanPlusPrivateDirty() {
        assertEquals((1104L + 30640) * 1024, LinuxMemory.privateBytes(SMAPS_ROLLUP));
        assertEquals((16L + 0 + 4 + 104) * 1024, LinuxMemory.privateBytes(SMAPS), "summed over every mapping");
        assertEquals(-1, LinuxMemory.privateBytes("Rss: 12 kB\n"), "no private fields: not measured");
        assertEquals(-1, LinuxMemory.privateBytes("Private_Clean: lots\n"), "unreadable: not measured");
        assertEquals(-1, LinuxMemory.privateBytes(null), "no file");
    }

    @Test
    void kilobytesAreParsedOrRefused() {
        assertEquals(41236L * 1024, LinuxMemory.parseKb("   41236 kB"));
        assertEquals(-1, LinuxMemory.parseKb("lots"));
        assertEquals(-1, LinuxMemory.parseKb("12 MB"));
        assertEquals(-1, LinuxMemory.parseKb("x kB"));
    }

    @Test
    void aFixtureProcGivesResidentUniqueAndPeakThroughTheInterface() throws Exception {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/status"), STATUS);
        Files.writeString(proc.resolve("4242/smaps_rollup"), SMAPS_ROLLUP);
        Files.createDirectories(proc.resolve("77"));
        Files.writeString(proc.resolve("77/status"), STATUS.replace("41236 kB", "100 kB"));
        Files.writeString(proc.resolve("77/smaps"), SMAPS); // a kernel before 4.14: no smaps_rollup
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/status"), STATUS);

        MemoryReader linux = new LinuxMemory(proc);
        assertEquals(41236L * 1024, linux.resident(4242));
        assertEquals((1104L + 30640) * 1024, linux.unique(4242));
        assertEquals(100L * 1024, linux.resident(77));
        assertEquals((16L + 0 + 4 + 104) * 1024, linux.unique(77), "summed over smaps when there is no rollup");
        assertEquals(42680L * 1024, linux.peakOfSelf(), "VmHWM of /proc/self/status");
        assertEquals(-1, linux.resident(5), "no such process");
        assertEquals(-1, linux.unique(5), "no such process");
    }

    @Test
    void withoutProcNothingIsMeasured() {
        MemoryReader none = new LinuxMemory(proc.resolve("missing"));
        assertEquals(-1, none.resident(1));
        assertEquals(-1, none.unique(1));
        assertEquals(-1, none.peakOfSelf());
    }

    @Test
    void linuxIsWhatHostPicksForLinux() {
        assertTrue(Host.memory(Os.LINUX) instanceof LinuxMemory);
    }

    @Test
    void thisProcessOnThisOs() {
        MemoryReader here = Host.memory();
        if (Files.exists(Path.of("/proc/self/status"))) {
            long resident = here.residentOfSelf();
            long unique = here.uniqueOfSelf();
            long peak = here.peakOfSelf();
            assertTrue(resident > 1 << 20, "resident " + resident);
            assertTrue(unique > 0 && unique <= resident * 2, "unique " + unique + " beside resident " + resident);
            assertTrue(peak >= resident / 2 && peak > 1 << 20, "peak " + peak + " beside resident " + resident);
        }
        assertEquals(-1, here.resident(Long.MAX_VALUE), "no such process");
        assertEquals(-1, here.unique(Long.MAX_VALUE), "no such process");
    }
}

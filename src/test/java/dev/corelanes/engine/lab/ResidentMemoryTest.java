package dev.corelanes.engine.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /proc parsers on the files' own text (taken from a Linux 6.x machine), and what they say without /proc. */
class ResidentMemoryTest {

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
        assertEquals(41236L * 1024, ResidentMemory.vmRss(STATUS));
        assertEquals(-1, ResidentMemory.vmRss("Name:\tjava\nVmHWM:\t 42680 kB\n"), "no VmRSS line");
        assertEquals(-1, ResidentMemory.vmRss(null), "no file");
    }

    @Test
    void uniqueIsPrivateCleanPlusPrivateDirty() {
        assertEquals((1104L + 30640) * 1024, ResidentMemory.privateBytes(SMAPS_ROLLUP));
        assertEquals((16L + 0 + 4 + 104) * 1024, ResidentMemory.privateBytes(SMAPS), "summed over every mapping");
        assertEquals(-1, ResidentMemory.privateBytes("Rss: 12 kB\n"), "no private fields: not measured");
        assertEquals(-1, ResidentMemory.privateBytes("Private_Clean: lots\n"), "unreadable: not measured");
        assertEquals(-1, ResidentMemory.privateBytes(null), "no file");
    }

    @Test
    void kilobytesAreParsedOrRefused() {
        assertEquals(41236L * 1024, ResidentMemory.parseKb("   41236 kB"));
        assertEquals(-1, ResidentMemory.parseKb("lots"));
        assertEquals(-1, ResidentMemory.parseKb("12 MB"));
        assertEquals(-1, ResidentMemory.parseKb("x kB"));
    }

    @Test
    void thisProcessOnThisOs() {
        if (Files.exists(Path.of("/proc/self/status"))) {
            long resident = ResidentMemory.ofSelf();
            long unique = ResidentMemory.uniqueOfSelf();
            assertTrue(resident > 1 << 20, "resident " + resident);
            assertTrue(unique > 0 && unique <= resident * 2, "unique " + unique + " beside resident " + resident);
        } else {
            assertEquals(-1, ResidentMemory.ofSelf());
            assertEquals(-1, ResidentMemory.uniqueOfSelf());
        }
        assertEquals(-1, ResidentMemory.ofPid(Long.MAX_VALUE), "no such process");
        assertEquals(-1, ResidentMemory.uniqueOfPid(Long.MAX_VALUE), "no such process");
    }
}

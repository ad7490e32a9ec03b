package dev.corelanes.app;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.hardware.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The machine card's cores line on real machines' topologies. */
class MachineCardTest {

    @TempDir
    Path sys;

    @Test
    void hybridMachinesCountTheirCoresByClass() {
        assertEquals("6 performance + 8 efficiency cores, 20 logical CPUs",
                MachineCard.coresLine(Topologies.intelHybrid(sys.resolve("i")).machine()));
        assertEquals("4 performance + 4 efficiency cores, 8 logical CPUs",
                MachineCard.coresLine(Topologies.appleM2().machine()));
    }

    @Test
    void oneKindOfCoreCountsPhysicalCores() {
        assertEquals("8 cores, 16 logical CPUs", MachineCard.coresLine(Topologies.amdSmt(sys.resolve("a")).machine()));
        assertEquals("32 cores, 64 logical CPUs", MachineCard.coresLine(Topologies.server64(sys.resolve("s")).machine()));
    }

    @Test
    void fewerUsableCpusAreSaid() {
        MachineInfo m = new MachineInfo("x", 2, 2, List.of(), 1L << 30, "Linux", "Java", 1, List.of(), List.of());
        assertEquals("2 cores, 2 logical CPUs, 1 usable", MachineCard.coresLine(m));
    }
}

package dev.corelanes.hardware;

import dev.corelanes.engine.CoreClass;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * macOS's own word on core classes: {@code hw.nperflevels} (2 on Apple silicon), {@code hw.perflevel0.logicalcpu}
 * (performance) and {@code hw.perflevel1.logicalcpu} (efficiency). Counts only: which CPU number is which
 * comes from OSHI (the IORegistry's cluster types).
 */
final class MacPerfLevels implements CoreClassSource {

    /** Reads an integer sysctl by name; -1 when it does not exist. */
    private final ToIntFunction<String> sysctl;

    MacPerfLevels(ToIntFunction<String> sysctl) {
        this.sysctl = sysctl;
    }

    @Override
    public Optional<OsClasses> read(int logicalCpus) {
        int levels = sysctl.applyAsInt("hw.nperflevels");
        if (levels < 2) {
            return Optional.empty(); // Intel Macs and macOS before 12 have one level (or none)
        }
        int p = sysctl.applyAsInt("hw.perflevel0.logicalcpu");
        int e = sysctl.applyAsInt("hw.perflevel1.logicalcpu");
        if (p <= 0 || e <= 0 || p + e != logicalCpus) {
            return Optional.empty();
        }
        return Optional.of(new OsClasses(List.<CoreClass>of(), p, e, "sysctl hw.perflevel0/1.logicalcpu"));
    }
}

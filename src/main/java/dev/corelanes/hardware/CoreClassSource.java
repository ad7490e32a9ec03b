package dev.corelanes.hardware;

import dev.corelanes.engine.CoreClass;

import java.util.List;
import java.util.Optional;

/**
 * Where the OS itself says which logical CPUs are performance and which efficiency cores, to cross-check
 * OSHI's efficiency values: Linux's sysfs (Intel hybrid PMUs, ARM capacities), macOS's perflevel sysctls.
 */
interface CoreClassSource {

    /** What this OS says, or empty when it says nothing (not hybrid, or no such interface). */
    Optional<OsClasses> read(int logicalCpus);

    /**
     * @param perCpu      the class of each logical CPU, or empty when the OS gives only counts (macOS)
     * @param performance logical CPUs of performance cores
     * @param efficiency  logical CPUs of efficiency cores
     * @param source      where it was read, for the info command (e.g. "/sys/devices/cpu_core/cpus")
     */
    record OsClasses(List<CoreClass> perCpu, int performance, int efficiency, String source) {
        public OsClasses {
            perCpu = List.copyOf(perCpu);
        }

        static OsClasses of(List<CoreClass> perCpu, String source) {
            int p = (int) perCpu.stream().filter(c -> c == CoreClass.PERFORMANCE).count();
            return new OsClasses(perCpu, p, perCpu.size() - p, source);
        }
    }

    /** Nothing to cross-check with (Windows: OSHI reads the OS's own EfficiencyClass there). */
    CoreClassSource NONE = cpus -> Optional.empty();
}

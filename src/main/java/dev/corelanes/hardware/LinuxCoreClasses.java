package dev.corelanes.hardware;

import dev.corelanes.engine.CoreClass;
import dev.corelanes.engine.platform.CpuList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux's own word on core classes, read under a sysfs root (the real {@code /sys}, or a fixture folder in
 * tests): Intel hybrid CPUs have one PMU per class, {@code devices/cpu_core/cpus} (P-cores) and
 * {@code devices/cpu_atom/cpus} (E-cores); ARM big.LITTLE gives each CPU a relative
 * {@code devices/system/cpu/cpuN/cpu_capacity} (1024 for the biggest).
 */
final class LinuxCoreClasses implements CoreClassSource {

    private final Path sys;

    LinuxCoreClasses(Path sysRoot) {
        this.sys = sysRoot;
    }

    @Override
    public Optional<OsClasses> read(int logicalCpus) {
        try {
            Optional<OsClasses> intel = intelHybrid(logicalCpus);
            return intel.isPresent() ? intel : armCapacities(logicalCpus);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable or garbled: no cross-check, OSHI alone decides
        }
    }

    private Optional<OsClasses> intelHybrid(int n) throws IOException {
        Path core = sys.resolve("devices/cpu_core/cpus");
        Path atom = sys.resolve("devices/cpu_atom/cpus");
        if (!Files.isReadable(core) || !Files.isReadable(atom)) {
            return Optional.empty();
        }
        List<CoreClass> perCpu = new ArrayList<>(java.util.Collections.nCopies(n, (CoreClass) null));
        for (int c : CpuList.parse(Files.readString(core))) {
            set(perCpu, c, CoreClass.PERFORMANCE);
        }
        for (int c : CpuList.parse(Files.readString(atom))) {
            set(perCpu, c, CoreClass.EFFICIENCY);
        }
        if (perCpu.contains(null)) {
            return Optional.empty(); // an offline or unlisted CPU: not a full picture
        }
        return Optional.of(OsClasses.of(perCpu, "/sys/devices/cpu_core and cpu_atom"));
    }

    private Optional<OsClasses> armCapacities(int n) throws IOException {
        long[] capacity = new long[n];
        for (int c = 0; c < n; c++) {
            Path f = sys.resolve("devices/system/cpu/cpu" + c + "/cpu_capacity");
            if (!Files.isReadable(f)) {
                return Optional.empty();
            }
            capacity[c] = Long.parseLong(Files.readString(f).strip());
        }
        long min = java.util.Arrays.stream(capacity).min().orElse(0);
        long max = java.util.Arrays.stream(capacity).max().orElse(0);
        if (n == 0 || min == max) {
            return Optional.empty(); // one kind of core
        }
        List<CoreClass> perCpu = new ArrayList<>(n);
        for (long cap : capacity) {
            // The smallest cores are the efficiency cores; on three-tier chips, middle and big count as performance.
            perCpu.add(cap == min ? CoreClass.EFFICIENCY : CoreClass.PERFORMANCE);
        }
        return Optional.of(OsClasses.of(perCpu, "/sys/devices/system/cpu/cpu*/cpu_capacity"));
    }

    private static void set(List<CoreClass> perCpu, int cpu, CoreClass k) {
        if (cpu >= perCpu.size()) {
            throw new IllegalArgumentException("CPU " + cpu + " beyond the " + perCpu.size() + " OSHI counts");
        }
        perCpu.set(cpu, k);
    }
}

package dev.corelanes.cli;

import dev.corelanes.engine.CoreLimit;
import dev.corelanes.engine.MachineInfo;
import picocli.CommandLine.Option;

/** {@code --cores N} / {@code --cpus LIST}: pin a run to some CPUs. Shared by {@code run} and {@code sweep}. */
final class CoreOptions {

    @Option(names = "--cores", paramLabel = "N",
            description = "Use only N cores: pin the run's threads and child processes to N CPUs (one per physical "
                    + "core first). Linux and Windows.")
    Integer cores;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "Pin the run to these CPUs, e.g. 0 or 0,2-3 (as taskset -c). Linux and Windows.")
    String cpus;

    /** The limit asked for, or null; a bad value is a {@link UserError}. */
    CoreLimit limit() {
        if (cores != null && cpus != null) {
            throw new UserError("use --cores or --cpus, not both.");
        }
        try {
            return cores != null ? CoreLimit.count(cores) : cpus != null ? CoreLimit.cpus(cpus) : null;
        } catch (IllegalArgumentException e) {
            throw new UserError((cpus != null ? "--cpus: " : "") + e.getMessage() + ".");
        }
    }

    /** The machine as the run will see it: pinned to the chosen CPUs, or as it is when no limit is given. */
    MachineInfo apply(MachineInfo machine) {
        CoreLimit limit = limit();
        return limit == null ? machine : pinned(machine, limit);
    }

    static MachineInfo pinned(MachineInfo machine, CoreLimit limit) {
        try {
            return limit.applyTo(machine);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".");
        }
    }
}

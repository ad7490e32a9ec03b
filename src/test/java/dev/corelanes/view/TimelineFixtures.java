package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;

import java.util.List;

/** Machines and specs for layout tests. */
final class TimelineFixtures {

    private TimelineFixtures() {
    }

    static MachineInfo machine(int cores) {
        return new MachineInfo("Test CPU", cores, cores, List.of(), 1L << 33, "TestOS", "Java");
    }

    /** 2 physical cores with 2 logical CPUs each: CPU 0+2 and 1+3 share a core. */
    static MachineInfo smtMachine() {
        return new MachineInfo("Test CPU", 4, 2, List.of(List.of(0, 2), List.of(1, 3)), 1L << 33, "TestOS", "Java");
    }

    static ExperimentSpec spec(ExecutionMode mode, int tasks) {
        return ExperimentSpec.of(mode, TaskKind.COMPUTE, tasks, 1.0, false);
    }

    static Viewport viewport(long endNanos, LaneMode mode) {
        return new Viewport(0, endNanos, 1000, 600, mode, -1, TimelineTheme.LIGHT);
    }
}

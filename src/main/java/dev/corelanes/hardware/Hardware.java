package dev.corelanes.hardware;

import dev.corelanes.engine.MachineInfo;

/** What CoreLanes needs to know about the machine. OSHI stays behind this interface. */
public interface Hardware {

    /** CPU model, cores, SMT siblings, memory, OS, Java. The first call may take ~0.3 s. */
    MachineInfo machine();

    /**
     * The machine's load on each logical CPU since the previous call, 0..1 each (all processes, not just
     * ours). The first call returns zeros; call it ~10 times a second.
     */
    double[] cpuLoads();

    /** How the core classes (performance / efficiency) were decided, one line; empty when not read. */
    default String coreClassNote() {
        return "";
    }

    /** OSHI on this machine, or, if OSHI cannot start, what the JVM alone can tell. */
    static Hardware detect() {
        try {
            return new OshiHardware();
        } catch (RuntimeException | LinkageError e) {
            return new JvmHardware();
        }
    }
}

package dev.corelanes.hardware;

import dev.corelanes.engine.MachineInfo;

/** The little the JVM knows about the machine, for when OSHI is not available. */
final class JvmHardware implements Hardware {

    @Override
    public MachineInfo machine() {
        MachineInfo m = MachineInfo.fromJvm();
        return new MachineInfo("unknown CPU (" + m.cpu() + ")", m.logicalCores(), m.physicalCores(), m.smtGroups(),
                m.memoryBytes(), m.os(), javaDescription());
    }

    @Override
    public double[] cpuLoads() {
        return new double[Runtime.getRuntime().availableProcessors()];
    }

    static String javaDescription() {
        return System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.vm.name", "Java") + " "
                + System.getProperty("java.version", "");
    }
}

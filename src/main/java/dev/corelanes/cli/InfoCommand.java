package dev.corelanes.cli;

import dev.corelanes.engine.platform.CpuList;
import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.ThreadCpuClock;
import dev.corelanes.engine.python.PythonInterpreter;
import dev.corelanes.engine.python.PythonInterpreters;
import dev.corelanes.engine.python.PythonUnavailable;
import dev.corelanes.hardware.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** {@code corelanes info}: the machine as OSHI sees it. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print the hardware: CPU, cores, SMT siblings, memory, OS, Java.")
final class InfoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Hardware hw = Hardware.detect();
        MachineInfo m = hw.machine();
        out.println("CPU          " + m.cpu());
        out.println("Cores        " + m.physicalCores() + " physical, " + m.logicalCores() + " logical");
        out.println("Usable       " + m.usableCores() + (m.usableCores() == 1 ? " CPU" : " CPUs")
                + (m.limited() ? " (this process's affinity mask or container CPU quota)" : ""));
        out.println("SMT          " + smt(m.smtGroups()));
        String note = hw.coreClassNote().isEmpty() ? "one kind of core" : hw.coreClassNote();
        out.println("Core classes " + (m.classSummary().isEmpty() ? note
                : m.classSummary() + " (CPU " + classLists(m) + "); from " + note));
        out.printf("Memory       %.1f GiB%n", m.memoryBytes() / (double) (1L << 30));
        out.println("OS           " + m.os());
        out.println("Java         " + m.java());
        out.println("Core probe   " + Host.coreProbe().description());
        out.println("CPU clock    " + cpuClock(ThreadCpuClock.tick()));
        try {
            PythonInterpreter python = PythonInterpreters.find(null);
            out.println("Python       " + python.describe()
                    + " · " + python.coreStatus()
                    + " · start methods " + String.join(", ", python.startMethods()));
        } catch (PythonUnavailable e) {
            out.println("Python       none usable (" + e.getMessage() + ")");
        }
    }

    /** "thread CPU time in steps of 15.6 ms (simulated by -Dcorelanes.cpuClockTick)", as measured. */
    static String cpuClock(ThreadCpuClock.Tick tick) {
        return !tick.known() ? "thread CPU time not readable here"
                : "thread CPU time in steps of " + FigureText.nanos(tick.nanos())
                + (tick.simulated() ? " (simulated by -D" + ThreadCpuClock.PROPERTY + ")" : " (measured)");
    }

    /** "P 0-11, E 12-19". */
    static String classLists(MachineInfo m) {
        StringBuilder out = new StringBuilder();
        for (dev.corelanes.engine.CoreClass k : dev.corelanes.engine.CoreClass.values()) {
            List<Integer> cpus = new java.util.ArrayList<>();
            for (int c = 0; c < m.cpuClasses().size(); c++) {
                if (m.cpuClasses().get(c) == k) {
                    cpus.add(c);
                }
            }
            if (!cpus.isEmpty()) {
                out.append(out.isEmpty() ? "" : ", ").append(k.letter()).append(' ')
                        .append(dev.corelanes.engine.platform.CpuList.format(cpus));
            }
        }
        return out.toString();
    }

    static String smt(List<List<Integer>> groups) {
        if (groups.isEmpty()) {
            return "unknown";
        }
        boolean shared = groups.stream().anyMatch(g -> g.size() > 1);
        String list = groups.stream()
                .map(g -> g.stream().map(c -> "CPU " + c).collect(Collectors.joining(" + ")))
                .collect(Collectors.joining(" | "));
        return (shared ? "logical CPUs sharing a physical core: " : "no two logical CPUs share a core: ") + list;
    }
}

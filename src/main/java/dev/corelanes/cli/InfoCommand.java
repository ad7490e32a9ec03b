package dev.corelanes.cli;

import dev.corelanes.engine.CoreProbe;
import dev.corelanes.engine.MachineInfo;
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
        MachineInfo m = Hardware.detect().machine();
        out.println("CPU          " + m.cpu());
        out.println("Cores        " + m.physicalCores() + " physical, " + m.logicalCores() + " logical");
        out.println("SMT          " + smt(m.smtGroups()));
        out.printf("Memory       %.1f GiB%n", m.memoryBytes() / (double) (1L << 30));
        out.println("OS           " + m.os());
        out.println("Java         " + m.java());
        out.println("Core probe   " + CoreProbe.detect().description());
        try {
            PythonInterpreter python = PythonInterpreters.find(null);
            out.println("Python       " + python.describe()
                    + (python.coreCall().isEmpty() ? " · core unknown" : " · core via " + python.coreCall())
                    + " · start methods " + String.join(", ", python.startMethods()));
        } catch (PythonUnavailable e) {
            out.println("Python       none usable (" + e.getMessage() + ")");
        }
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

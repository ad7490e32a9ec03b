package dev.corelanes.app;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.view.Formats;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.stream.Collectors;

/** What this machine is: CPU, cores and which logical CPUs share one, memory, OS, Java. */
final class MachineCard extends VBox {

    private final GridPane rows = new GridPane();
    private MachineInfo machine;
    private dev.corelanes.engine.python.PythonInterpreter python;

    MachineCard(ObservableValue<MachineInfo> machine) {
        getStyleClass().add("card");
        setId("machineCard");
        Label title = new Label("This machine");
        title.getStyleClass().add("card-title");
        rows.setHgap(8);
        rows.setVgap(4);
        getChildren().addAll(title, rows);
        setSpacing(6);
        setPadding(new Insets(10, 12, 10, 12));
        show(machine.getValue());
        machine.addListener((o, a, b) -> show(b));
    }

    /** The Python interpreter chosen as the runtime (null = Java): its version and whether its GIL is on. */
    void showPython(dev.corelanes.engine.python.PythonInterpreter p) {
        python = p;
        show(machine);
    }

    private void show(MachineInfo m) {
        machine = m;
        rows.getChildren().clear();
        if (m == null) {
            row(0, "mdi2t-timer-sand", "Reading the hardware…", "");
            return;
        }
        row(0, "mdi2c-chip", m.cpu(), "CPU model");
        row(1, "mdi2c-cpu-64-bit", coresLine(m),
                "Physical cores (by class on a hybrid processor) and logical CPUs (hardware threads)");
        row(2, "mdi2l-layers", smt(m), "Logical CPUs that share one physical core (SMT / Hyper-Threading)");
        row(3, "mdi2m-memory", Formats.bytes(m.memoryBytes()) + " memory", "Installed memory");
        row(4, "mdi2m-monitor", m.os(), "Operating system");
        row(5, "mdi2l-language-java", m.java(), "Java runtime");
        if (python != null) {
            row(6, "mdi2l-language-python", python.name() + " · GIL " + (python.gilEnabled() ? "enabled" : "disabled"),
                    "Python interpreter the runs use (" + python.path() + ")");
            rows.getChildren().get(rows.getChildren().size() - 1).setId("machinePython");
        }
    }

    /**
     * "2 cores, 4 logical CPUs"; on a hybrid processor "6 performance + 8 efficiency cores, 20 logical CPUs";
     * with fewer usable CPUs (affinity, container quota) "…, 1 usable".
     */
    static String coresLine(MachineInfo m) {
        String cores = m.classSummary().isEmpty()
                ? m.physicalCores() + (m.physicalCores() == 1 ? " core" : " cores") : m.classSummary();
        return cores + ", " + m.logicalCores() + (m.logicalCores() == 1 ? " logical CPU" : " logical CPUs")
                + (m.limited() ? ", " + m.usableCores() + " usable" : "");
    }

    /** "CPU 0+1 share a core" or "no CPUs share a core". */
    static String smt(MachineInfo m) {
        List<List<Integer>> shared = m.smtGroups().stream().filter(g -> g.size() > 1).toList();
        if (m.smtGroups().isEmpty()) {
            return "core sharing unknown";
        }
        if (shared.isEmpty()) {
            return "no two CPUs share a core";
        }
        String groups = shared.stream().limit(4)
                .map(g -> "CPU " + g.stream().map(String::valueOf).collect(Collectors.joining("+")))
                .collect(Collectors.joining(", "));
        return groups + (shared.size() > 4 ? " … (" + shared.size() + " cores)" : "") + " share a core";
    }

    private void row(int r, String icon, String text, String tip) {
        FontIcon i = new FontIcon(icon);
        i.getStyleClass().add("card-icon");
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(250);
        if (!tip.isEmpty()) {
            l.setTooltip(new javafx.scene.control.Tooltip(tip + ": " + text));
        }
        rows.addRow(r, i, l);
    }
}

package dev.corelanes.app.labs;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Supplier;

/** The one entry the main window carries: a "Labs" menu that opens each lab in its own window. */
public final class Labs {

    /** Repetitions the overhead lab starts with: enough for a stable median in a few seconds. */
    static final int DEFAULT_REPETITIONS = 20;

    private Labs() {
    }

    public static MenuButton menu(Supplier<Window> owner, ObservableBooleanValue dark) {
        MenuItem memory = new MenuItem("Memory lab — threads share memory, a process has its own");
        memory.setId("memoryLabItem");
        memory.setOnAction(e -> new MemoryLabWindow().show(stage(owner.get()), dark.get()));
        MenuItem overhead = new MenuItem("Overhead lab — what a thread and a process cost");
        overhead.setId("overheadLabItem");
        overhead.setOnAction(e -> new OverheadLabWindow(DEFAULT_REPETITIONS).show(stage(owner.get()), dark.get()));
        MenuItem scaling = new MenuItem("Scaling lab — speedup vs cores, with Amdahl's law");
        scaling.setId("scalingLabItem");
        scaling.setOnAction(e -> new ScalingLabWindow().show(stage(owner.get()), dark.get()));
        MenuButton button = new MenuButton("Labs", null, memory, overhead, scaling);
        button.setId("labsButton");
        return button;
    }

    private static Stage stage(Window owner) {
        Stage s = new Stage();
        if (owner != null) {
            s.initOwner(owner);
        }
        return s;
    }
}

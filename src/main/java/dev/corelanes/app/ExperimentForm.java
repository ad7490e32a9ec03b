package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.SpecException;
import dev.corelanes.engine.TaskKind;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the user asks for, as properties the experiment panel binds to. Validation is the engine's own
 * ({@link ExperimentSpec} refuses what cannot run): the form only shows its one-line message.
 */
public final class ExperimentForm {

    private final ObjectProperty<TaskKind> kind = new SimpleObjectProperty<>(this, "kind", TaskKind.SLEEP);
    private final IntegerProperty tasks = new SimpleIntegerProperty(this, "tasks", 4);
    private final DoubleProperty seconds = new SimpleDoubleProperty(this, "seconds", 1.0);
    private final ObjectProperty<ExecutionMode> mode = new SimpleObjectProperty<>(this, "mode", ExecutionMode.THREADS);
    private final IntegerProperty workers = new SimpleIntegerProperty(this, "workers", 2);
    private final BooleanProperty gil = new SimpleBooleanProperty(this, "gil", false);
    /** Use only this many cores (the run is pinned); 0 = every usable core. */
    private final IntegerProperty cores = new SimpleIntegerProperty(this, "cores", 0);
    private final ReadOnlyIntegerWrapper maxTasks = new ReadOnlyIntegerWrapper(this, "maxTasks");
    private final ReadOnlyIntegerWrapper maxWorkers = new ReadOnlyIntegerWrapper(this, "maxWorkers");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public ExperimentForm() {
        Observable[] inputs = {kind, tasks, seconds, mode, workers, gil};
        for (Observable o : inputs) {
            o.addListener(x -> validate());
        }
        validate();
    }

    private void validate() {
        maxTasks.set(ExperimentSpec.maxTasks(mode.get(), kind.get()));
        maxWorkers.set(mode.get().processBased() ? ExperimentSpec.MAX_PROCESSES : ExperimentSpec.MAX_WORKERS);
        try {
            spec();
            error.set("");
        } catch (SpecException e) {
            error.set(e.getMessage());
        }
    }

    /** The spec these inputs describe; throws {@link SpecException} with a user message if impossible. */
    public ExperimentSpec spec() {
        return (mode.get().pooled()
                ? new ExperimentSpec(mode.get(), kind.get(), tasks.get(), seconds.get(), workers.get(), gil.get())
                : ExperimentSpec.of(mode.get(), kind.get(), tasks.get(), seconds.get(), gil.get())).requireRunnable();
    }

    public ObjectProperty<TaskKind> kindProperty() {
        return kind;
    }

    public IntegerProperty tasksProperty() {
        return tasks;
    }

    public DoubleProperty secondsProperty() {
        return seconds;
    }

    public ObjectProperty<ExecutionMode> modeProperty() {
        return mode;
    }

    public IntegerProperty workersProperty() {
        return workers;
    }

    public IntegerProperty coresProperty() {
        return cores;
    }

    public BooleanProperty gilProperty() {
        return gil;
    }

    /** The most tasks the chosen mode and kind allow. */
    public ReadOnlyIntegerProperty maxTasksProperty() {
        return maxTasks.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty maxWorkersProperty() {
        return maxWorkers.getReadOnlyProperty();
    }

    /** Why the inputs cannot run, in one line; empty when they can. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}

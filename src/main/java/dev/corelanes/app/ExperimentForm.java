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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import dev.corelanes.engine.python.PythonChoice;
import dev.corelanes.engine.python.PythonInterpreter;
import dev.corelanes.engine.python.PythonScript;
import dev.corelanes.engine.python.PythonUnavailable;

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
    /** The Python interpreter to run in, or null for Java. */
    private final ObjectProperty<PythonInterpreter> python = new SimpleObjectProperty<>(this, "python");
    /** multiprocessing's start method for Python process runs; "" = the interpreter's default. */
    private final StringProperty startMethod = new SimpleStringProperty(this, "startMethod", "");
    private final ReadOnlyIntegerWrapper maxTasks = new ReadOnlyIntegerWrapper(this, "maxTasks");
    private final ReadOnlyIntegerWrapper maxWorkers = new ReadOnlyIntegerWrapper(this, "maxWorkers");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public ExperimentForm() {
        Observable[] inputs = {kind, tasks, seconds, mode, workers, gil, python, startMethod};
        for (Observable o : inputs) {
            o.addListener(x -> validate());
        }
        validate();
    }

    private void validate() {
        maxTasks.set(ExperimentSpec.maxTasks(mode.get(), kind.get()));
        maxWorkers.set(mode.get().processBased() ? ExperimentSpec.MAX_PROCESSES : ExperimentSpec.MAX_WORKERS);
        try {
            ExperimentSpec s = spec();
            if (python.get() != null) {
                PythonScript.check(s);
                pythonChoice();
            }
            error.set("");
        } catch (SpecException | PythonUnavailable e) {
            error.set(e.getMessage());
        }
    }

    /** The spec these inputs describe; throws {@link SpecException} with a user message if impossible. */
    /** Sets the inputs to {@code s} (a lesson's step, a demo's workload); workers only for a pooled mode. */
    public void apply(ExperimentSpec s) {
        if (!s.mode().runnable()) {
            return; // a traced program's run: nothing in it is an experiment the controls could run again
        }
        kindProperty().set(s.kind());
        modeProperty().set(s.mode());
        tasksProperty().set(s.tasks());
        secondsProperty().set(s.taskSeconds());
        if (s.mode().pooled()) {
            workersProperty().set(s.workers());
        }
        gilProperty().set(s.gil());
    }

    public ExperimentSpec spec() {
        boolean emulated = gil.get() && python.get() == null; // a Python run has its interpreter's real GIL
        return (mode.get().pooled()
                ? new ExperimentSpec(mode.get(), kind.get(), tasks.get(), seconds.get(), workers.get(), emulated)
                : ExperimentSpec.of(mode.get(), kind.get(), tasks.get(), seconds.get(), emulated)).requireRunnable();
    }

    /** The Python runtime chosen, or null for Java. */
    public PythonChoice pythonChoice() {
        PythonInterpreter p = python.get();
        return p == null ? null : new PythonChoice(p, mode.get().processBased() ? startMethod.get() : "");
    }

    public ObjectProperty<PythonInterpreter> pythonProperty() {
        return python;
    }

    public StringProperty startMethodProperty() {
        return startMethod;
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

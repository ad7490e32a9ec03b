package dev.corelanes.app;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.python.PythonInterpreter;
import dev.corelanes.engine.python.PythonInterpreters;
import dev.corelanes.engine.python.PythonUnavailable;
import dev.corelanes.engine.trace.ProgramCommand;
import dev.corelanes.engine.trace.ProgramRun;
import dev.corelanes.engine.trace.TraceException;
import dev.corelanes.view.LiveFeed;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Run my program: turns what the user typed or chose into a command (a {@code .py} file runs with the Python of the
 * Runtime chooser, or the first one found; a {@code .jar} with this JVM's java), starts it off the FX thread
 * (finding a Python and starting a process take a moment) and shows it as the run going on. A program that cannot
 * start says why in one line.
 */
final class ProgramLauncher {

    private final RunSession session;
    private final Supplier<PythonInterpreter> chosenPython;
    private final AppPrefs prefs;
    private final Path home;

    ProgramLauncher(RunSession session, Supplier<PythonInterpreter> chosenPython, AppPrefs prefs, Path home) {
        this.session = session;
        this.chosenPython = chosenPython;
        this.prefs = prefs;
        this.home = home;
    }

    /**
     * Starts {@code line}; on the FX thread, {@code started} gets the program and its row, or {@code failed} a
     * one-line reason. Call on the FX thread.
     */
    void launch(String line, java.util.function.BiConsumer<ProgramRun, RunRow> started, Consumer<String> failed) {
        if (!session.canStart()) {
            failed.accept(session.machineProperty().get() == null ? "The machine is still being read: try again in "
                    + "a moment." : "A run is going on: wait for it to end, or cancel it.");
            return;
        }
        MachineInfo machine = session.machineProperty().get();
        PythonInterpreter chosen = chosenPython.get();
        String remembered = prefs.pythonPath();
        Thread.ofPlatform().daemon(true).name("corelanes-program-start").start(() -> {
            LiveFeed feed = new LiveFeed();
            ProgramRun run;
            try {
                ProgramCommand cmd = ProgramCommand.fromLine(line, () -> python(chosen, remembered),
                        ProgramCommand.thisJava(), home);
                run = ProgramRun.start(cmd, machine, feed);
            } catch (TraceException | PythonUnavailable e) {
                String why = e.getMessage();
                Platform.runLater(() -> failed.accept(why));
                return;
            } catch (RuntimeException e) {
                String why = "Cannot start it: " + e.getMessage();
                Platform.runLater(() -> failed.accept(why));
                return;
            }
            Platform.runLater(() -> {
                RunRow row = session.startProgram(run, feed);
                if (row == null) {
                    failed.accept("Another run started meanwhile: the program was stopped.");
                    return;
                }
                prefs.setLastProgram(line.strip());
                started.accept(run, row);
            });
        });
    }

    /**
     * The Python to run a .py file with: the one chosen in the window, else the one remembered, else the first
     * found — as the interpreter names itself ({@code sys.executable}): a wrapper in front of it (pyenv's shim is a
     * shell script) would put its own shell processes on the student's lanes.
     */
    private static String python(PythonInterpreter chosen, String remembered) {
        PythonInterpreter p = chosen != null ? chosen : PythonInterpreters.find(remembered);
        return p.executable() == null || p.executable().isBlank() ? p.path() : p.executable();
    }
}

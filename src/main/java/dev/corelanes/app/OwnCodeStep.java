package dev.corelanes.app;

import dev.corelanes.engine.trace.ProgramOutput;
import dev.corelanes.engine.trace.ProgramRun;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.teach.OwnCode;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A lesson's "your own code" step in the window: the student's {@code my_threads.py} (written once with the starter,
 * never over their edits) shown on the lesson card with Open in editor, and run as Run my program runs a file —
 * traced on the lanes in the Python chosen — when the lesson reaches it. Whether the file is the starter, changed or
 * missing is read from the disk off the FX thread; where this system cannot trace a program the step says why and
 * is skipped.
 */
final class OwnCodeStep {

    private final LessonCard card;
    private final ProgramLauncher launcher;
    private final Supplier<Path> dir;
    /** Why this system cannot trace a program, "" when it can (tests: a system that cannot). */
    private Supplier<String> cannotTrace = ProgramTrace::unavailableReason;
    private Path file;
    private ProgramRun running;

    OwnCodeStep(LessonCard card, ProgramLauncher launcher, Supplier<Path> dir) {
        this.card = card;
        this.launcher = launcher;
        this.dir = dir;
        card.setOnOpenOwnCode(() -> {
            if (file != null) {
                card.showOwnCodeStatus("Asking your desktop to open " + file.getFileName() + " …", false);
                FileOpener.open(file, why -> card.showOwnCodeStatus(why, true));
            }
        });
    }

    void cannotTrace(Supplier<String> reason) {
        cannotTrace = reason;
    }

    /** Why the step cannot run on this system, or "". */
    String unavailableReason() {
        return cannotTrace.get();
    }

    /** The student's file, once the lesson with the step was chosen (null before). */
    Path file() {
        return file;
    }

    /** A lesson with the step was chosen: make sure the file is there and show where it is and what it holds. */
    void prepare() {
        Path folder = dir.get();
        card.showOwnCodeFile("Looking for your my_threads.py in " + folder + " …");
        CompletableFuture.supplyAsync(() -> {
            try {
                OwnCode.Starter s = OwnCode.ensure(folder);
                return new Object[] {s.file(), OwnCode.state(s.file()), s.created()};
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenComplete((found, e) -> Platform.runLater(() -> {
            if (e != null) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                c = c.getCause() != null ? c.getCause() : c;
                file = null;
                card.showOwnCodeFile("Could not write " + folder.resolve(OwnCode.FILE_NAME) + ": " + c.getMessage());
                return;
            }
            file = (Path) found[0];
            OwnCode.FileState state = (OwnCode.FileState) found[1];
            card.showOwnCodeFile((Boolean) found[2] ? "Written for you (the starter; edit it, save, and run the "
                    + "step): " + file : OwnCode.describe(file, state));
        }));
    }

    /**
     * Runs the file as the lesson's step: {@code pending} is told the start is under way (so the run that starts
     * joins the lesson), {@code failed} gets the one-line reason when nothing started (file missing, no Python, a
     * run going on). Call on the FX thread.
     */
    void run(Runnable pending, Consumer<String> failed) {
        if (file == null) {
            failed.accept("Your my_threads.py is not ready yet: wait a moment, or choose the lesson again.");
            return;
        }
        Path f = file;
        CompletableFuture.supplyAsync(() -> OwnCode.state(f)).thenAccept(state -> Platform.runLater(() -> {
            card.showOwnCodeFile(OwnCode.describe(f, state));
            if (state == OwnCode.FileState.MISSING) {
                failed.accept("Your my_threads.py is missing: " + f + " is not there any more. Choose the lesson "
                        + "again to get a fresh starter.");
                return;
            }
            card.showOwnCodeStatus("Starting " + f.getFileName() + " …", false);
            pending.run();
            launcher.launch(ProgramDialog.quoted(f.toString()), (run, row) -> {
                running = run;
                card.showOwnCodeStatus("", false);
            }, failed);
        }));
    }

    /**
     * What the student's program said last on stderr (its error, when it failed), or "": the cause a failed run
     * shows beside its exit code.
     */
    String lastError() {
        if (running == null) {
            return "";
        }
        List<ProgramOutput.Line> lines = running.output().lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).stderr() && !lines.get(i).text().isBlank()) {
                return lines.get(i).text().strip();
            }
        }
        return "";
    }
}

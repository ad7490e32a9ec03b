package dev.corelanes.app;

import dev.corelanes.teach.Lesson;

import java.nio.file.Path;
import java.util.List;

/**
 * What the menu bar asks of the window: one method per menu item or shortcut, nothing about how the window
 * is built, so the menu can change without reaching into the window's parts.
 */
interface WindowCommands {

    /** File ▸ Run my program… (Ctrl+P): any program's threads on the lanes. */
    void runProgram();

    void openRun();

    void openRecent(Path file);

    /** The run files opened or saved lately, newest first. */
    List<Path> recentFiles();

    void saveRun();

    void export();

    void copyImage();

    /**
     * Empties the runs table once the user confirms (a run going on stays); the kept files are moved aside
     * until the window closes.
     */
    void clearRuns();

    /** Brings back the runs the last Clear runs took away. */
    void undoClear();

    /** True while a Clear runs can be undone. */
    javafx.beans.value.ObservableBooleanValue canUndoClear();

    /** Closes the window as its close button does: a run going on is cancelled first. */
    void quit();

    void replaySelected();

    void togglePresenter();

    void toggleTheme();

    /** Type one step larger ({@code factor} > 1) or smaller. */
    void changeFontScale(double factor);

    void setFontScale(double scale);

    void startLesson(Lesson lesson);

    /** Lessons ▸ Your own code: the student's my_threads.py, to edit and run on the lanes. */
    void ownCode();

    void showCode();

    /** True once a free-threaded Python was found: its lesson is offered then ({@link Lesson#availableWith}). */
    javafx.beans.value.ObservableBooleanValue freeThreadedFound();

    /** The Lessons menu opens: look for interpreters now (not during a run: each probe starts one). */
    void lessonsShowing();

    /** Help ▸ Guide (F1), Glossary, Keyboard shortcuts, About. */
    void showHelp(HelpWindow.Page page);
}

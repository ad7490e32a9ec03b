package dev.corelanes.app;

import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.Lessons;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;

import java.nio.file.Path;

/** The menu bar: File (run my program, open, save, recent, export), View (replay, presenter, type size), Lessons, Teach, Help. */
final class MainMenu {

    private final WindowCommands w;
    private final MenuBar bar = new MenuBar();
    private final Menu recent = new Menu("Open recent");
    private final CheckMenuItem predict = new CheckMenuItem("Predict before each run");

    MainMenu(WindowCommands w) {
        this.w = w;
        bar.setId("menuBar");
        bar.getMenus().addAll(file(), view(), lessons(), teach(), help());
    }

    /**
     * Ctrl+plus and Ctrl+minus as people type them: with or without Shift, on the main keys or the keypad
     * (a menu item takes one accelerator; these go to the scene).
     */
    void installSizeKeys(javafx.scene.Scene scene) {
        Runnable larger = () -> w.changeFontScale(1.1);
        Runnable smaller = () -> w.changeFontScale(1 / 1.1);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), larger);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), larger);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), larger);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), smaller);
    }

    MenuBar bar() {
        return bar;
    }

    boolean predictEnabled() {
        return predict.isSelected();
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem i = new MenuItem(text);
        // Titles are shown as written: "do_something() twice" and run files named like my_run.json keep
        // their underscores (a mnemonic would eat them). Shortcuts are accelerators.
        i.setMnemonicParsing(false);
        i.setId(id);
        if (key != null) {
            i.setAccelerator(key);
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    private static KeyCombination ctrl(KeyCode k) {
        return new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN);
    }

    private Menu file() {
        Menu m = new Menu("File");
        m.setId("fileMenu");
        recent.setId("recentMenu");
        m.setOnShowing(e -> fillRecent());
        fillRecent();
        m.getItems().addAll(
                item("Run my program…", "runProgramItem", ctrl(KeyCode.P), w::runProgram),
                new SeparatorMenuItem(),
                item("Open run…", "openItem", ctrl(KeyCode.O), w::openRun),
                recent,
                item("Save run as…", "saveItem", ctrl(KeyCode.S), w::saveRun),
                new SeparatorMenuItem(),
                item("Export…", "exportItem", ctrl(KeyCode.E), w::export),
                item("Clear runs…", "clearRunsItem", null, w::clearRuns),
                undoClear(),
                new SeparatorMenuItem(),
                item("Copy image", "copyImageItem",
                        new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        w::copyImage),
                new SeparatorMenuItem(),
                item("Quit", "quitItem", ctrl(KeyCode.Q), w::quit));
        return m;
    }

    private MenuItem undoClear() {
        MenuItem undo = item("Undo clear runs", "undoClearItem", ctrl(KeyCode.Z), w::undoClear);
        undo.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !w.canUndoClear().get(), w.canUndoClear()));
        return undo;
    }

    private void fillRecent() {
        recent.getItems().clear();
        var files = w.recentFiles();
        for (Path p : files) {
            recent.getItems().add(item(p.getFileName() + "  (" + p.getParent() + ")", null, null,
                    () -> w.openRecent(p)));
        }
        recent.setDisable(files.isEmpty());
    }

    private Menu view() {
        Menu m = new Menu("View");
        m.getItems().addAll(
                item("Replay selected run", "replayItem", ctrl(KeyCode.R), w::replaySelected),
                new SeparatorMenuItem(),
                item("Presenter mode", "presenterItem", new KeyCodeCombination(KeyCode.F11),
                        w::togglePresenter),
                item("Larger text", "largerItem", ctrl(KeyCode.EQUALS), () -> w.changeFontScale(1.1)),
                item("Smaller text", "smallerItem", ctrl(KeyCode.MINUS), () -> w.changeFontScale(1 / 1.1)),
                item("Normal text size", "normalSizeItem", ctrl(KeyCode.DIGIT0), () -> w.setFontScale(1)),
                item("Light / dark theme", "themeItem", null, w::toggleTheme));
        return m;
    }

    private Menu lessons() {
        Menu m = new Menu("Lessons");
        m.setId("lessonsMenu");
        for (Lesson l : Lessons.all()) {
            MenuItem it = item(l.title(), "lesson-" + l.id(), null, () -> w.startLesson(l));
            it.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> l.availableWith(w.freeThreadedFound().get()), w.freeThreadedFound()));
            m.getItems().add(it);
        }
        m.getItems().addAll(new SeparatorMenuItem(),
                // The lesson above runs the file as a step; this opens it outside a lesson, its output in view.
                item(dev.corelanes.teach.OwnCode.MENU_ITEM, "ownCodeItem", null, w::ownCode));
        // A free-threaded Python's lesson appears once the interpreters have been looked for.
        m.setOnShowing(e -> w.lessonsShowing());
        return m;
    }

    private Menu help() {
        Menu m = new Menu("Help");
        m.setId("helpMenu");
        m.getItems().addAll(
                item("Guide", "guideItem", new KeyCodeCombination(KeyCode.F1), () -> w.showHelp(HelpWindow.Page.GUIDE)),
                item("Glossary", "glossaryItem", null, () -> w.showHelp(HelpWindow.Page.GLOSSARY)),
                item("Keyboard shortcuts", "shortcutsItem", null, () -> w.showHelp(HelpWindow.Page.SHORTCUTS)),
                new SeparatorMenuItem(),
                item("About CoreLanes", "aboutItem", null, () -> w.showHelp(HelpWindow.Page.ABOUT)));
        return m;
    }

    private Menu teach() {
        Menu m = new Menu("Teach");
        predict.setId("predictItem");
        m.getItems().addAll(
                item("Show code…", "codeItem", ctrl(KeyCode.K), w::showCode),
                predict);
        return m;
    }
}

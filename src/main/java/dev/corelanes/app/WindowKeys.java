package dev.corelanes.app;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The window's plain keys (the menus hold the Ctrl shortcuts): Enter and Space run, Esc cancels (the Cancel
 * button's own), Enter never cancels, + / − zoom the timeline around the pointer and 0 fits it.
 */
final class WindowKeys {

    private final ObservableBooleanValue running;
    private final Button runButton;
    private final TimelinePane timeline;
    private final Runnable run;

    WindowKeys(ObservableBooleanValue running, Button runButton, TimelinePane timeline, Runnable run) {
        this.running = running;
        this.runButton = runButton;
        this.timeline = timeline;
        this.run = run;
    }

    void install(Scene scene) {
        scene.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKeyFilter);
    }

    /** A ScrollPane pages down on Space; inside {@code scroll} Space runs when the timeline has the focus. */
    void spaceRunsIn(ScrollPane scroll, Node focusable) {
        scroll.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && (e.getTarget() == scroll || e.getTarget() == focusable)) {
                onKey(e);
            }
        });
    }

    /**
     * Enter belongs to Run, so during a run it does nothing (only Esc cancels). Caught before any control
     * sees it: a focused button would otherwise fire on Enter.
     */
    private void onKeyFilter(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER && running.get() && !(e.getTarget() instanceof TextInputControl)) {
            e.consume();
        }
    }

    private void onKey(KeyEvent e) {
        if (!(e.getTarget() instanceof TextInputControl) && !e.isShortcutDown() && !e.isAltDown()) {
            // + / − zoom the timeline around the pointer, 0 fits it (Ctrl with them sizes the text instead).
            switch (e.getCode()) {
                case PLUS, ADD, EQUALS -> {
                    timeline.zoomStep(1);
                    e.consume();
                    return;
                }
                case MINUS, SUBTRACT -> {
                    timeline.zoomStep(-1);
                    e.consume();
                    return;
                }
                case DIGIT0, NUMPAD0 -> {
                    timeline.fit();
                    e.consume();
                    return;
                }
                default -> { }
            }
        }
        // Space runs, unless a control used it (a focused button fires itself, a text field types).
        if (e.getCode() == KeyCode.SPACE && !(e.getTarget() instanceof TextInputControl) && !runButton.isDisabled()) {
            run.run();
            e.consume();
        }
    }

    /**
     * Buttons outside the experiment panel are mouse targets with their own shortcuts (F11, Ctrl+E, …).
     * Keeping them out of keyboard focus means Enter and Space never press them by accident — a focused
     * "Present" button turned Enter into "go full screen" instead of "run".
     */
    static <T extends Node> T mouseOnly(T node) {
        node.setFocusTraversable(false);
        return node;
    }
}

package dev.corelanes.app;

import dev.corelanes.app.impl.FxDelay;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;

/**
 * The centre above, the runs table below, a divider between them that the user drags: a class comparing a
 * dozen runs pulls the table up to see them, a lesson pushes it down for the timeline. Where the divider was
 * left is kept for the next launch. The table keeps its height when the window is resized; the centre takes
 * the difference.
 */
final class RunsSplit extends SplitPane {

    /**
     * Writes the divider's place once the drag has stopped, not at every pixel of it. Not a pause transition:
     * an animation keeps the window pulsing 60 times a second while it waits, and a click on the timeline or the
     * table (then Space to run) started one over the run's first moments.
     */
    private static final long SAVE_AFTER_MILLIS = 400;
    private final FxDelay save = new FxDelay(this::saveDivider);
    private final AppPrefs prefs;

    RunsSplit(javafx.scene.Node centre, RunsTable table, AppPrefs prefs) {
        this.prefs = prefs;
        setId("runsSplit");
        setOrientation(Orientation.VERTICAL);
        getStyleClass().add("edge-to-edge");
        StackPane below = new StackPane(table);
        below.setPadding(new Insets(0, 12, 12, 0));
        below.setMinHeight(0);
        getItems().addAll(centre, below);
        SplitPane.setResizableWithParent(below, false);
        setDividerPositions(prefs.runsDivider());
        // Only a drag moves the divider for good: its position also changes when the window is resized.
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> save.restart(SAVE_AFTER_MILLIS));
    }

    private void saveDivider() {
        double at = getDividers().get(0).getPosition();
        if (Math.abs(at - prefs.runsDivider()) > 0.002) {
            prefs.setRunsDivider(at);
        }
    }
}

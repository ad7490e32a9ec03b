package dev.corelanes.app;

import atlantafx.base.theme.Styles;
import dev.corelanes.view.LaneMode;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/**
 * The buttons beside the wall clock: per-core or per-worker lanes (following the timeline's lane mode however
 * it changes), then Fit, Replay and Export, in a column of two rows so the clock's lines get the width.
 */
final class TimelineButtons extends VBox {

    private final List<ButtonBase> compactable;

    TimelineButtons(TimelinePane timeline, Runnable replaySelected, Runnable export) {
        ToggleButton perCore = lane("Cores", "perCoreToggle", "mdi2c-chip", Styles.LEFT_PILL,
                "Per core: one lane per logical CPU, showing where each task ran");
        ToggleButton perWorker = lane("Workers", "perWorkerToggle", "mdi2f-format-list-bulleted", Styles.RIGHT_PILL,
                "Per worker: one lane per thread or process, coloured by state");
        ToggleGroup lanes = new ToggleGroup();
        perCore.setToggleGroup(lanes);
        perWorker.setToggleGroup(lanes);
        perCore.setSelected(true);
        lanes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one of the two is always on
                return;
            }
            timeline.laneModeProperty().set(b == perCore ? LaneMode.CORES : LaneMode.WORKERS);
        });
        // The buttons follow the lane mode however it changes (e.g. core unknown switches to workers).
        timeline.laneModeProperty().addListener((o, a, b) -> (b == LaneMode.CORES ? perCore : perWorker)
                .setSelected(true));
        Button fit = action("Fit", "fitButton", "mdi2f-fit-to-page-outline",
                "Show the whole run (0, or double-click the timeline). Wheel, pinch and + / − zoom, drag pans.",
                timeline::fit);
        Button replay = action("Replay", "replayButton", "mdi2r-replay",
                "Play the selected run back, slower or faster; runs compared play together on one clock (Ctrl+R)", replaySelected);
        Button exportButton = action("Export", "exportButton", "mdi2e-export-variant",
                "Export the selected runs as a slide: PNG, SVG or trace-event (Ctrl+E)", export);
        compactable = List.of(perCore, perWorker, fit, replay, exportButton);

        HBox viewButtons = new HBox(perCore, perWorker);
        viewButtons.setMinWidth(Region.USE_PREF_SIZE);
        viewButtons.setAlignment(Pos.CENTER_RIGHT);
        HBox actions = new HBox(8, fit, replay, exportButton);
        actions.setAlignment(Pos.CENTER_RIGHT);
        setSpacing(8);
        getChildren().addAll(viewButtons, actions);
        setAlignment(Pos.TOP_RIGHT);
        setMinWidth(Region.USE_PREF_SIZE);
    }

    /** The buttons that show only their icon in presenter mode. */
    List<ButtonBase> compactable() {
        return compactable;
    }

    private static ToggleButton lane(String text, String id, String icon, String pill, String tip) {
        ToggleButton b = WindowKeys.mouseOnly(new ToggleButton(text, new FontIcon(icon)));
        b.setId(id);
        b.getStyleClass().add(pill);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static Button action(String text, String id, String icon, String tip, Runnable action) {
        Button b = WindowKeys.mouseOnly(new Button(text, new FontIcon(icon)));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}

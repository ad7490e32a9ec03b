package dev.corelanes.app;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Supplier;

/** The band under the menu bar: the app's name and promise, the labs, presenter mode and the theme switch. */
final class AppHeader extends HBox {

    AppHeader(WindowCommands commands, ObservableBooleanValue dark, ObservableBooleanValue presenting,
              Supplier<Window> owner) {
        Label title = new Label("CoreLanes");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("where each task really ran: processes vs threads, measured");
        subtitle.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button present = WindowKeys.mouseOnly(new Button("Present", new FontIcon("mdi2p-projector-screen-outline")));
        present.setId("presenterButton");
        present.getStyleClass().add(Styles.FLAT);
        present.setTooltip(new Tooltip("Presenter mode: full screen, large type, high contrast (F11)"));
        present.setOnAction(e -> commands.togglePresenter());
        // In presenter mode the button says how to leave, and stays still: JavaFX's own full-screen hint is an overlay
        // that fades at 60 frames a second, drawn over the whole screen during the first run of `window --present
        // --run` (0.2 s of CPU in a 1.2 s run at 1920×1080, against 0.08 s without it: benchmarks.md).
        presenting.addListener((o, was, on) -> {
            present.setText(on ? "Leave (Esc)" : "Present");
            present.getTooltip().setText(on ? MainWindow.FULL_SCREEN_HINT
                    : "Presenter mode: full screen, large type, high contrast (F11)");
        });
        Button theme = WindowKeys.mouseOnly(new Button(null, themeIcon(dark.get())));
        theme.setId("themeButton");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setTooltip(new Tooltip("Light / dark theme"));
        theme.setOnAction(e -> commands.toggleTheme());
        dark.addListener((o, a, isDark) -> theme.setGraphic(themeIcon(isDark)));
        // The labs open in their own windows, owned by this one: closing the main window closes them too.
        MenuButton labs = WindowKeys.mouseOnly(dev.corelanes.app.labs.Labs.menu(owner, dark));
        getChildren().addAll(new FontIcon("mdi2c-chip"), title, subtitle, spacer, labs, present, theme);
        setSpacing(12);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8, 14, 8, 14));
        getStyleClass().add("app-header");
    }

    /** The theme button shows the theme it switches to. */
    private static FontIcon themeIcon(boolean dark) {
        return new FontIcon(dark ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night");
    }
}

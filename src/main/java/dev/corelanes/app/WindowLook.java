package dev.corelanes.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.corelanes.view.TimelineTheme;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import java.util.List;
import java.util.Locale;

/**
 * How the window looks: light or dark theme, presenter mode (full screen, larger type, high contrast) and
 * the type size (Ctrl+plus / Ctrl+minus), the last two remembered between launches.
 */
final class WindowLook {

    /** How much larger the timeline is drawn in presenter mode (lane and bar labels, axis, legend). */
    static final double PRESENTER_TIMELINE_ZOOM = 2;
    /** The least the timeline is drawn at, against its normal size, so that a long run line is not cut. */
    static final double LEAST_ZOOM = 0.6;
    /** How much larger the window's type is in presenter mode, on a 1280×720 projector. */
    static final double PRESENTER_TYPE = 1.3;
    /**
     * The projector presenter mode is designed on: a larger one shows the same picture larger (every text,
     * the inputs' column and the timeline in one proportion), since the back row is as far from it.
     */
    static final double DESIGN_WIDTH = 1280;
    static final double DESIGN_HEIGHT = 720;
    /** Width of the inputs' column in em of the window's type size. */
    private static final double LEFT_EMS = 26.5;
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final PseudoClass PRESENTER = PseudoClass.getPseudoClass("presenter");

    /** The parts of the window whose look changes with the mode. */
    record Parts(Region root, Region leftColumn, TimelinePane timeline, MachineCard machineCard, RunsTable table,
                 List<ButtonBase> compactable) {
    }

    private final AppPrefs prefs;
    private final Messages messages;
    private final Parts parts;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper presenter = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper fontScale = new ReadOnlyDoubleWrapper(1);
    private Stage stage;
    private final TimelineZoomFit zoomFit;
    /** The screen's size over the design size, in presenter mode (1 otherwise). */
    private double screenFactor = 1;

    WindowLook(AppPrefs prefs, Messages messages, Parts parts) {
        this.prefs = prefs;
        this.messages = messages;
        this.parts = parts;
        zoomFit = new TimelineZoomFit(parts.timeline());
        parts.root().widthProperty().addListener((o, a, b) -> followScreen());
        parts.root().heightProperty().addListener((o, a, b) -> followScreen());
        applyTheme(prefs.dark());
        setFontScale(prefs.fontScale());
    }

    /** Presenter mode goes full screen on this stage, and leaves with it (Esc). */
    void attach(Stage s) {
        stage = s;
        s.fullScreenProperty().addListener((o, a, full) -> {
            if (!full && presenter.get()) {
                setPresenter(false); // Esc left full screen: leave presenter mode with it
            }
        });
    }

    ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /** Switches theme and remembers it for the next launch. */
    void setDark(boolean isDark) {
        applyTheme(isDark);
        prefs.setDark(isDark);
    }

    private void applyTheme(boolean isDark) {
        dark.set(isDark);
        Application.setUserAgentStylesheet(isDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        parts.root().pseudoClassStateChanged(DARK, isDark);
        TimelineTheme t = isDark ? TimelineTheme.DARK : TimelineTheme.LIGHT;
        parts.timeline().themeProperty().set(presenter.get() ? t.highContrast() : t);
    }

    ReadOnlyBooleanProperty presenterProperty() {
        return presenter.getReadOnlyProperty();
    }

    /** Presenter mode: full screen, type 1.3× larger, high contrast, a big wall clock. */
    void setPresenter(boolean on) {
        presenter.set(on);
        screenFactor = -1; // measured again below, for this mode
        followScreen();
        // The machine is in every slide title; on a projector its card only takes room from the timeline.
        parts.machineCard().setVisible(!on);
        parts.table().setPrefHeight(on ? 120 : 150);
        for (ButtonBase b : parts.compactable()) {
            b.setContentDisplay(on ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
        }
        parts.root().pseudoClassStateChanged(PRESENTER, on);
        applyTheme(dark.get()); // the timeline's high-contrast colours
        if (stage != null && stage.isFullScreen() != on) {
            stage.setFullScreen(on);
        }
        applyScale();
    }

    /** Text size relative to normal (Ctrl+plus / Ctrl+minus), remembered between launches. */
    ReadOnlyDoubleProperty fontScaleProperty() {
        return fontScale.getReadOnlyProperty();
    }

    void setFontScale(double s) {
        fontScale.set(AppPrefs.clampScale(s));
        prefs.setFontScale(fontScale.get());
        applyScale();
    }

    /** One step larger or smaller, said in the message bar. */
    void changeFontScale(double factor) {
        setFontScale(Math.round(fontScale.get() * factor * 20) / 20.0);
        messages.info(String.format(Locale.ROOT, "Text size %.0f %%.", fontScale.get() * 100));
    }

    /** Presenter mode sizes its type by the window (the projector's screen once full screen). */
    private void followScreen() {
        double f = presenter.get() ? Math.max(1, Math.min(parts.root().getWidth() / DESIGN_WIDTH,
                parts.root().getHeight() / DESIGN_HEIGHT)) : 1;
        // Steps of 5 %, so a window dragged a pixel wider does not restyle the whole scene.
        f = Math.floor(f * 20) / 20;
        if (f != screenFactor) {
            screenFactor = f;
            applyScale();
        }
    }

    /** The type size of the window's root, in px (14 at normal size). */
    double typeSize() {
        return 14 * fontScale.get() * (presenter.get() ? PRESENTER_TYPE * screenFactor : 1);
    }

    /** Other runs are shown in the timeline: draw them as large as asked again, where they fit. */
    void timelineShowsOther() {
        zoomFit.reaim();
    }

    /** The stylesheet that sizes the icons for the type in use (replaced at each change). */
    private String iconSheet;

    /**
     * Icons grow with the type like the text beside them (16 px in buttons, 18 px on cards, 22 px in the
     * header at 14 px type). Set in px through a small stylesheet of the root's own: an icon's "em" is its own
     * size, so em sizes would feed back on themselves.
     */
    private void sizeIcons(double s) {
        String css = String.format(Locale.ROOT, ".corelanes-root .ikonli-font-icon { -fx-icon-size: %d; }"
                + " .corelanes-root .card-icon { -fx-icon-size: %d; }"
                + " .corelanes-root .app-header .ikonli-font-icon { -fx-icon-size: %d; }",
                Math.round(16 * s), Math.round(18 * s), Math.round(22 * s));
        String uri = "data:text/css;base64," + java.util.Base64.getEncoder()
                .encodeToString(css.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var sheets = parts.root().getStylesheets();
        if (iconSheet != null) {
            sheets.remove(iconSheet);
        }
        sheets.add(uri);
        iconSheet = uri;
    }

    private void applyScale() {
        double s = typeSize() / 14;
        // Everything in our stylesheet is sized in em of this one root size, so it all scales together.
        parts.root().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 14 * s));
        sizeIcons(s);
        // The inputs' column grows with the type, so "Compute (CPU-bound)" fits its drop-down at any size.
        long left = Math.round(LEFT_EMS * 14 * s);
        parts.leftColumn().setPrefWidth(left);
        parts.leftColumn().setMinWidth(left);
        parts.table().scaleColumns(14 * s);
        // On a projector the timeline's lane labels, bar labels and axis are drawn twice their normal size, as
        // long as its lines fit across it (the run lines of a comparison, the legend): never cut. A run line
        // that does not fit even at normal size (a 1280×720 projector, where the inputs' column takes the
        // room) is drawn a little smaller rather than cut.
        double normal = fontScale.get();
        // Outside presenter mode the timeline is drawn at the type's size, as before.
        zoomFit.aim(normal * (presenter.get() ? PRESENTER_TIMELINE_ZOOM * screenFactor : 1),
                normal * (presenter.get() ? LEAST_ZOOM : 1));
    }
}

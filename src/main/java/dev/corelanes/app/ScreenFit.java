package dev.corelanes.app;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Keeps a dialog or a window of ours on the screen it opens on: never taller or wider than the screen's
 * usable area (a 1280×720 projector included), so its title bar and its Close button stay in reach.
 */
final class ScreenFit {

    /** Room left around a window for the desktop's panels and the window's own frame. */
    static final double MARGIN = 40;

    /** A screen to assume instead of the real one (tests try a 1280×720 projector on a larger screen). */
    private static volatile Rectangle2D assumed;

    private ScreenFit() {
    }

    /** Tests: the screen every window of ours should fit from now on; null for the real screen. */
    static void assume(Rectangle2D screen) {
        assumed = screen;
    }

    /** The usable area of the screen {@code owner} is on (the primary screen without an owner). */
    static Rectangle2D area(Window owner) {
        if (assumed != null) {
            return assumed;
        }
        if (owner != null && owner.getWidth() > 0) {
            var screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /**
     * Bounds {@code dialog}'s size by the screen it opens on and puts it back on that screen when shown: its
     * pane's largest size is the screen less {@link #MARGIN}; content then scrolls or wraps.
     */
    static void fit(Dialog<?> dialog, Window owner) {
        Rectangle2D a = area(owner);
        followType(dialog, owner);
        dialog.getDialogPane().setMaxSize(a.getWidth() - MARGIN, a.getHeight() - MARGIN);
        dialog.setOnShown(e -> clamp(dialog.getDialogPane().getScene().getWindow(), a));
    }

    /**
     * A dialog's type is as large as its window's (Ctrl+plus, presenter mode): the window sets its size as the
     * root's style, and everything in the stylesheets is sized in em of it. A teacher's Predict dialog on a
     * projector reads from the back row like the window behind it.
     */
    static void followType(Dialog<?> dialog, Window owner) {
        if (owner != null && owner.getScene() != null) {
            String style = owner.getScene().getRoot().getStyle();
            if (style != null && style.contains("-fx-font-size")) {
                dialog.getDialogPane().setStyle(style);
            }
        }
    }

    /** Bounds a stage of ours by the screen it opens on, its title bar on screen. */
    static void fit(Stage stage, Window owner, double width, double height) {
        Rectangle2D a = area(owner);
        stage.setWidth(Math.min(width, a.getWidth() - MARGIN));
        stage.setHeight(Math.min(height, a.getHeight() - MARGIN));
        stage.setOnShown(e -> clamp(stage, a));
    }

    private static void clamp(Window w, Rectangle2D a) {
        if (w.getHeight() > a.getHeight()) {
            w.setHeight(a.getHeight());
        }
        if (w.getWidth() > a.getWidth()) {
            w.setWidth(a.getWidth());
        }
        w.setX(Math.max(a.getMinX(), Math.min(w.getX(), a.getMaxX() - w.getWidth())));
        w.setY(Math.max(a.getMinY(), Math.min(w.getY(), a.getMaxY() - w.getHeight())));
    }
}

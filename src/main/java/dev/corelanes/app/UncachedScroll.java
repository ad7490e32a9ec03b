package dev.corelanes.app;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * Turns off the image cache JavaFX's scroll pane keeps of everything it shows. Its skin caches its viewport
 * (for smooth scrolling), so any change inside it — a frame of the live timeline, a tick of the wall clock —
 * renders the whole content again into that image before it is drawn: with software rendering, the centre's
 * small changes cost as much as drawing the centre whole, ten times a second during a run, on the cores the run
 * is measured on. Uncached, only the regions that changed are drawn.
 */
final class UncachedScroll {

    private UncachedScroll() {
    }

    /** Keeps {@code scroll}'s viewport uncached, whenever its skin is made. */
    static void keep(ScrollPane scroll) {
        scroll.skinProperty().addListener((o, a, s) -> off(scroll));
        off(scroll);
    }

    private static void off(ScrollPane scroll) {
        Node viewport = scroll.lookup(".viewport");
        if (viewport != null) {
            viewport.setCache(false);
        }
    }

    /** True when {@code scroll}'s viewport keeps no image cache (tests). */
    static boolean uncached(ScrollPane scroll) {
        Node viewport = scroll.lookup(".viewport");
        return viewport != null && !viewport.isCache();
    }
}

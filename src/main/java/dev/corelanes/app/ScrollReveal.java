package dev.corelanes.app;

import dev.corelanes.app.impl.FxDelay;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * Scrolls the window's centre to what was just asked for: a lesson chosen from the menu while the table was
 * scrolled into view, or a lesson's comparison under its card on a 1280×720 projector, must not stay out of
 * sight. The least scroll that shows the node, its top first when it is taller than the view.
 */
final class ScrollReveal {

    /** The timeline settles its height a pulse or two after new runs are shown: look again after it. */
    private static final long SETTLE_MILLIS = 200;

    private ScrollReveal() {
    }

    /**
     * How long a revealed node is followed as it grows: a comparison's timeline takes its final height only once
     * its zoom is fitted to the projector (after the run holds still), which came after the settle look and left
     * its legend under the runs table at 1920×1080.
     */
    private static final long FOLLOW_MILLIS = 3000;

    /**
     * Reveals {@code node} once laid out, and again whenever its height changes in the next {@link #FOLLOW_MILLIS}
     * ms (never because of the user's scrolling, which moves the centre, not the node's size). Timed without an
     * animation ({@link FxDelay}): a pause transition kept the window pulsing 60 times a second while it waited,
     * over the start of the run that presenter mode's reveal came before.
     */
    static void later(ScrollPane scroll, Node node) {
        Platform.runLater(() -> now(scroll, node));
        FxDelay.after(SETTLE_MILLIS, () -> now(scroll, node));
        Follow f = node.getProperties().get(Follow.class) instanceof Follow had && had.scroll == scroll ? had : null;
        if (f == null) {
            f = new Follow(scroll, node);
            node.getProperties().put(Follow.class, f);
            node.layoutBoundsProperty().addListener(f);
        }
        f.end.restart(FOLLOW_MILLIS); // asked again (the projector's size changed twice): one follow, longer
    }

    /** Reveals a node again when its height changes, until {@link #end}. */
    private static final class Follow implements javafx.beans.value.ChangeListener<Bounds> {
        final ScrollPane scroll;
        final Node node;
        final FxDelay end;

        Follow(ScrollPane scroll, Node node) {
            this.scroll = scroll;
            this.node = node;
            end = new FxDelay(() -> {
                node.layoutBoundsProperty().removeListener(this);
                node.getProperties().remove(Follow.class, this);
            });
        }

        @Override
        public void changed(javafx.beans.value.ObservableValue<? extends Bounds> o, Bounds was, Bounds is) {
            if (Math.abs(was.getHeight() - is.getHeight()) > 0.5) {
                Platform.runLater(() -> now(scroll, node)); // after this layout pass: now() lays out itself
            }
        }
    }

    /** Scrolls {@code scroll} (vertically) as little as shows {@code node}, its top first. */
    static void now(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        if (content == null || node.getScene() == null || !node.isVisible()) {
            return;
        }
        scroll.layout();
        double view = scroll.getViewportBounds().getHeight();
        double whole = content.getLayoutBounds().getHeight();
        if (whole <= view + 0.5) {
            return; // all of it is in view already
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double range = scroll.getVmax() - scroll.getVmin();
        double top = (scroll.getVvalue() - scroll.getVmin()) / range * (whole - view);
        double want = top;
        if (b.getMinY() < top) {
            want = b.getMinY();
        } else if (b.getMaxY() > top + view) {
            want = Math.min(b.getMinY(), b.getMaxY() - view);
        }
        if (want != top) {
            scroll.setVvalue(scroll.getVmin() + Math.max(0, Math.min(1, want / (whole - view))) * range);
        }
    }
}

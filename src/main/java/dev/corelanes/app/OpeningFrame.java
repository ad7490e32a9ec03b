package dev.corelanes.app;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;

/**
 * What the window shows for the moment its real content is being built: the theme's background and the app's
 * name, drawn without a single control. A launch is judged by when its window appears; the main window's
 * controls, their style sheet and its first layout take about twice as long as the toolkit's own start on a
 * 2-core machine (benchmarks.md), so the window appears first and fills in on the next frame. No control means
 * no style sheet is read or matched here, so this frame costs the launch next to nothing.
 */
final class OpeningFrame {

    /** The style sheet's background ({@code -color-bg-default} of AtlantaFX's Primer themes), light and dark. */
    private static final Color LIGHT_BACKGROUND = Color.web("#ffffff");
    private static final Color DARK_BACKGROUND = Color.web("#0d1117");
    private static final Color LIGHT_TEXT = Color.web("#57606a");
    private static final Color DARK_TEXT = Color.web("#8b949e");

    /** Pulses the frame goes through before the content is built: see {@link #show}. */
    static final int PULSES_BEFORE_OPENING = 3;
    /**
     * And at least this long after the first pulse: under a window manager the window is mapped a moment after it
     * is shown, and a frame drawn before that is lost (seen with openbox: without the wait, a blank full screen).
     */
    static final long MIN_NANOS_BEFORE_OPENING = 60_000_000L;
    /** The most pulses it waits for a window still changing size (about half a second at 60 a second). */
    static final int MAX_PULSES_BEFORE_OPENING = 30;

    private OpeningFrame() {
    }

    /**
     * Shows {@code stage} with the opening frame now, and runs {@code open} (which builds the real content and installs it in the stage) — unless the window was
     * closed meanwhile.
     */
    static void show(Stage stage, boolean dark, double width, double height, Runnable open) {
        stage.setScene(scene(dark, width, height));
        stage.show();
        // The software pipeline draws a frame on the renderer thread, then hands it to the window on this thread:
        // building the content straight after the first pulse would keep the frame off screen until it is built.
        // A few pulses later, and once a window manager has mapped the window, it has been presented (each pulse
        // waits for the frame before it to be drawn).
        new javafx.animation.AnimationTimer() {
            private int pulses;
            private int steady;
            private long first = -1;
            private double width = -1;
            private double height = -1;

            @Override
            public void handle(long now) {
                // A window that changes size as it maps (full screen, a window manager's placement) draws the frame
                // again at its new size: count the pulses since the size last changed, within a bound.
                Scene scene = stage.getScene();
                if (scene.getWidth() != width || scene.getHeight() != height) {
                    width = scene.getWidth();
                    height = scene.getHeight();
                    steady = 0;
                }
                pulses++;
                if (first < 0) {
                    first = now;
                }
                steady++;
                if (steady >= PULSES_BEFORE_OPENING && now - first >= MIN_NANOS_BEFORE_OPENING || pulses == MAX_PULSES_BEFORE_OPENING) {
                    stop();
                    javafx.application.Platform.runLater(() -> {
                        if (stage.isShowing()) {
                            open.run();
                        }
                    });
                }
            }
        }.start();
    }

    /** The frame, as large as the main window's first scene, in the theme the user last chose. */
    static Scene scene(boolean dark, double width, double height) {
        Text name = new Text("CoreLanes");
        name.setFont(Font.font(Font.getDefault().getFamily(), 28));
        Text opening = new Text("\nopening…");
        opening.setFont(Font.font(Font.getDefault().getFamily(), 14));
        Color ink = dark ? DARK_TEXT : LIGHT_TEXT;
        name.setFill(ink);
        opening.setFill(ink);
        TextFlow words = new TextFlow(name, opening);
        words.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        words.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        // Below the middle: full screen's hint ("Esc or F11 …") appears in the middle at first.
        words.setTranslateY(height * 0.12);
        StackPane root = new StackPane(words);
        root.heightProperty().addListener((o, was, now) -> words.setTranslateY(now.doubleValue() * 0.12));
        root.setId("openingFrame");
        Scene scene = new Scene(root, width, height, dark ? DARK_BACKGROUND : LIGHT_BACKGROUND);
        return scene;
    }

    /**
     * Runs {@code then} on the FX thread once {@code scene} has been through a pulse (laid out and handed to the
     * renderer), so the frame is on screen while {@code then} builds the real content.
     */
    static void afterFirstPulse(Scene scene, Runnable then) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            javafx.application.Platform.runLater(then);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}

package dev.corelanes.app;

import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * The window icon, drawn in code: three core lanes with coloured task bars (the installer issue will
 * bring a designed one). Must be called on the FX thread.
 */
final class AppIcon {

    private AppIcon() {
    }

    /** Drawn once (the FX thread's snapshots cost ~55 ms on a 2-core machine) and shared by every window. */
    private static List<Image> drawn;

    static List<Image> images() {
        if (drawn == null) {
            drawn = List.of(draw(16), draw(32), draw(64), draw(128));
        }
        return drawn;
    }

    static Image draw(double size) {
        Canvas c = new Canvas(size, size);
        GraphicsContext g = c.getGraphicsContext2D();
        double s = size / 64.0;
        g.setFill(Color.web("#0d1117"));
        g.fillRoundRect(0, 0, size, size, 14 * s, 14 * s);
        String[][] bars = {{"#0072B2", "6", "30"}, {"#E69F00", "38", "20"},
                {"#009E73", "12", "22"}, {"#56B4E9", "36", "22"},
                {"#D55E00", "6", "18"}, {"#CC79A7", "26", "32"}};
        for (int lane = 0; lane < 3; lane++) {
            double y = (10 + lane * 16) * s;
            for (int k = 0; k < 2; k++) {
                String[] b = bars[lane * 2 + k];
                g.setFill(Color.web(b[0]));
                g.fillRoundRect(Double.parseDouble(b[1]) * s, y, Double.parseDouble(b[2]) * s, 11 * s, 3 * s, 3 * s);
            }
        }
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        return c.snapshot(p, null);
    }
}

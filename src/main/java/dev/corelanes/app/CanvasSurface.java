package dev.corelanes.app;

import dev.corelanes.view.Rgb;
import dev.corelanes.view.Shape;
import dev.corelanes.view.Surface;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.Map;

/** A {@link Surface} on a JavaFX canvas. Colours and fonts are cached: a frame reuses a handful of each. */
public final class CanvasSurface implements Surface {

    private final GraphicsContext g;
    private final Map<Rgb, Color> colors = new HashMap<>();
    private final Map<Double, Font> regular = new HashMap<>();
    private final Map<Double, Font> bold = new HashMap<>();

    public CanvasSurface(GraphicsContext g) {
        this.g = g;
    }

    private Color fx(Rgb c) {
        return colors.computeIfAbsent(c, k -> Color.rgb(k.r(), k.g(), k.b(), k.alpha()));
    }

    private Font font(double size, boolean isBold) {
        return isBold ? bold.computeIfAbsent(size, s -> Font.font("System", FontWeight.BOLD, s))
                : regular.computeIfAbsent(size, s -> Font.font("System", FontWeight.NORMAL, s));
    }

    @Override
    public void begin(double width, double height, Rgb background) {
        // Clearing the whole canvas also drops the commands of the previous frame.
        g.clearRect(0, 0, g.getCanvas().getWidth(), g.getCanvas().getHeight());
        g.setFill(fx(background));
        g.fillRect(0, 0, width, height);
        g.setTextBaseline(VPos.BASELINE);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgb color) {
        g.setFill(fx(color));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgb color, double lineWidth) {
        g.setStroke(fx(color));
        g.setLineWidth(lineWidth);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb color, double lineWidth) {
        g.setStroke(fx(color));
        g.setLineWidth(lineWidth);
        // Half-pixel offset keeps 1-pixel vertical/horizontal lines crisp.
        double o = lineWidth % 2 == 1 ? 0.5 : 0;
        g.strokeLine(Math.floor(x1) + o, Math.floor(y1) + o, Math.floor(x2) + o, Math.floor(y2) + o);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean isBold, Rgb color, Shape.Align align) {
        g.setFont(font(size, isBold));
        g.setFill(fx(color));
        g.setTextAlign(switch (align) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        g.fillText(text, x, y);
    }
}

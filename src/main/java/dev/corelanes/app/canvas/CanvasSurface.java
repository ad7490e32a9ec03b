package dev.corelanes.app.canvas;

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

    /** The canvas state last set: each setter is a command in the canvas buffer, so skip repeats. */
    private Color fill;
    private Color stroke;
    private double lineWidth = -1;
    private Font font;
    private TextAlignment align;

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
        fill = null;
        stroke = null;
        lineWidth = -1;
        font = null;
        align = null;
        setFill(fx(background));
        g.fillRect(0, 0, width, height);
        g.setTextBaseline(VPos.BASELINE);
    }

    /**
     * Empties a canvas drawn over another (a live run's growing edge: transparent, no background) and forgets
     * the state last set, as {@link #begin} does.
     */
    public void clear(double width, double height) {
        g.clearRect(0, 0, width, height);
        fill = null;
        stroke = null;
        lineWidth = -1;
        font = null;
        align = null;
        g.setTextBaseline(VPos.BASELINE);
    }

    /**
     * Empties the whole canvas, whatever transform is set, and leaves the identity transform (a tile of a live
     * run's growing edge, which then sets its own); forgets the state last set, as {@link #begin} does. Covering
     * the whole canvas also drops the commands of what it held.
     */
    public void clearAll() {
        g.setTransform(1, 0, 0, 1, 0, 0);
        clear(g.getCanvas().getWidth(), g.getCanvas().getHeight());
    }

    private void setFill(Color c) {
        if (c != fill) {
            g.setFill(c);
            fill = c;
        }
    }

    private void setStroke(Color c, double width) {
        if (c != stroke) {
            g.setStroke(c);
            stroke = c;
        }
        if (width != lineWidth) {
            g.setLineWidth(width);
            lineWidth = width;
        }
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgb color) {
        setFill(fx(color));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgb color, double lineWidth) {
        setStroke(fx(color), lineWidth);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb color, double lineWidth) {
        setStroke(fx(color), lineWidth);
        // Half-pixel offset keeps 1-pixel vertical/horizontal lines crisp.
        double o = lineWidth % 2 == 1 ? 0.5 : 0;
        g.strokeLine(Math.floor(x1) + o, Math.floor(y1) + o, Math.floor(x2) + o, Math.floor(y2) + o);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean isBold, Rgb color, Shape.Align align) {
        Font f = font(size, isBold);
        if (f != font) {
            g.setFont(f);
            font = f;
        }
        setFill(fx(color));
        TextAlignment a = switch (align) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        };
        if (a != this.align) {
            g.setTextAlign(a);
            this.align = a;
        }
        g.fillText(text, x, y);
    }
}

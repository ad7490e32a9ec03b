package dev.corelanes.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link Surface} on a Java2D image, for PNG export: works with no display ({@code java.awt.headless}).
 * {@code scale} renders at a multiple of the layout size (2 for crisp slides).
 */
public final class Java2dSurface implements Surface {

    private final double scale;
    private BufferedImage image;
    private Graphics2D g;

    public Java2dSurface(double scale) {
        this.scale = scale;
    }

    @Override
    public void begin(double width, double height, Rgb background) {
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
        fillRect(0, 0, width, height, background);
    }

    private static Color awt(Rgb c) {
        return new Color(c.r(), c.g(), c.b(), (int) Math.round(c.alpha() * 255));
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgb color) {
        g.setColor(awt(color));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgb color, double lineWidth) {
        g.setColor(awt(color));
        g.setStroke(new BasicStroke((float) lineWidth));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb color, double lineWidth) {
        g.setColor(awt(color));
        g.setStroke(new BasicStroke((float) lineWidth));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, Rgb color, Shape.Align align) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        g.setColor(awt(color));
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        g.drawString(text, (float) left, (float) y);
    }

    @Override
    public void end() {
        g.dispose();
    }

    /** The image drawn (after {@link TimelinePainter#paint}). */
    public BufferedImage image() {
        return image;
    }

    /** Writes the image drawn as a PNG file. */
    public void writePng(Path file) throws IOException {
        if (!javax.imageio.ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}

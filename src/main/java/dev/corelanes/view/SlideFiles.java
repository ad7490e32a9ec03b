package dev.corelanes.view;

import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.files.OutputFileException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a laid-out frame (a slide) as PNG or SVG, all or nothing ({@link AtomicFiles}): an unwritable
 * folder or a full disk gives a one-line message and leaves no half-written file.
 */
public final class SlideFiles {

    /** Largest PNG scale: 4× a 1280-wide slide is already 5120 pixels wide. */
    public static final double MAX_SCALE = 4;

    private SlideFiles() {
    }

    /** Pixels of a PNG at most, whatever the heap: 2^28 (a GiB of ARGB pixels). */
    static final long MAX_PIXELS = 1L << 28;

    /**
     * Why a PNG of {@code frame} at {@code scale} cannot be drawn — more pixels than an image holds or than this
     * JVM's heap can draw (4 bytes a pixel, at most a third of the heap) — or null when it can. Checked before
     * allocating: 1 000 stacked runs at --scale 4 overflowed the image's size ("NegativeArraySizeException").
     */
    public static String imageTooLarge(TimelineFrame frame, double scale) {
        double w = Math.ceil(frame.width() * scale);
        double h = Math.ceil(frame.height() * scale);
        long limit = Math.min(MAX_PIXELS, Runtime.getRuntime().maxMemory() / 4 / 3);
        if (w * h <= limit && w <= Integer.MAX_VALUE && h <= Integer.MAX_VALUE) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "image too large: %.0f x %.0f pixels at scale %s is more than the "
                        + "%,d pixels this program can draw (%sor SVG or HTML instead)", w, h,
                scale == Math.rint(scale) ? String.valueOf((int) scale) : String.valueOf(scale), limit,
                scale > 1 ? "fewer runs, --scale 1, " : "fewer runs, ");
    }

    /** The frame drawn by Java2D at {@code scale} (works with no display). */
    public static BufferedImage image(TimelineFrame frame, double scale) {
        if (!(scale >= 1 && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("Scale must be between 1 and " + (int) MAX_SCALE + " (got " + scale + ").");
        }
        String tooLarge = imageTooLarge(frame, scale);
        if (tooLarge != null) {
            throw new IllegalArgumentException(tooLarge);
        }
        Java2dSurface s = new Java2dSurface(scale);
        TimelinePainter.paint(frame, s);
        return s.image();
    }

    public static String svg(TimelineFrame frame) {
        SvgSurface s = new SvgSurface();
        TimelinePainter.paint(frame, s);
        return s.toString();
    }

    public static void writePng(TimelineFrame frame, double scale, Path file) throws OutputFileException {
        AtomicFiles.write(file, png(frame, scale));
    }

    public static void writeSvg(TimelineFrame frame, Path file) throws OutputFileException {
        AtomicFiles.write(file, svgContent(frame));
    }

    /** The PNG file's content, drawn now (for writing with other files, all or none). */
    public static AtomicFiles.Content png(TimelineFrame frame, double scale) {
        BufferedImage image = image(frame, scale);
        return out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        };
    }

    /** The SVG file's content, drawn now. */
    public static AtomicFiles.Content svgContent(TimelineFrame frame) {
        byte[] doc = svg(frame).getBytes(StandardCharsets.UTF_8);
        return out -> out.write(doc);
    }
}

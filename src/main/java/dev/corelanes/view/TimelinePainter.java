package dev.corelanes.view;

/** Draws a laid-out timeline on any surface: the one place that turns shapes into primitive calls. */
public final class TimelinePainter {

    /** Distance between hatch stripes, in pixels. */
    private static final double HATCH_STEP = 6;

    private TimelinePainter() {
    }

    public static void paint(TimelineFrame frame, Surface surface) {
        surface.begin(frame.width(), frame.height(), frame.background());
        paintShapes(frame.shapes(), surface);
        surface.end();
    }

    /** Draws {@code shapes} over what the surface holds (a live window's growing edge, on its own layer). */
    public static void paintShapes(java.util.List<Shape> shapes, Surface surface) {
        for (Shape s : shapes) {
            switch (s) {
                case Shape.Box b -> box(b, surface);
                case Shape.Line l -> surface.line(l.x1(), l.y1(), l.x2(), l.y2(), l.color(), l.width());
                case Shape.Text t -> surface.text(t.text(), t.x(), t.y(), t.size(), t.bold(), t.color(), t.align());
            }
        }
    }

    private static void box(Shape.Box b, Surface surface) {
        if (b.fill() != null) {
            surface.fillRect(b.x(), b.y(), b.w(), b.h(), b.fill());
        }
        if (b.hatched() && b.stroke() != null) {
            hatch(b, surface);
        }
        if (b.stroke() != null && b.w() >= 3) {
            surface.strokeRect(b.x() + 0.75, b.y() + 0.75, b.w() - 1.5, b.h() - 1.5, b.stroke(), 1.5);
        }
        if (b.label() != null) {
            double size = labelSize(b.h());
            surface.text(b.label(), b.x() + b.w() / 2, b.y() + b.h() / 2 + size * 0.36, size, true, b.labelColor(),
                    Shape.Align.CENTER);
        }
    }

    /** Label size for a bar of height {@code h}: as big as fits, but never below legible. */
    public static double labelSize(double h) {
        return Math.max(10, Math.min(15, h * 0.55));
    }

    /** Stripes "/" clipped to the box by computing each segment's ends (no clip region needed). */
    private static void hatch(Shape.Box b, Surface surface) {
        double x0 = b.x();
        double x1 = b.x() + b.w();
        double y0 = b.y();
        double y1 = b.y() + b.h();
        Rgb c = b.stroke().withAlpha(0.55);
        // Line k: x + y = c, from bottom-left to top-right.
        for (double k = x0 + y0 + HATCH_STEP / 2; k < x1 + y1; k += HATCH_STEP) {
            double ax = Math.max(x0, k - y1);
            double bx = Math.min(x1, k - y0);
            if (bx > ax) {
                surface.line(ax, k - ax, bx, k - bx, c, 1);
            }
        }
    }
}

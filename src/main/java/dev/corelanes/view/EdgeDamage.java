package dev.corelanes.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where two frames of a live run's growing edge differ, as rectangles in layout pixels: the window repaints only
 * the parts of its edge layer under them. Between two frames most shapes are equal (the edge's load strips, the
 * bars that finished); a bar still open grew to the right, which changes only its right end (its outline, the
 * hatch lines that reach it) and its label, kept in the middle; the now line moved. Repainting less than these
 * rectangles would leave stale pixels; repainting more only costs time.
 */
public final class EdgeDamage {

    /** Pixels added around every area: antialiasing, the 1.5-px outline and the 2-px now line spill past a shape. */
    private static final double MARGIN = 2;

    /** A rectangle from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}), layout pixels. */
    public record Area(double x0, double y0, double x1, double y1) {
        public boolean intersects(double ax0, double ay0, double ax1, double ay1) {
            return x0 < ax1 && ax0 < x1 && y0 < ay1 && ay0 < y1;
        }
    }

    private EdgeDamage() {
    }

    /** The areas whose pixels differ when {@code after} is painted instead of {@code before}. */
    public static List<Area> between(List<Shape> before, List<Shape> after) {
        Map<Shape, Integer> left = new HashMap<>();
        for (Shape s : before) {
            left.merge(s, 1, Integer::sum);
        }
        List<Shape> added = new ArrayList<>();
        for (Shape s : after) {
            Integer n = left.get(s);
            if (n == null) {
                added.add(s);
            } else if (n == 1) {
                left.remove(s);
            } else {
                left.put(s, n - 1);
            }
        }
        // What was there and is gone, by where a box starts: a box grown to the right finds its old self here.
        Map<GrowKey, ArrayDeque<Shape.Box>> grown = new HashMap<>();
        List<Area> out = new ArrayList<>();
        for (var e : left.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                if (e.getKey() instanceof Shape.Box b) {
                    grown.computeIfAbsent(GrowKey.of(b), k -> new ArrayDeque<>()).add(b);
                } else {
                    out.add(bounds(e.getKey()));
                }
            }
        }
        for (Shape s : added) {
            ArrayDeque<Shape.Box> was = s instanceof Shape.Box b ? grown.get(GrowKey.of(b)) : null;
            if (was == null || was.isEmpty()) {
                out.add(bounds(s));
            } else {
                grew(was.poll(), (Shape.Box) s, out);
            }
        }
        for (ArrayDeque<Shape.Box> rest : grown.values()) {
            for (Shape.Box b : rest) {
                out.add(bounds(b));
            }
        }
        return out;
    }

    /**
     * A box whose right end moved from {@code a}'s to {@code b}'s: its outline's right side and the hatch lines
     * that reach it change (a hatch line climbs one pixel per pixel, so up to a box's height to the left), and its
     * label, centred, moved.
     */
    private static void grew(Shape.Box a, Shape.Box b, List<Area> out) {
        double ra = a.x() + a.w();
        double rb = b.x() + b.w();
        double from = Math.min(ra, rb) - (a.hatched() ? a.h() : 0);
        out.add(new Area(Math.max(a.x(), from) - MARGIN, a.y() - MARGIN, Math.max(ra, rb) + MARGIN,
                a.y() + a.h() + MARGIN));
        if (!Objects.equals(a.label(), b.label()) || ra != rb) {
            label(a, out);
            label(b, out);
        }
    }

    private static void label(Shape.Box b, List<Area> out) {
        if (b.label() != null) {
            double half = textWidth(b.label(), TimelinePainter.labelSize(b.h())) / 2;
            double c = b.x() + b.w() / 2;
            out.add(new Area(c - half - MARGIN, b.y() - MARGIN, c + half + MARGIN, b.y() + b.h() + MARGIN));
        }
    }

    /** Where {@code s} may put pixels (its label and antialiasing included). */
    public static Area bounds(Shape s) {
        return switch (s) {
            case Shape.Box b -> {
                double x0 = b.x();
                double x1 = b.x() + b.w();
                if (b.label() != null) {
                    // A label is only given to a box it fits, by an estimate of its width: allow for more.
                    double half = textWidth(b.label(), TimelinePainter.labelSize(b.h())) / 2;
                    double c = b.x() + b.w() / 2;
                    x0 = Math.min(x0, c - half);
                    x1 = Math.max(x1, c + half);
                }
                yield new Area(x0 - MARGIN, b.y() - MARGIN, x1 + MARGIN, b.y() + b.h() + MARGIN);
            }
            case Shape.Line l -> new Area(Math.min(l.x1(), l.x2()) - l.width() - MARGIN,
                    Math.min(l.y1(), l.y2()) - l.width() - MARGIN, Math.max(l.x1(), l.x2()) + l.width() + MARGIN,
                    Math.max(l.y1(), l.y2()) + l.width() + MARGIN);
            case Shape.Text t -> {
                double w = textWidth(t.text(), t.size());
                double x0 = switch (t.align()) {
                    case LEFT -> t.x();
                    case CENTER -> t.x() - w / 2;
                    case RIGHT -> t.x() - w;
                };
                yield new Area(x0 - MARGIN, t.y() - t.size() - MARGIN, x0 + w + MARGIN, t.y() + t.size() * 0.4 + MARGIN);
            }
        };
    }

    /** Wider than any sans-serif text drawn (bold included): the layout's estimate is made to fit, not to bound. */
    private static double textWidth(String text, double size) {
        return text.length() * size * 0.8 + size;
    }

    /** What a box keeps when it grows to the right: where it starts, its height and its look. */
    private record GrowKey(double x, double y, double h, Rgb fill, Rgb stroke, boolean hatched, Rgb labelColor) {
        static GrowKey of(Shape.Box b) {
            return new GrowKey(b.x(), b.y(), b.h(), b.fill(), b.stroke(), b.hatched(), b.labelColor());
        }
    }
}

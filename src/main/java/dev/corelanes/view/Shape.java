package dev.corelanes.view;

/**
 * One thing to draw, already placed in pixels and coloured: the whole timeline is a list of these, in
 * drawing order. Surfaces only turn them into pixels, SVG elements or canvas calls.
 */
public sealed interface Shape permits Shape.Box, Shape.Line, Shape.Text {

    /**
     * A rectangle: filled, optionally outlined; {@code hatched} adds diagonal stripes in the stroke colour
     * (processes); {@code label} (may be null) is centred inside in {@code labelColor}.
     */
    record Box(double x, double y, double w, double h, Rgb fill, Rgb stroke, boolean hatched, String label,
               Rgb labelColor) implements Shape {
    }

    record Line(double x1, double y1, double x2, double y2, Rgb color, double width) implements Shape {
    }

    /** Text at a baseline {@code y}; {@code x} is its left, centre or right per {@code align}. */
    record Text(String text, double x, double y, double size, boolean bold, Rgb color, Align align)
            implements Shape {
    }

    enum Align { LEFT, CENTER, RIGHT }
}

package dev.corelanes.view;

/**
 * Where a timeline is drawn: a JavaFX canvas, an SVG document, a Java2D image. Five primitives, no
 * decisions: everything a surface needs to know is in the arguments, so each stays a thin adapter.
 */
public interface Surface {

    /** Starts a frame of the given size, filled with {@code background}. */
    void begin(double width, double height, Rgb background);

    void fillRect(double x, double y, double w, double h, Rgb color);

    void strokeRect(double x, double y, double w, double h, Rgb color, double lineWidth);

    void line(double x1, double y1, double x2, double y2, Rgb color, double lineWidth);

    /** Text with its baseline at {@code y}, sans-serif. */
    void text(String text, double x, double y, double size, boolean bold, Rgb color, Shape.Align align);

    /** Ends the frame (flush, close the document). */
    default void end() {
    }
}

package dev.corelanes.view;

/** A colour with alpha, free of any UI toolkit so every surface can read it. */
public record Rgb(int r, int g, int b, double alpha) {

    public Rgb {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255 || alpha < 0 || alpha > 1) {
            throw new IllegalArgumentException("bad colour " + r + "," + g + "," + b + "," + alpha);
        }
    }

    /** From "#rrggbb". */
    public static Rgb hex(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new Rgb((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, 1);
    }

    public Rgb withAlpha(double a) {
        return new Rgb(r, g, b, a);
    }

    /** "#rrggbb" (alpha left out). */
    public String toHex() {
        return String.format("#%02x%02x%02x", r, g, b);
    }

    /** Relative luminance, to pick readable text on a fill. */
    public double luminance() {
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0;
    }
}

package dev.corelanes.view;

import java.util.Locale;

/**
 * A {@link Surface} that writes SVG: text stays text (searchable, crisp on slides), every shape one
 * element. {@link #toString()} after {@link TimelinePainter#paint} returns the document.
 */
public final class SvgSurface implements Surface {

    private final StringBuilder svg = new StringBuilder(64 * 1024);

    @Override
    public void begin(double width, double height, Rgb background) {
        svg.setLength(0);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                        + "font-family=\"DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif\">%n",
                width, height, width, height));
        fillRect(0, 0, width, height, background);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgb color) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"%s/>%n",
                x, y, w, h, color.toHex(), opacity("fill-opacity", color)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgb color, double lineWidth) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"%s/>%n",
                x, y, w, h, color.toHex(), lineWidth, opacity("stroke-opacity", color)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb color, double lineWidth) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"%s/>%n",
                x1, y1, x2, y2, color.toHex(), lineWidth, opacity("stroke-opacity", color)));
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, Rgb color, Shape.Align align) {
        String anchor = switch (align) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\"%s text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
                x, y, size, bold ? " font-weight=\"bold\"" : "", anchor, color.toHex(), escape(text)));
    }

    @Override
    public void end() {
        svg.append("</svg>\n");
    }

    private static String opacity(String attribute, Rgb c) {
        return c.alpha() >= 1 ? "" : String.format(Locale.ROOT, " %s=\"%.3f\"", attribute, c.alpha());
    }

    /**
     * Text as XML character data. Characters XML 1.0 cannot hold at all, escaped or not (NUL, ESC and the
     * other controls, U+FFFE/U+FFFF, a lone surrogate), come from damaged or crafted run files: each is
     * shown as U+FFFD, the replacement character, so the SVG stays a valid document.
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (xmlChar(c)) {
                        b.appendCodePoint(c);
                    } else {
                        b.append('\uFFFD');
                    }
                }
            }
        }
        return b.toString();
    }

    /** XML 1.0's Char production. */
    private static boolean xmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** The document drawn so far. */
    @Override
    public String toString() {
        return svg.toString();
    }
}

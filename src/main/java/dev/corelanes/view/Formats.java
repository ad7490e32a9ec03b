package dev.corelanes.view;

import dev.corelanes.engine.FigureText;

import java.util.Locale;

/** Numbers as people read them on screen. */
public final class Formats {

    private Formats() {
    }

    /** Seconds with a precision that suits their size (the one formatter: {@link FigureText#seconds}). */
    public static String seconds(double s) {
        return FigureText.seconds(s);
    }

    public static String nanos(long n) {
        return seconds(n / 1e9);
    }

    /** "23.5 GiB" */
    public static String bytes(long b) {
        if (b < 0) {
            return "unknown";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}

package dev.corelanes.view;

import dev.corelanes.engine.FigureText;

import java.util.Locale;

/** Sizes as people read them on screen; durations are {@link FigureText}'s. */
public final class Formats {

    private Formats() {
    }

    /**
     * Durations are written by {@link FigureText#seconds} alone (the engine's, so the command line and run files
     * can use it too). This was once a second formatter of the view's own; it now only hands over, for code
     * that still calls it.
     */
    public static String nanos(long n) {
        return FigureText.nanos(n);
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

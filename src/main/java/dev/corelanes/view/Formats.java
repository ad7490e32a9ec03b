package dev.corelanes.view;

import java.util.Locale;

/** Numbers as people read them on screen. */
public final class Formats {

    private Formats() {
    }

    /** Seconds with a precision that suits their size: "0.302 s", "12.4 s", "850 µs". */
    public static String seconds(double s) {
        double a = Math.abs(s);
        if (a == 0) {
            return "0 s";
        }
        if (a < 0.001) {
            return String.format(Locale.ROOT, "%.0f µs", s * 1e6);
        }
        if (a < 1) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        if (a < 100) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    public static String nanos(long n) {
        return seconds(n / 1e9);
    }

    /** "1.98×" */
    public static String speedup(double x) {
        return String.format(Locale.ROOT, x >= 10 ? "%.1f×" : "%.2f×", x);
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

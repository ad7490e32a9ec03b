package dev.corelanes.view;

/** "Nice" tick steps (1, 2, 5 × 10ⁿ seconds) for a time axis. */
public final class AxisTicks {

    private AxisTicks() {
    }

    /** A step in seconds giving ticks about {@code minPixels} apart or more. */
    public static double step(double spanSeconds, double widthPixels, double minPixels) {
        double raw = spanSeconds * minPixels / Math.max(1, widthPixels);
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    /** A tick label, with as many decimals as the step needs: "0.25 s", "2 s". */
    public static String label(double seconds, double step) {
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f s", seconds);
    }
}

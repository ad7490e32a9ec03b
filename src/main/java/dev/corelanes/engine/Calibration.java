package dev.corelanes.engine;

/**
 * How fast this CPU runs the compute kernel on one core: {@code stepsPerSecond} xorshift steps, measured in
 * {@code measuredMillis} of wall time. A compute task of s seconds does s × stepsPerSecond steps.
 */
public record Calibration(long stepsPerSecond, double measuredMillis) {
    public Calibration {
        if (stepsPerSecond <= 0) {
            throw new IllegalArgumentException("steps per second must be positive");
        }
    }

    public long stepsFor(double seconds) {
        return Math.max(1, Math.round(seconds * stepsPerSecond));
    }
}

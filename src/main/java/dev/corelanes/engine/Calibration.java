package dev.corelanes.engine;

/**
 * How fast this CPU runs the compute kernel on one core: {@code stepsPerSecond} xorshift steps, measured in
 * {@code measuredMillis} of wall time. A compute task of s seconds does s × stepsPerSecond steps.
 *
 * @param cpuTick the step of the thread CPU clock that timed the calibration and times the tasks, as measured
 *                ({@link ThreadCpuClock#tick()}): the drift rule widens by it for short tasks
 */
public record Calibration(long stepsPerSecond, double measuredMillis, ThreadCpuClock.Tick cpuTick) {

    /**
     * A run that ran no CoreLanes kernel (a traced program): nothing was calibrated. {@code measuredMillis} 0 says
     * so in the run file; the one step per second is a placeholder no figure uses.
     */
    public static final Calibration NOT_MEASURED = new Calibration(1, 0);

    public Calibration {
        if (stepsPerSecond <= 0) {
            throw new IllegalArgumentException("steps per second must be positive");
        }
        cpuTick = cpuTick == null ? ThreadCpuClock.Tick.UNKNOWN : cpuTick;
    }

    /** A calibration whose clock's tick was not measured (fixtures, run files from before it was). */
    public Calibration(long stepsPerSecond, double measuredMillis) {
        this(stepsPerSecond, measuredMillis, ThreadCpuClock.Tick.UNKNOWN);
    }

    public long stepsFor(double seconds) {
        return Math.max(1, Math.round(seconds * stepsPerSecond));
    }
}

package dev.corelanes.engine.child;

/**
 * Maps a child's clock onto the parent's run timeline. The clocks of two processes need not agree by contract,
 * so the parent measures: it sends pings stamped with its time, the child answers with its own, and the sample
 * with the shortest round trip bounds the error best (at most half that round trip).
 *
 * <p>Half a round trip is 30–150 µs between two busy processes: enough to draw two workers that take turns on
 * one core overlapping at every hand-over, or apart, by that much (CpuLanes then cuts one of them). Yet on every
 * OS CoreLanes runs on, a JVM's {@code System.nanoTime()} and CPython's {@code perf_counter_ns()} read the one
 * monotonic clock of the machine (Linux {@code CLOCK_MONOTONIC}, Windows QPC), so the offset is usually known
 * exactly: the parent's own clock minus its timeline. That candidate is taken only when every ping allows it —
 * the child's answer read after the ping was sent and before the answer arrived — so a child with a clock of its
 * own (or a test's skewed one) is still mapped by the pings.
 */
public final class ClockSync {

    /** How far the candidate may stand outside what the pings allow: two adjacent clock reads apart. */
    static final long SAME_CLOCK_SLACK_NANOS = 2_000;

    private long bestRtt = Long.MAX_VALUE;
    /** The pings' estimate: from the one with the shortest round trip. */
    private long estimate;
    /** What every ping so far allows: child time − answer read ≤ offset ≤ child time − ping sent. */
    private long lowest = Long.MIN_VALUE;
    private long highest = Long.MAX_VALUE;
    /** The one-clock offset, when the pings allow it ({@link #sameClock}). */
    private boolean exact;
    private long candidate;

    /**
     * One ping: sent at parent time {@code sent}, answered with child time {@code child}, answer read at
     * parent time {@code received}.
     */
    public void sample(long sent, long child, long received) {
        long rtt = received - sent;
        if (rtt < 0) {
            throw new IllegalArgumentException("answer read before the ping was sent");
        }
        lowest = Math.max(lowest, child - received);
        highest = Math.min(highest, child - sent);
        if (rtt < bestRtt) {
            bestRtt = rtt;
            // The child most likely read its clock half-way through the round trip.
            estimate = child - (sent + rtt / 2);
        }
        exact = exact && allows(candidate); // a later ping that refutes one clock: back to the estimate
    }

    /**
     * The child's clock may be the parent's own: {@code offset} is what the mapping would be then (the parent's
     * clock minus its timeline, read together). Taken, and true, when every ping so far allows it; otherwise the
     * pings' estimate stays.
     */
    public boolean sameClock(long offset) {
        exact = synced() && allows(offset);
        candidate = offset;
        return exact;
    }

    private boolean allows(long o) {
        return o >= lowest - SAME_CLOCK_SLACK_NANOS && o <= highest + SAME_CLOCK_SLACK_NANOS;
    }

    public boolean synced() {
        return bestRtt != Long.MAX_VALUE;
    }

    /** True when the child reads the parent's own clock (see {@link #sameClock}): the mapping is exact. */
    public boolean exact() {
        return exact;
    }

    /** The child's time {@code childNanos} on the parent's timeline. */
    public long toParent(long childNanos) {
        return childNanos - offsetNanos();
    }

    /** child clock − parent timeline, nanoseconds. */
    public long offsetNanos() {
        return exact ? candidate : estimate;
    }

    /** The shortest round trip so far, {@link Long#MAX_VALUE} before the first. */
    public long bestRoundTripNanos() {
        return bestRtt;
    }

    /** How far the mapping may be off: the slack of two clock reads on one clock, else half the best round trip. */
    public long uncertaintyNanos() {
        return !synced() ? Long.MAX_VALUE : exact ? SAME_CLOCK_SLACK_NANOS : bestRtt / 2;
    }
}

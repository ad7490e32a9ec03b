package dev.corelanes.engine.child;

/**
 * Maps a child's {@code System.nanoTime()} onto the parent's run timeline. The clocks of two processes
 * need not agree (they happen to on Linux, not by contract), so the parent measures the offset: it sends
 * pings stamped with its time, the child answers with its own, and the sample with the shortest round
 * trip bounds the error best (at most half that round trip).
 */
public final class ClockSync {

    private long bestRtt = Long.MAX_VALUE;
    private long offset;

    /**
     * One ping: sent at parent time {@code sent}, answered with child time {@code child}, answer read at
     * parent time {@code received}.
     */
    public void sample(long sent, long child, long received) {
        long rtt = received - sent;
        if (rtt < 0) {
            throw new IllegalArgumentException("answer read before the ping was sent");
        }
        if (rtt < bestRtt) {
            bestRtt = rtt;
            // The child most likely read its clock half-way through the round trip.
            offset = child - (sent + rtt / 2);
        }
    }

    public boolean synced() {
        return bestRtt != Long.MAX_VALUE;
    }

    /** The child's time {@code childNanos} on the parent's timeline. */
    public long toParent(long childNanos) {
        return childNanos - offset;
    }

    /** child clock − parent timeline, nanoseconds. */
    public long offsetNanos() {
        return offset;
    }

    /** The shortest round trip so far, {@link Long#MAX_VALUE} before the first. */
    public long bestRoundTripNanos() {
        return bestRtt;
    }

    /** The best round trip: the mapping is exact to within half of it. */
    public long uncertaintyNanos() {
        return synced() ? bestRtt / 2 : Long.MAX_VALUE;
    }
}

package dev.corelanes.app.impl;

/** A range of run time in view, in ns since the run started ({@code end} &gt; {@code start}). */
public record TimeRange(long startNanos, long endNanos) {

    public long spanNanos() {
        return endNanos - startNanos;
    }
}

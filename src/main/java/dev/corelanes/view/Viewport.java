package dev.corelanes.view;

/**
 * What part of a timeline to lay out and how big: a time range in nanoseconds since the run started, a
 * size in pixels, a lane mode, and the live "now" ({@code nowNanos} &lt; 0 when the run has ended).
 */
public record Viewport(long startNanos, long endNanos, double width, double height, LaneMode mode,
                       long nowNanos, TimelineTheme theme) {

    public Viewport {
        if (endNanos <= startNanos) {
            endNanos = startNanos + 1;
        }
        width = Math.max(1, width);
        height = Math.max(1, height);
    }

    public long spanNanos() {
        return endNanos - startNanos;
    }
}

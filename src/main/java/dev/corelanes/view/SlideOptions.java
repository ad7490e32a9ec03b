package dev.corelanes.view;

/**
 * How a slide is framed: its width in layout pixels (PNG scale multiplies it), whether it is cut to 16:9,
 * the lane mode and the colours.
 */
public record SlideOptions(double width, boolean wide, LaneMode mode, TimelineTheme theme) {

    public static final double DEFAULT_WIDTH = 1280;

    public SlideOptions {
        width = Math.max(640, width);
        mode = mode == null ? LaneMode.CORES : mode;
        theme = theme == null ? TimelineTheme.LIGHT : theme;
    }

    public static SlideOptions defaults() {
        return new SlideOptions(DEFAULT_WIDTH, false, LaneMode.CORES, TimelineTheme.LIGHT);
    }

    public SlideOptions withWide(boolean w) {
        return new SlideOptions(width, w, mode, theme);
    }

    public SlideOptions withWidth(double w) {
        return new SlideOptions(w, wide, mode, theme);
    }
}

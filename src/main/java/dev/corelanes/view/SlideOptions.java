package dev.corelanes.view;

/**
 * How a slide is framed: its width in layout pixels (PNG scale multiplies it), its height (0: as tall as
 * its runs need; the window passes its own), whether it is cut to 16:9, whether it carries its title and
 * footer (an exported image must stand alone; the window already says what and where), the lane mode and
 * the colours.
 */
public record SlideOptions(double width, double height, boolean wide, boolean titled, LaneMode mode,
                           TimelineTheme theme) {

    public static final double DEFAULT_WIDTH = 1280;

    public SlideOptions {
        width = Math.max(320, width);
        height = Math.max(0, height);
        mode = mode == null ? LaneMode.CORES : mode;
        theme = theme == null ? TimelineTheme.LIGHT : theme;
    }

    public static SlideOptions defaults() {
        return new SlideOptions(DEFAULT_WIDTH, 0, false, true, LaneMode.CORES, TimelineTheme.LIGHT);
    }

    public SlideOptions withWide(boolean w) {
        return new SlideOptions(width, height, w, titled, mode, theme);
    }

    /** A slide of the window's own size, without title and footer. */
    public static SlideOptions inWindow(double width, double height, LaneMode mode, TimelineTheme theme) {
        return new SlideOptions(width, height, false, false, mode, theme);
    }

    public SlideOptions withWidth(double w) {
        return new SlideOptions(w, height, wide, titled, mode, theme);
    }
}

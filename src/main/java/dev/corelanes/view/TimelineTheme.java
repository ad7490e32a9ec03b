package dev.corelanes.view;

/** The neutral colours of the timeline, for a light or a dark window. */
public record TimelineTheme(Rgb background, Rgb lane, Rgb laneAlt, Rgb grid, Rgb text, Rgb muted, Rgb now,
                            Rgb load, Rgb warning) {

    public static final TimelineTheme LIGHT = new TimelineTheme(Rgb.hex("#ffffff"), Rgb.hex("#f3f5f8"),
            Rgb.hex("#e9edf2"), Rgb.hex("#d0d7de"), Rgb.hex("#1f2328"), Rgb.hex("#59636e"), Rgb.hex("#cf222e"),
            Rgb.hex("#8c959f").withAlpha(0.25), Rgb.hex("#9a6700"));

    public static final TimelineTheme DARK = new TimelineTheme(Rgb.hex("#0d1117"), Rgb.hex("#161b22"),
            Rgb.hex("#1c2330"), Rgb.hex("#30363d"), Rgb.hex("#e6edf3"), Rgb.hex("#9198a1"), Rgb.hex("#ff7b72"),
            Rgb.hex("#8b949e").withAlpha(0.20), Rgb.hex("#d29922"));

    /**
     * The same theme for a projector: text and secondary text at full contrast (pure black on white, white on
     * black), a darker grid and more distinct alternate lanes, so the back row reads them on a washed-out
     * screen.
     */
    public TimelineTheme highContrast() {
        boolean dark = background.luminance() < 0.5;
        Rgb ink = dark ? Rgb.hex("#ffffff") : Rgb.hex("#000000");
        return new TimelineTheme(dark ? Rgb.hex("#000000") : Rgb.hex("#ffffff"), lane,
                dark ? Rgb.hex("#262d38") : Rgb.hex("#dde2e8"), dark ? Rgb.hex("#6e7681") : Rgb.hex("#8c959f"),
                ink, ink, now, load, warning);
    }
}

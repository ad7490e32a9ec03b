package dev.corelanes.view;

import dev.corelanes.engine.SpanState;

/**
 * Colours with a meaning. States use the Okabe–Ito palette, which stays distinguishable for the common
 * colour-vision deficiencies; tasks cycle through a larger categorical set (their labels tell them apart
 * for sure).
 */
public final class Palette {

    private static final Rgb RUNNING = Rgb.hex("#0072B2");   // blue
    private static final Rgb SLEEPING = Rgb.hex("#56B4E9");  // sky blue
    private static final Rgb GIL_WAIT = Rgb.hex("#D55E00");  // vermillion
    private static final Rgb PREEMPTED = Rgb.hex("#CC79A7"); // reddish purple
    private static final Rgb SPAWNING = Rgb.hex("#E69F00");  // orange
    private static final Rgb UNCERTAIN = Rgb.hex("#888888"); // neutral grey: claimed by no task

    /**
     * Task colours, chosen apart from the five state colours, from each other and from the lane backgrounds
     * of both themes, as seen with normal vision and simulated protanopia, deuteranopia and tritanopia
     * (Machado, Oliveira &amp; Fernandes 2009, full severity): picked greedily from a grid of mid-tones for the
     * largest smallest CIELAB distance. Every task colour is at least ΔE 14 from every state colour and ΔE 17
     * from every other task colour under all four (PaletteTest checks it; the earlier set had task 4's brown at
     * ΔE 3 from "GIL wait" for a protanope).
     */
    static final Rgb[] TASKS = {
            Rgb.hex("#09A571"), Rgb.hex("#8516F3"), Rgb.hex("#792E15"), Rgb.hex("#9DF98B"),
            Rgb.hex("#B151F6"), Rgb.hex("#601579"), Rgb.hex("#51F651"), Rgb.hex("#C9A65E"),
    };

    private Palette() {
    }

    public static Rgb state(SpanState s) {
        return switch (s) {
            case RUNNING -> RUNNING;
            case SLEEPING -> SLEEPING;
            case GIL_WAIT -> GIL_WAIT;
            case PREEMPTED -> PREEMPTED;
            case SPAWNING -> SPAWNING;
            case UNCERTAIN -> UNCERTAIN;
        };
    }

    /** The colour of task {@code id} (1-based); id 0 (a worker's own span, e.g. spawning) gets its state's. */
    public static Rgb task(int id) {
        return id <= 0 ? SPAWNING : TASKS[(id - 1) % TASKS.length];
    }

    /** How many task colours there are before they repeat. */
    public static int taskColours() {
        return TASKS.length;
    }

    /** A label colour readable on {@code fill}. */
    public static Rgb textOn(Rgb fill) {
        return fill.luminance() > 0.55 ? Rgb.hex("#111111") : Rgb.hex("#ffffff");
    }

    /** How a state is named on screen. */
    public static String stateLabel(SpanState s) {
        return switch (s) {
            case RUNNING -> "running";
            case SLEEPING -> "sleeping";
            case GIL_WAIT -> "GIL wait";
            case PREEMPTED -> "preempted";
            case SPAWNING -> "spawning";
            case UNCERTAIN -> "uncertain";
        };
    }
}

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
     * Task colours, chosen apart from the five state colours (a task on a CPU lane must never look like a
     * state): Okabe–Ito's bluish green, then Paul Tol's "muted" and ColorBrewer's "Dark2" sets without blues, oranges and pinks, all mid-tones
     * so they read on a light and a dark background.
     */
    private static final Rgb[] TASKS = {
            Rgb.hex("#009E73"), Rgb.hex("#7570B3"), Rgb.hex("#DDCC77"), Rgb.hex("#A6761D"),
            Rgb.hex("#44AA99"), Rgb.hex("#999933"), Rgb.hex("#AA4499"), Rgb.hex("#117733"),
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

    /** A few task colours, for a legend swatch that says "a colour per task". */
    public static Rgb[] taskSamples() {
        return new Rgb[] {TASKS[0], TASKS[1], TASKS[2]};
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

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

    /** Okabe–Ito first, then darker and lighter companions so neighbours differ. */
    private static final Rgb[] TASKS = {
            Rgb.hex("#0072B2"), Rgb.hex("#009E73"), Rgb.hex("#D55E00"), Rgb.hex("#CC79A7"),
            Rgb.hex("#E69F00"), Rgb.hex("#56B4E9"), Rgb.hex("#8C6D1F"), Rgb.hex("#5D3A9B"),
            Rgb.hex("#1B7837"), Rgb.hex("#B2182B"), Rgb.hex("#2166AC"), Rgb.hex("#7F7F7F"),
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
        };
    }

    /** The colour of task {@code id} (1-based); id 0 (a worker's own span) is grey. */
    public static Rgb task(int id) {
        return id <= 0 ? TASKS[TASKS.length - 1] : TASKS[(id - 1) % TASKS.length];
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
        };
    }
}

package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.WaitKind;

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
    private static final Rgb WAIT_IO = Rgb.hex("#F0E442");    // yellow, a band on sleeping
    private static final Rgb WAIT_TIMER = Rgb.hex("#1A1A1A"); // near-black, a band on sleeping

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

    /**
     * The band drawn through a sleeping bar that says what it waited on (a traced thread's wchan): a lock in the
     * GIL's vermillion (a futex is a lock, the GIL among them), I/O in yellow, a timer in near-black — each
     * readable on the sleeping bar's sky blue, which is the same in both themes; null for a sleep of no known kind.
     */
    public static Rgb waitBand(WaitKind k) {
        return switch (k) {
            case LOCK -> GIL_WAIT;
            case IO -> WAIT_IO;
            case TIMER -> WAIT_TIMER;
            case NONE, OTHER -> null;
        };
    }

    /** How a wait kind is named in the legend, after "sleeping": "on a lock"… */
    public static String waitLabel(WaitKind k) {
        return switch (k) {
            case LOCK -> "on a lock";
            case IO -> "on I/O";
            case TIMER -> "on a timer";
            case NONE, OTHER -> "sleeping";
        };
    }

    /**
     * How a span's state is named where one span is described (hover text): its state, and for a sleep of a known
     * kind what it waited on — "sleeping on a lock (futex: a mutex, a condition or the GIL)".
     */
    public static String stateLabel(Span s) {
        return switch (s.waitKind()) {
            case LOCK -> "sleeping on a lock (futex: a mutex, a condition or the GIL)";
            case IO -> "sleeping on I/O (a pipe, socket, terminal or disk)";
            case TIMER -> "sleeping on a timer (sleep)";
            case NONE, OTHER -> stateLabel(s.state());
        };
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

package dev.corelanes.engine.trace;

import dev.corelanes.engine.trace.linux.PerfSwitches;

import java.util.Locale;

/**
 * Where a trace's running stretches come from: the kernel's own context-switch records where the OS lets an
 * unprivileged user have them for its own processes (Linux's perf_event_open, {@link PerfSwitches}), else the
 * sampler's rule ({@link ThreadTimeline}). The one door to them: macOS and Windows never open one, and a refusal
 * is kept with its reason, so a run always says which placed its lanes ({@link #placedBy}), never silently.
 */
final class KernelSwitches implements AutoCloseable {

    /**
     * A margin behind the reader's last full pass: a switch is written to its buffer as it happens, so what came
     * before the pass is in the log but for one still being written on another CPU at that instant.
     */
    private static final long READ_MARGIN_NANOS = 2_000_000L;

    /** An open source of switch records. */
    interface Feed {
        /** {@link System#nanoTime()} when the last full read began: every record before it is in the log. */
        long caughtUpNanos();

        /** The reader's own CPU time. */
        long cpuNanos();

        /** Reads what is left and lets go of everything (idempotent). */
        void close();
    }

    /** Opens a feed of {@code tid}'s switches (and its descendants') into {@code log}. */
    interface Opener {
        Feed open(int tid, SwitchLog log) throws PerfSwitches.Refused;
    }

    /** {@code -Dcorelanes.trace.kernelSwitches=false}: the sampler places the lanes even where records could be had. */
    static final String PROPERTY = "corelanes.trace.kernelSwitches";

    private static final Opener SYSTEM = (tid, log) -> {
        PerfSwitches p = PerfSwitches.open(tid, log);
        return new Feed() {
            @Override
            public long caughtUpNanos() {
                return p.caughtUpNanos();
            }

            @Override
            public long cpuNanos() {
                return p.readerCpuNanos();
            }

            @Override
            public void close() {
                p.close();
            }
        };
    };
    private static volatile Opener opener = SYSTEM;

    private final SwitchLog log;
    private final Feed feed;
    private final long originNanos;
    private final String refusal;

    private KernelSwitches(SwitchLog log, Feed feed, long originNanos, String refusal) {
        this.log = log;
        this.feed = feed;
        this.originNanos = originNanos;
        this.refusal = refusal;
    }

    /** None: the sampler places the lanes; {@code why} says why ("" where the OS has no such records to offer). */
    static KernelSwitches none(String why) {
        return new KernelSwitches(null, null, 0, why);
    }

    /**
     * Opens the records of {@code tid} and all it starts from now on: a program held stopped, so nothing it does
     * is missed. A refusal is not an error: the sampler then places the lanes, and the reason is kept.
     */
    static KernelSwitches open(int tid, long originNanos) {
        if ("false".equals(System.getProperty(PROPERTY))) { // to compare with the sampler's lanes on one machine
            return none("kernel switch records turned off with -D" + PROPERTY + "=false");
        }
        SwitchLog log = new SwitchLog(originNanos);
        try {
            return new KernelSwitches(log, opener.open(tid, log), originNanos, "");
        } catch (PerfSwitches.Refused e) {
            return none(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return none("kernel switch records could not be opened: " + e);
        }
    }

    /** Makes {@code o} the way records are opened until the handle is closed (a test: a refusal, injected). */
    static AutoCloseable use(Opener o) {
        Opener before = opener;
        opener = o;
        return () -> opener = before;
    }

    /** True when the kernel's records place the lanes. */
    boolean active() {
        return log != null;
    }

    /** The records, or null when none are read. */
    SwitchLog log() {
        return log;
    }

    /** Why there are none ("" when there are, or the OS has none to offer). */
    String refusal() {
        return refusal;
    }

    /** The run-timeline time up to which every record is in the log (live drawing places nothing later). */
    long horizonNanos() {
        long t = feed == null ? Long.MIN_VALUE : feed.caughtUpNanos();
        return t == Long.MIN_VALUE ? Long.MIN_VALUE : t - originNanos - READ_MARGIN_NANOS;
    }

    /** The reader's CPU time (0 when none). */
    long cpuNanos() {
        return feed == null ? 0 : feed.cpuNanos();
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
    }

    /**
     * Which source placed the lanes, in one line: "kernel switch records" (with what was lost, if anything), or
     * "sampled /proc every 16 ms" with the reason the records were not had.
     */
    String placedBy(long samplePeriodNanos) {
        if (log != null) {
            long lost = log.lost();
            return "kernel switch records" + (lost > 0 ? String.format(Locale.ROOT,
                    " (%d records lost: the kernel's buffer was full, those stretches are as last known)", lost) : "");
        }
        String sampled = String.format(Locale.ROOT, "sampled /proc every %d ms", Math.max(1,
                Math.round(samplePeriodNanos / 1e6)));
        return refusal.isEmpty() ? sampled : sampled + " (" + refusal + ")";
    }
}

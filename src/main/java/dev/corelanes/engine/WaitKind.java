package dev.corelanes.engine;

import java.util.Locale;

/**
 * What a thread off the CPU waits for, as far as the kernel function it sleeps in ({@code wchan}) tells: a lock
 * (a futex: a mutex, a condition, Python's GIL), I/O (a pipe, a socket, a disk, poll/select), a timer (sleep), or
 * something else. The one place wchan names are read. A {@link Span} that is {@link SpanState#SLEEPING} carries
 * its kind where it is known (a traced thread's), {@link #NONE} elsewhere.
 */
public enum WaitKind {
    NONE("running", ""), LOCK("lock", "lock"), IO("I/O", "io"), TIMER("timer", "timer"), OTHER("other", "other");

    private final String label;
    private final String id;

    WaitKind(String label, String id) {
        this.label = label;
        this.id = id;
    }

    public String label() {
        return label;
    }

    /** The name in run files ({@code spans[].wait}); "" for {@link #NONE}, which is not written. */
    public String id() {
        return id;
    }

    /** True for a kind worth drawing: a lock, I/O or a timer (not "none", not "other"). */
    public boolean drawn() {
        return this == LOCK || this == IO || this == TIMER;
    }

    /** The kind named {@code id} in a run file. */
    public static WaitKind parse(String id) {
        for (WaitKind k : values()) {
            if (k != NONE && k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown wait kind '" + id + "'");
    }

    /** The kind of wait for a thread in state {@code state} sleeping in kernel function {@code wchan}. */
    public static WaitKind of(char state, String wchan) {
        if (state == 'R') {
            return NONE;
        }
        String w = wchan == null ? "" : wchan.toLowerCase(Locale.ROOT);
        if (w.contains("futex")) {
            return LOCK;
        }
        if (w.contains("nanosleep") || w.contains("hrtimer") || w.contains("clock_nanosleep")
                || w.contains("schedule_timeout") && !w.contains("poll")) {
            return TIMER;
        }
        if (state == 'D' || w.contains("poll") || w.contains("select") || w.contains("pipe") || w.contains("read")
                || w.contains("write") || w.contains("io_schedule") || w.contains("sk_wait") || w.contains("tcp")
                || w.contains("unix_stream") || w.contains("wait_woken") || w.contains("n_tty") || w.contains("blk")) {
            return IO;
        }
        return OTHER;
    }
}

package dev.corelanes.engine.trace;

import java.util.Locale;

/**
 * What a thread off the CPU waits for, as far as the kernel function it sleeps in ({@code wchan}) tells: a lock
 * (a futex: a mutex, a condition, Python's GIL), I/O (a pipe, a socket, a disk, poll/select), a timer (sleep), or
 * something else. The one place wchan names are read.
 */
public enum WaitKind {
    NONE("running"), LOCK("lock"), IO("I/O"), TIMER("timer"), OTHER("other");

    private final String label;

    WaitKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
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

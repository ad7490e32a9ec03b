package dev.corelanes.engine.platform;

/** One process of the machine's process table: who its parent is, which group and session, and its state. */
public record ProcessEntry(long pid, long ppid, long pgrp, long session, char state) {

    public boolean alive() {
        return state != 'Z' && state != 'X';
    }

    /** Stopped by a signal (SIGSTOP, SIGTSTP), e.g. {@code kill -STOP}. */
    public boolean stopped() {
        return state == 'T' || state == 't';
    }
}

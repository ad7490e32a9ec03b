package dev.corelanes.engine.process;

import dev.corelanes.engine.process.WorkerMessage.Bye;
import dev.corelanes.engine.process.WorkerMessage.ErrorReport;
import dev.corelanes.engine.process.WorkerMessage.Hello;
import dev.corelanes.engine.process.WorkerMessage.Opened;
import dev.corelanes.engine.process.WorkerMessage.Pong;
import dev.corelanes.engine.process.WorkerMessage.SpanDone;
import dev.corelanes.engine.process.WorkerMessage.TaskEnd;
import dev.corelanes.engine.process.WorkerMessage.TaskStart;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a worker's messages come in the order the protocol allows, given what the parent has sent:
 * hello first, pongs only for pings sent, a task's start/spans/end only for the task handed out, bye only
 * when asked. Pure state, no I/O, so every wrong order is unit-testable. Not thread-safe: one reader.
 */
final class WorkerConversation {

    private enum Phase { AWAIT_HELLO, READY, AWAIT_START, IN_TASK, CLOSED }

    private Phase phase = Phase.AWAIT_HELLO;
    private final Set<Long> pendingPings = new HashSet<>();
    private int task;
    private long taskStart;
    private boolean byeRequested;

    void pingSent(long seq) {
        pendingPings.add(seq);
    }

    /** The parent handed task {@code id} to the worker. */
    void taskSent(int id) {
        if (phase != Phase.READY) {
            throw new IllegalStateException("task sent while " + phase);
        }
        task = id;
        phase = Phase.AWAIT_START;
    }

    /** The parent sent {@code done} or {@code stop}: a bye may come once the current task has ended. */
    void byeRequested() {
        byeRequested = true;
    }

    /** The task being run, or 0. */
    int currentTask() {
        return phase == Phase.AWAIT_START || phase == Phase.IN_TASK ? task : 0;
    }

    boolean closed() {
        return phase == Phase.CLOSED;
    }

    /** Accepts {@code m} if it may come now, else says why not. Error reports are always accepted. */
    WorkerMessage accept(WorkerMessage m) throws ProtocolException {
        if (m instanceof ErrorReport) {
            return m;
        }
        if (phase == Phase.CLOSED) {
            throw new ProtocolException("a line after bye: " + kind(m));
        }
        if (phase == Phase.AWAIT_HELLO) {
            if (!(m instanceof Hello h)) {
                throw new ProtocolException("expected hello first, got " + kind(m));
            }
            if (h.version() != WorkerProtocol.VERSION) {
                throw new ProtocolException("worker speaks protocol version " + h.version() + ", this app version "
                        + WorkerProtocol.VERSION + " (mixed installations?)");
            }
            phase = Phase.READY;
            return m;
        }
        switch (m) {
            case Hello h -> throw new ProtocolException("a second hello");
            case Pong p -> {
                if (!pendingPings.remove(p.seq())) {
                    throw new ProtocolException("pong " + p.seq() + " answers no ping");
                }
            }
            case TaskStart s -> {
                if (phase != Phase.AWAIT_START) {
                    throw new ProtocolException("start of task " + s.task() + " but no task was handed out");
                }
                sameTask(s.task(), "start");
                taskStart = s.t();
                phase = Phase.IN_TASK;
            }
            case Opened o -> inTask(o.task(), o.start(), "open span");
            case SpanDone s -> inTask(s.task(), s.start(), "span");
            case WorkerMessage.Samples s -> inTask(s.task(), s.samples().get(0).nanos(), "samples");
            case TaskEnd e -> {
                inTask(e.task(), e.t(), "end");
                phase = Phase.READY;
            }
            case Bye b -> {
                if (phase != Phase.READY) {
                    throw new ProtocolException("bye in the middle of task " + task);
                }
                if (!byeRequested) {
                    throw new ProtocolException("bye without being asked");
                }
                phase = Phase.CLOSED;
            }
            case ErrorReport e -> throw new AssertionError("handled above");
        }
        return m;
    }

    private void inTask(int id, long t, String what) throws ProtocolException {
        if (phase != Phase.IN_TASK) {
            throw new ProtocolException(what + " of task " + id + " outside a task");
        }
        sameTask(id, what);
        if (t < taskStart) {
            throw new ProtocolException(what + " of task " + id + " dated before the task started");
        }
    }

    private void sameTask(int id, String what) throws ProtocolException {
        if (id != task) {
            throw new ProtocolException(what + " of task " + id + " while running task " + task);
        }
    }

    private static String kind(WorkerMessage m) {
        return m.getClass().getSimpleName();
    }
}

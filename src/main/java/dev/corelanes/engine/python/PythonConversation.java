package dev.corelanes.engine.python;

import dev.corelanes.engine.python.PythonMessage.Bye;
import dev.corelanes.engine.python.PythonMessage.End;
import dev.corelanes.engine.python.PythonMessage.ErrorReport;
import dev.corelanes.engine.python.PythonMessage.Hello;
import dev.corelanes.engine.python.PythonMessage.Memory;
import dev.corelanes.engine.python.PythonMessage.Opened;
import dev.corelanes.engine.python.PythonMessage.Pong;
import dev.corelanes.engine.python.PythonMessage.Ready;
import dev.corelanes.engine.python.PythonMessage.SpanDone;
import dev.corelanes.engine.python.PythonMessage.Start;
import dev.corelanes.engine.python.PythonMessage.ThreadId;
import dev.corelanes.engine.python.PythonMessage.Worker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the Python worker's messages come in an order the protocol allows, given what the parent
 * sent: hello first, pongs for pings, ready after prepare, task lines only after run, each task started
 * once by one worker and ended once, nothing dated before its task's start, bye only when every task has
 * ended (or after stop), nothing after bye. Pure state, no I/O; one reader thread.
 */
final class PythonConversation {

    private enum Phase { AWAIT_HELLO, HANDSHAKE, AWAIT_READY, PREPARED, RUNNING, CLOSED }

    private record Running(String worker, long start) {
    }

    private final int tasks;
    private Phase phase = Phase.AWAIT_HELLO;
    private final Set<Long> pendingPings = new HashSet<>();
    private final Map<Integer, Running> running = new HashMap<>();
    private final Set<Integer> ended = new HashSet<>();
    private boolean stopSent;
    private final Set<String> processes = new HashSet<>();
    private final Set<String> measured = new HashSet<>();

    PythonConversation(int tasks) {
        this.tasks = tasks;
    }

    void pingSent(long seq) {
        pendingPings.add(seq);
    }

    void prepareSent() {
        phase = Phase.AWAIT_READY;
    }

    void runSent() {
        if (phase != Phase.PREPARED) {
            throw new IllegalStateException("run sent while " + phase);
        }
        phase = Phase.RUNNING;
    }

    void stopSent() {
        stopSent = true;
    }

    /** Tasks started and not ended, with their worker. */
    Map<Integer, String> unfinished() {
        Map<Integer, String> out = new HashMap<>();
        running.forEach((t, r) -> out.put(t, r.worker()));
        return out;
    }

    boolean closed() {
        return phase == Phase.CLOSED;
    }

    PythonMessage accept(PythonMessage m) throws PythonProtocolException {
        if (m instanceof ErrorReport) {
            return m;
        }
        if (phase == Phase.CLOSED) {
            throw new PythonProtocolException("a line after bye: " + kind(m));
        }
        if (phase == Phase.AWAIT_HELLO) {
            if (!(m instanceof Hello h)) {
                throw new PythonProtocolException("expected hello first, got " + kind(m));
            }
            if (h.version() != PythonLineParser.VERSION) {
                throw new PythonProtocolException("the script speaks protocol version " + h.version() + ", this app "
                        + PythonLineParser.VERSION);
            }
            phase = Phase.HANDSHAKE;
            return m;
        }
        switch (m) {
            case Hello h -> throw new PythonProtocolException("a second hello");
            case Pong p -> {
                if (!pendingPings.remove(p.seq())) {
                    throw new PythonProtocolException("pong " + p.seq() + " answers no ping");
                }
            }
            case Ready r -> {
                if (phase != Phase.AWAIT_READY) {
                    throw new PythonProtocolException("ready without being asked to prepare");
                }
                phase = Phase.PREPARED;
            }
            case Worker w -> {
                inRun("worker " + w.name());
                if (w.process()) {
                    processes.add(w.name());
                }
            }
            case ThreadId t -> inRun("thread of " + t.worker());
            case Memory mem -> {
                inRun("memory of " + mem.worker());
                if (!processes.contains(mem.worker())) {
                    throw new PythonProtocolException("memory of " + mem.worker() + ", which is no worker process");
                }
                if (!measured.add(mem.worker())) {
                    throw new PythonProtocolException("memory of " + mem.worker() + " twice");
                }
            }
            case Start s -> {
                inRun("start of task " + s.task());
                known(s.task());
                if (running.containsKey(s.task()) || ended.contains(s.task())) {
                    throw new PythonProtocolException("task " + s.task() + " started twice");
                }
                running.put(s.task(), new Running(s.worker(), s.t()));
            }
            case Opened o -> inTask(o.task(), o.worker(), o.t(), "open span");
            case SpanDone s -> {
                if (s.task() == 0) {
                    inRun("spawning span of " + s.worker());
                } else {
                    inTask(s.task(), s.worker(), s.start(), "span");
                }
            }
            case End e -> {
                inTask(e.task(), e.worker(), e.t(), "end");
                running.remove(e.task());
                ended.add(e.task());
            }
            case Bye b -> {
                inRun("bye");
                if (!stopSent && ended.size() < tasks) {
                    throw new PythonProtocolException("bye after " + ended.size() + " of " + tasks + " tasks");
                }
                phase = Phase.CLOSED;
            }
            case ErrorReport e -> throw new AssertionError("handled above");
        }
        return m;
    }

    private void inRun(String what) throws PythonProtocolException {
        if (phase != Phase.RUNNING) {
            throw new PythonProtocolException(what + " before the run began");
        }
    }

    private void known(int task) throws PythonProtocolException {
        if (task < 1 || task > tasks) {
            throw new PythonProtocolException("task " + task + " is not one of the " + tasks + " tasks");
        }
    }

    private void inTask(int task, String worker, long t, String what) throws PythonProtocolException {
        inRun(what + " of task " + task);
        known(task);
        Running r = running.get(task);
        if (r == null) {
            throw new PythonProtocolException(what + " of task " + task + (ended.contains(task) ? " after it ended"
                    : " before it started"));
        }
        if (!r.worker().equals(worker)) {
            throw new PythonProtocolException(what + " of task " + task + " from " + worker + ", but " + r.worker()
                    + " runs it");
        }
        if (t < r.start()) {
            throw new PythonProtocolException(what + " of task " + task + " dated before the task started");
        }
    }

    private static String kind(PythonMessage m) {
        return m.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}

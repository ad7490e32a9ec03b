package dev.corelanes.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Exports a trace in Chrome's trace-event JSON, so a run opens in Perfetto (ui.perfetto.dev) or
 * chrome://tracing. Exactly one "complete" event ({@code ph: "X"}) per span:
 * <ul>
 *   <li>running spans with a known core go on a process "CPUs", one track (tid) per logical CPU, named
 *       after their task — the per-core picture;</li>
 *   <li>every other span (sleeping, GIL wait, preempted, spawning, or running on an unknown core) goes on
 *       its worker's track: processes as pid (the CoreLanes JVM, every child worker by its real pid),
 *       threads as tid, named after the state.</li>
 * </ul>
 * Times are microseconds since the run started.
 */
public final class TraceEvents {

    /** The synthetic pid of the per-CPU tracks (real pids are positive). */
    static final int CPU_PID = 0;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceEvents() {
    }

    public static void write(Trace trace, Path file) throws RunFileException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, toJson(trace)));
    }

    public static ObjectNode toJson(Trace t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("displayTimeUnit", "ms");
        ObjectNode meta = root.putObject("otherData");
        meta.put("experiment", t.spec().describe());
        meta.put("runtime", t.runtime().label());
        meta.put("machine", t.machine().oneLine());
        meta.put("wallSeconds", t.wallSeconds());
        meta.put("status", t.status().id());
        ArrayNode events = root.putArray("traceEvents");

        long parentPid = 1; // stands for "this JVM" in a saved run; child processes keep their real pids
        Map<String, long[]> workerIds = new LinkedHashMap<>(); // worker → {pid, tid}
        int nextTid = 1;
        for (WorkerInfo w : t.workers()) {
            workerIds.put(w.name(), new long[]{w.pid() > 0 ? w.pid() : parentPid, nextTid++});
        }
        for (Span s : t.spans()) {
            if (!workerIds.containsKey(s.worker())) {
                workerIds.put(s.worker(), new long[]{parentPid, nextTid++});
            }
        }

        metadata(events, "process_name", CPU_PID, 0, "CPUs");
        TreeSet<Integer> cores = new TreeSet<>();
        t.spans().stream().filter(s -> s.state() == SpanState.RUNNING && s.hasCore()).forEach(s -> cores.add(s.core()));
        for (int core : cores) {
            metadata(events, "thread_name", CPU_PID, core, "CPU " + core);
        }
        metadata(events, "process_name", parentPid, 0, "CoreLanes (" + t.spec().mode().label() + ")");
        workerIds.forEach((name, ids) -> {
            if (ids[0] != parentPid) {
                metadata(events, "process_name", ids[0], 0, "worker process " + name + " (pid " + ids[0] + ")");
            }
            metadata(events, "thread_name", ids[0], ids[1], name);
        });

        for (Span s : t.spans()) {
            String label = s.task() == Span.NO_TASK ? s.worker() : "task " + s.task();
            ObjectNode args;
            if (s.state() == SpanState.RUNNING && s.hasCore()) {
                args = complete(events, label, s, CPU_PID, s.core()).putObject("args");
            } else {
                long[] ids = workerIds.get(s.worker());
                args = complete(events, s.state().id(), s, ids[0], ids[1]).putObject("args");
                args.put("task", label);
            }
            args.put("worker", s.worker());
            args.put("state", s.state().id());
        }
        return root;
    }

    private static void metadata(ArrayNode events, String what, long pid, long tid, String name) {
        ObjectNode e = events.addObject();
        e.put("name", what);
        e.put("ph", "M");
        e.put("pid", pid);
        e.put("tid", tid);
        e.putObject("args").put("name", name);
    }

    private static ObjectNode complete(ArrayNode events, String name, Span s, long pid, long tid) {
        ObjectNode e = events.addObject();
        e.put("name", name);
        e.put("cat", s.state().id());
        e.put("ph", "X");
        e.put("ts", s.startNanos() / 1e3);
        e.put("dur", s.durationNanos() / 1e3);
        e.put("pid", pid);
        e.put("tid", tid);
        return e;
    }
}

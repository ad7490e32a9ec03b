package dev.corelanes.engine.files;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports a trace in Chrome's trace-event JSON, so a run opens in Perfetto (ui.perfetto.dev), speedscope
 * or chrome://tracing. One event per span: a "complete" event ({@code ph: "X"}), or an instant
 * ({@code ph: "i"}) for a span of no length; spans that touch and look the same are one slice:
 * <ul>
 *   <li>spans on a core lane ({@code running} on a known core, and {@code uncertain}) go on a process
 *       "CPUs", one track (tid) per logical CPU, named after their task — the per-core picture;</li>
 *   <li>every other span (sleeping, GIL wait, preempted, spawning, or running on an unknown core) goes on
 *       its worker's track: processes as pid (the CoreLanes JVM, every child worker by its real pid),
 *       threads as tid, named after the state.</li>
 * </ul>
 * Viewers draw a track as a stack of nested slices, so no two slices of one track may partly overlap:
 * the CPU tracks cannot (see {@link CpuLanes}), and should a worker's spans ever overlap, the later one
 * goes to an extra track of that worker ("T1 (2)") instead of being drawn nested. Names and order are
 * fixed by metadata events: CPUs first (by number), then the workers in the order they started. Times
 * are microseconds since the run started.
 */
public final class TraceEvents {

    /** The synthetic pid of the per-CPU tracks (real pids are positive). */
    static final int CPU_PID = 0;
    /** Stands for "this JVM" in a saved run; child processes keep their real pids. */
    static final long PARENT_PID = 1;
    /** Extra tracks of a worker (only if its spans overlap) get tids from here on. */
    private static final long EXTRA_TID = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceEvents() {
    }

    public static void write(Trace trace, Path file) throws OutputFileException {
        AtomicFiles.write(file, content(trace));
    }

    /** The file's content, for writing it together with others ({@link AtomicFiles.Batch}). */
    public static AtomicFiles.Content content(Trace trace) {
        return out -> JSON.writeValue(out, toJson(trace));
    }

    /** A track: where a viewer draws one row of slices. */
    private record Track(long pid, long tid) {
    }

    public static ObjectNode toJson(Trace t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("displayTimeUnit", "ms");
        ObjectNode meta = root.putObject("otherData");
        meta.put("experiment", t.spec().describe());
        meta.put("runtime", t.runtime().label());
        meta.put("machine", t.machine().hardwareLine());
        meta.put("cores", dev.corelanes.engine.FigureText.cores(t.machine()));
        meta.put("wallSeconds", t.wallSeconds());
        meta.put("status", t.status().id());
        ArrayNode events = root.putArray("traceEvents");

        Map<String, Track> workerTracks = new LinkedHashMap<>();
        int nextTid = 1;
        for (WorkerInfo w : t.workers()) {
            workerTracks.put(w.name(), new Track(w.pid() > 0 ? w.pid() : PARENT_PID, nextTid++));
        }
        for (Span s : t.spans()) {
            if (!onCpuTrack(s) && !workerTracks.containsKey(s.worker())) {
                workerTracks.put(s.worker(), new Track(PARENT_PID, nextTid++));
            }
        }

        // Slices per track, then packed into rows that never partly overlap.
        Map<Track, List<Span>> byTrack = new LinkedHashMap<>();
        TreeMap<Integer, Track> cpuTracks = new TreeMap<>();
        for (Span s : t.spans()) {
            Track track;
            if (onCpuTrack(s)) {
                track = cpuTracks.computeIfAbsent(s.core(), c -> new Track(CPU_PID, c));
            } else {
                track = workerTracks.get(s.worker());
            }
            byTrack.computeIfAbsent(track, k -> new ArrayList<>()).add(s);
        }

        // Metadata first: names and order. CPUs (pid 0) first, then this JVM, then child processes.
        metadata(events, "process_name", CPU_PID, 0, "CPUs");
        sortIndex(events, "process_sort_index", CPU_PID, 0, 0);
        for (int core : cpuTracks.keySet()) {
            metadata(events, "thread_name", CPU_PID, core, "CPU " + core);
            sortIndex(events, "thread_sort_index", CPU_PID, core, core);
        }
        metadata(events, "process_name", PARENT_PID, 0, "CoreLanes (" + t.spec().mode().label() + ")");
        sortIndex(events, "process_sort_index", PARENT_PID, 0, 1);
        int order = 2;
        for (Map.Entry<String, Track> e : workerTracks.entrySet()) {
            Track track = e.getValue();
            if (track.pid() != PARENT_PID) {
                metadata(events, "process_name", track.pid(), 0, "worker process " + e.getKey() + " (pid " + track.pid() + ")");
                sortIndex(events, "process_sort_index", track.pid(), 0, order++);
            }
        }

        for (Map.Entry<Track, List<Span>> e : byTrack.entrySet()) {
            Track track = e.getKey();
            boolean cpu = track.pid() == CPU_PID;
            String name = cpu ? "CPU " + track.tid() : workerName(workerTracks, track);
            List<List<Span>> rows = rows(e.getValue());
            for (int r = 0; r < rows.size(); r++) {
                long tid = r == 0 ? track.tid() : EXTRA_TID * r + track.tid();
                if (!cpu) {
                    metadata(events, "thread_name", track.pid(), tid, r == 0 ? name : name + " (" + (r + 1) + ")");
                    sortIndex(events, "thread_sort_index", track.pid(), tid, (int) Math.min(Integer.MAX_VALUE, tid));
                }
                for (Span s : joinTouching(rows.get(r))) {
                    slice(events, s, cpu, track.pid(), tid);
                }
            }
        }
        // Workers without any span still get their named track.
        workerTracks.forEach((name, track) -> {
            if (!byTrack.containsKey(track)) {
                metadata(events, "thread_name", track.pid(), track.tid(), name);
                sortIndex(events, "thread_sort_index", track.pid(), track.tid(), (int) track.tid());
            }
        });
        return root;
    }

    /** Spans drawn on a CPU's track: running on a known core, or a stretch of a core nobody can claim. */
    static boolean onCpuTrack(Span s) {
        return s.hasCore() && (s.state() == SpanState.RUNNING || s.state() == SpanState.UNCERTAIN);
    }

    private static String workerName(Map<String, Track> workers, Track track) {
        for (Map.Entry<String, Track> e : workers.entrySet()) {
            if (e.getValue().equals(track)) {
                return e.getKey();
            }
        }
        return "?";
    }

    /**
     * Slices of one row that touch and would look the same (same task, worker, state and core) become one:
     * speedscope reads two such slices as the second nested in the first (it takes a begin before an end
     * of the same name at the same time). Spans of no length (instants) stay as they are.
     */
    static List<Span> joinTouching(List<Span> row) {
        List<Span> out = new ArrayList<>(row.size());
        Span open = null;
        for (Span s : row) {
            if (s.durationNanos() == 0) {
                out.add(s);
                continue;
            }
            if (open != null && open.endNanos() == s.startNanos() && open.task() == s.task()
                    && open.worker().equals(s.worker()) && open.state() == s.state() && open.core() == s.core() && open.waitKind() == s.waitKind()) {
                open = new Span(open.task(), open.worker(), open.core(), open.state(), open.startNanos(), s.endNanos(),
                        open.waitKind());
                continue;
            }
            if (open != null) {
                out.add(open);
            }
            open = s;
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    /** Greedy packing in start order: a slice goes to the first row whose last slice has ended. */
    private static List<List<Span>> rows(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::startNanos).thenComparingLong(Span::endNanos));
        List<List<Span>> rows = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (Span s : sorted) {
            int r = 0;
            while (r < rows.size() && ends.get(r) > s.startNanos()) {
                r++;
            }
            if (r == rows.size()) {
                rows.add(new ArrayList<>());
                ends.add(Long.MIN_VALUE);
            }
            rows.get(r).add(s);
            ends.set(r, Math.max(ends.get(r), s.endNanos()));
        }
        return rows;
    }

    private static void slice(ArrayNode events, Span s, boolean cpu, long pid, long tid) {
        String label = s.task() == Span.NO_TASK ? s.worker() : "task " + s.task();
        String name = cpu ? (s.state() == SpanState.UNCERTAIN ? "uncertain" : label) : s.state().id();
        ObjectNode e = events.addObject();
        e.put("name", name);
        e.put("cat", s.state().id());
        double ts = micros(s.startNanos());
        double dur = micros(s.endNanos()) - ts;
        if (dur > 0) {
            e.put("ph", "X");
            e.put("ts", ts);
            e.put("dur", dur);
        } else {
            // A span of no length (one sample) as an instant: a zero-length slice's end can be read before
            // its start when another slice starts at the same time, and speedscope then never closes it.
            e.put("ph", "i");
            e.put("s", "t");
            e.put("ts", ts);
        }
        e.put("pid", pid);
        e.put("tid", tid);
        ObjectNode args = e.putObject("args");
        if (!cpu) {
            args.put("task", label);
        }
        if (!s.worker().isEmpty()) {
            args.put("worker", s.worker());
        }
        args.put("state", s.state().id());
        if (s.hasCore()) {
            args.put("cpu", s.core());
        }
    }

    /**
     * Microseconds in steps of 1/1024 µs (~1 ns): binary fractions, so a viewer's own arithmetic on them
     * (ts + dur, ts − first ts) is exact. With decimal fractions it is not: a slice's end could come out one
     * rounding step after the next slice's start, and speedscope then nests the next slice inside it and
     * draws the track as a staircase.
     */
    static double micros(long nanos) {
        return Math.round(nanos * 1.024) / 1024.0;
    }

    private static void metadata(ArrayNode events, String what, long pid, long tid, String name) {
        ObjectNode e = events.addObject();
        e.put("name", what);
        e.put("ph", "M");
        e.put("pid", pid);
        e.put("tid", tid);
        e.putObject("args").put("name", name);
    }

    private static void sortIndex(ArrayNode events, String what, long pid, long tid, int index) {
        ObjectNode e = events.addObject();
        e.put("name", what);
        e.put("ph", "M");
        e.put("pid", pid);
        e.put("tid", tid);
        e.putObject("args").put("sort_index", index);
    }
}

package dev.corelanes.engine.files;

import dev.corelanes.engine.CpuLanesPropertyTest;
import dev.corelanes.engine.CpuLanes;
import dev.corelanes.engine.SampleBatch;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceEventsTest {

    @TempDir
    Path dir;

    @Test
    void oneCompleteEventPerSpanWithCpusAsTracksAndProcessesAsPids() throws Exception {
        Trace t = RunFileTest.sample();
        Path f = dir.resolve("trace.json");
        TraceEvents.write(t, f);
        JsonNode root = new ObjectMapper().readTree(f.toFile());
        List<JsonNode> complete = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("X")) {
                complete.add(e);
            }
        });
        assertEquals(t.spans().size(), complete.size());
        JsonNode running = complete.stream().filter(e -> e.get("cat").asText().equals("running")).findFirst().orElseThrow();
        assertEquals(TraceEvents.CPU_PID, running.get("pid").asInt());
        assertEquals(0, running.get("tid").asInt(), "the CPU number is the track");
        assertEquals(1.0, running.get("ts").asDouble(), 1e-9, "microseconds");
        JsonNode spawn = complete.stream().filter(e -> e.get("cat").asText().equals("spawning")).findFirst().orElseThrow();
        assertEquals(4242, spawn.get("pid").asLong(), "a child process is its own pid");
        boolean namesCpu = false;
        for (JsonNode e : root.get("traceEvents")) {
            namesCpu |= e.get("ph").asText().equals("M") && e.path("args").path("name").asText().equals("CPU 0");
        }
        assertTrue(namesCpu, "CPU tracks are named");
    }

    private static Trace traceOf(List<Span> spans, List<WorkerInfo> workers) {
        Trace s = RunFileTest.sample();
        return new Trace(s.spec(), s.machine(), s.calibration(), s.startedAt(), s.wallNanos(), s.cpuNanos(),
                s.status(), "", s.tasks(), workers, spans, 0);
    }

    /** Complete events per track (pid/tid), in start order. */
    private static java.util.Map<String, List<JsonNode>> tracks(JsonNode root) {
        java.util.Map<String, List<JsonNode>> out = new java.util.TreeMap<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("X")) { // instants ("i") have no extent: nothing to nest
                out.computeIfAbsent(e.get("pid").asLong() + "/" + e.get("tid").asLong(), k -> new ArrayList<>()).add(e);
            }
        });
        out.values().forEach(l -> l.sort(java.util.Comparator.comparingDouble(e -> e.get("ts").asDouble())));
        return out;
    }

    /**
     * Every track is flat as speedscope draws it: its own import replayed (times shifted by the track's
     * first; each "X" split into a begin at ts and an end at ts + dur; begins and ends merged in time order,
     * at equal times an end first unless it is the same slice; an end that does not match the slice on top
     * of the stack is ignored), and no slice may ever be pushed onto another.
     */
    private static void assertFlat(JsonNode root, String where) {
        tracks(root).forEach((track, slices) -> {
            double first = slices.get(0).get("ts").asDouble();
            record Edge(double ts, String key, String name, JsonNode event) {
            }
            List<JsonNode> sorted = new ArrayList<>(slices);
            sorted.sort(java.util.Comparator.<JsonNode>comparingDouble(e -> e.get("ts").asDouble())
                    .thenComparing(java.util.Comparator.<JsonNode>comparingDouble(e -> e.get("dur").asDouble()).reversed()));
            java.util.ArrayDeque<Edge> begins = new java.util.ArrayDeque<>();
            List<Edge> ends = new ArrayList<>();
            for (JsonNode e : sorted) {
                double ts = e.get("ts").asDouble() - first;
                String key = e.get("name").asText() + " " + e.get("args");
                begins.add(new Edge(ts, key, e.get("name").asText(), e));
                ends.add(new Edge(ts + e.get("dur").asDouble(), key, e.get("name").asText(), e));
            }
            ends.sort(java.util.Comparator.comparingDouble(Edge::ts));
            java.util.ArrayDeque<Edge> endQueue = new java.util.ArrayDeque<>(ends);
            java.util.ArrayDeque<Edge> stack = new java.util.ArrayDeque<>();
            while (!begins.isEmpty() || !endQueue.isEmpty()) {
                Edge b = begins.peek();
                Edge e = endQueue.peek();
                boolean begin = e == null || b != null && (b.ts() < e.ts() || b.ts() == e.ts() && b.key().equals(e.key()));
                if (begin) {
                    if (!stack.isEmpty()) {
                        throw new AssertionError(where + ": track " + track + " draws " + b.event() + " inside "
                                + stack.peek().event());
                    }
                    stack.push(begins.poll());
                } else {
                    Edge end = endQueue.poll();
                    if (!stack.isEmpty() && stack.peek().name().equals(end.name())) {
                        stack.pop();
                    }
                }
            }
        });
    }

    @Test
    void everyTrackOfResolvedRunsIsOneFlatRow() {
        for (long seed = 1; seed <= 60; seed++) {
            List<SampleBatch> batches = CpuLanesPropertyTest.generate(seed, seed % 2 == 0).batches();
            List<Span> spans = CpuLanes.resolve(List.of(), batches);
            List<WorkerInfo> workers = spans.stream().map(Span::worker).distinct().map(WorkerInfo::thread).toList();
            assertFlat(TraceEvents.toJson(traceOf(spans, workers)), "seed " + seed);
        }
    }

    @Test
    void aSpanOfNoLengthIsAnInstantSoItCannotOpenASliceThatNeverCloses() {
        // An uncertain stretch and a one-sample span start together (as in a real run): as two "X" events
        // speedscope read the zero-length one's end first and left it open, nesting the rest of the track.
        JsonNode root = TraceEvents.toJson(traceOf(List.of(
                new Span(1, "P1", 0, SpanState.RUNNING, 0, 5_000),
                CpuLanes.uncertain(0, 5_000, 5_500),
                new Span(3, "P3", 0, SpanState.RUNNING, 5_000, 5_000),
                new Span(2, "P2", 0, SpanState.RUNNING, 5_500, 9_000)), List.of()));
        assertFlat(root, "a zero-length span");
        long instants = 0;
        for (JsonNode e : root.get("traceEvents")) {
            instants += e.get("ph").asText().equals("i") && e.get("name").asText().equals("task 3") ? 1 : 0;
        }
        assertEquals(1, instants);
    }

    @Test
    void overlappingSpansOfOneWorkerGoToASecondNamedTrackInsteadOfNesting() {
        JsonNode root = TraceEvents.toJson(traceOf(List.of(
                new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 0, 10_000),
                new Span(1, "T1", Span.NO_CORE, SpanState.PREEMPTED, 5_000, 15_000)), List.of(WorkerInfo.thread("T1"))));
        assertFlat(root, "overlapping worker spans");
        List<String> names = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("name").asText().equals("thread_name")) {
                names.add(e.path("args").path("name").asText());
            }
        });
        assertEquals(List.of("T1", "T1 (2)"), names);
    }

    @Test
    void tracksAreNamedAndSortedCpusFirstThenWorkers() {
        JsonNode root = TraceEvents.toJson(traceOf(List.of(
                new Span(1, "W2", 1, SpanState.RUNNING, 0, 10_000),
                new Span(2, "W1", 0, SpanState.RUNNING, 0, 10_000),
                CpuLanes.uncertain(0, 10_000, 12_000),
                new Span(1, "W2", Span.NO_CORE, SpanState.PREEMPTED, 10_000, 20_000)),
                List.of(WorkerInfo.thread("W1"), WorkerInfo.thread("W2"))));
        java.util.Map<String, Integer> processOrder = new java.util.HashMap<>();
        java.util.Map<String, Integer> threadOrder = new java.util.HashMap<>();
        java.util.Map<String, String> threadNames = new java.util.HashMap<>();
        root.get("traceEvents").forEach(e -> {
            String key = e.get("pid").asLong() + "/" + e.get("tid").asLong();
            switch (e.get("name").asText()) {
                case "process_sort_index" -> processOrder.put(e.get("pid").asText(), e.path("args").path("sort_index").asInt());
                case "thread_sort_index" -> threadOrder.put(key, e.path("args").path("sort_index").asInt());
                case "thread_name" -> threadNames.put(key, e.path("args").path("name").asText());
                default -> { }
            }
        });
        assertEquals(0, processOrder.get("0"), "the CPUs come first");
        assertEquals(1, processOrder.get("1"), "then the CoreLanes JVM with its worker threads");
        assertEquals("CPU 0", threadNames.get("0/0"));
        assertEquals("CPU 1", threadNames.get("0/1"));
        assertTrue(threadOrder.get("0/0") < threadOrder.get("0/1"));
        assertEquals("W1", threadNames.get("1/1"));
        assertEquals("W2", threadNames.get("1/2"));
        assertTrue(threadOrder.get("1/1") < threadOrder.get("1/2"), "workers in the order they started");
        for (String track : tracks(root).keySet()) {
            assertTrue(threadNames.containsKey(track) && threadOrder.containsKey(track), "track " + track + " is named and sorted");
        }
        JsonNode uncertain = tracks(root).get("0/0").get(1);
        assertEquals("uncertain", uncertain.get("name").asText(), "an uncertain stretch is on its CPU's track");
    }
}

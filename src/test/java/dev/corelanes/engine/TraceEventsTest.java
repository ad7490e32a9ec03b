package dev.corelanes.engine;

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
}

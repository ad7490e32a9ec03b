package dev.corelanes.engine.files;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunConditions;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WaitKind;
import java.util.List;
import dev.corelanes.engine.WorkerInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corelanes.fixtures.RandomTraces;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run files written before tasks' CPU times and run conditions were recorded still open; new ones keep them. */
class RunFileCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunFileWithoutConditionsFiguresOrTaskCpuReadsAsUnknown() throws Exception {
        Trace t = new RandomTraces(51).trace();
        ObjectNode root = (ObjectNode) JSON.readTree(RunFile.toJsonString(t));
        root.remove("conditions");
        root.remove("figures");
        root.withArray("tasks").forEach(task -> ((ObjectNode) task).remove("cpuSeconds"));
        Trace old = RunFile.parse(JSON.writeValueAsString(root), "old.json");
        assertEquals(RunConditions.UNKNOWN, old.conditions());
        assertTrue(old.tasks().stream().noneMatch(TaskRecord::cpuKnown));
        assertEquals(t.wallNanos(), old.wallNanos());
    }

    @Test
    void tasksCpuTimesAndConditionsReadBackAsWritten() throws Exception {
        RandomTraces gen = new RandomTraces(52);
        for (int i = 0; i < 200; i++) {
            Trace t = gen.trace();
            Trace back = RunFile.parse(RunFile.toJsonString(t), "run.json");
            assertEquals(t.conditions(), back.conditions());
            assertEquals(t.tasks(), back.tasks());
        }
    }

    @Test
    void theFiguresWrittenSayWhatTheScreenSays() throws Exception {
        RandomTraces gen = new RandomTraces(53);
        int drifted = 0;
        for (int i = 0; i < 300; i++) {
            Trace t = gen.trace();
            RunFigures f = RunFigures.of(t);
            var figures = JSON.readTree(RunFile.toJsonString(t)).get("figures");
            assertEquals(f.hasSpeedup(), !figures.get("speedup").isNull());
            assertEquals(f.hasEfficiency(), !figures.get("efficiency").isNull());
            assertEquals(f.noSpeedupReason(), figures.get("noSpeedupReason").asText());
            assertEquals(f.drift().detected(), !figures.get("drift").isNull());
            if (f.drift().detected()) {
                drifted++;
                assertEquals(FigureText.drift(f), figures.get("drift").get("text").asText());
            }
        }
        assertTrue(drifted > 10);
    }

    @Test
    void aFileFromBeforeTheRuntimesCpuWasMeasuredDoesNotInventIt() throws Exception {
        RandomTraces gen = new RandomTraces(55);
        Trace t;
        do {
            t = gen.trace();
        } while (!RunFigures.of(t).cpuSplit().runtimeKnown());
        ObjectNode root = (ObjectNode) JSON.readTree(RunFile.toJsonString(t));
        ((ObjectNode) root.get("conditions")).remove("runtimeCpuMeasured");
        Trace old = RunFile.parse(JSON.writeValueAsString(root), "old.json");
        assertFalse(old.conditions().runtimeCpuMeasured());
        assertFalse(RunFigures.of(old).cpuSplit().runtimeKnown(), "its CPU time may be the tasks' alone");
        assertEquals(RunFigures.of(t).cpuSplit().taskSeconds(), RunFigures.of(old).cpuSplit().taskSeconds());

        ((ObjectNode) root.get("conditions")).put("runtimeCpuMeasured", "yes");
        RunFileException e = assertThrows(RunFileException.class,
                () -> RunFile.parse(JSON.writeValueAsString(root), "bad.json"));
        assertTrue(e.getMessage().contains("runtimeCpuMeasured"), e.getMessage());
    }

    @Test
    void theFiguresTellTheTasksCpuFromTheRuntimesAndTheCoresFromTasksAtATime() throws Exception {
        RandomTraces gen = new RandomTraces(56);
        for (int i = 0; i < 300; i++) {
            Trace t = gen.trace();
            RunFigures f = RunFigures.of(t);
            var figures = JSON.readTree(RunFile.toJsonString(t)).get("figures");
            RunFigures.CpuSplit c = f.cpuSplit();
            assertEquals(c.tasksKnown(), !figures.get("taskCpuSeconds").isNull());
            assertEquals(c.runtimeKnown(), !figures.get("runtimeCpuSeconds").isNull());
            if (c.runtimeKnown()) {
                assertEquals(t.cpuNanos() / 1e9, figures.get("taskCpuSeconds").asDouble()
                        + figures.get("runtimeCpuSeconds").asDouble(), 1e-9);
            }
            assertEquals(c.unknownReason(), figures.get("cpuSplitUnknownReason").asText());
            assertEquals(t.machine().usableCores(), figures.get("cores").asInt());
            assertEquals(FigureText.cores(t.machine()), figures.get("coresText").asText());
            assertEquals(f.usableCores(), figures.get("tasksAtATime").asInt());
        }
    }

    @Test
    void aLoadOutsideZeroToOneIsRefusedWithAMessage() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(RunFile.toJsonString(new RandomTraces(54).trace()));
        root.putObject("conditions").put("otherLoad", 7.5);
        RunFileException e = assertThrows(RunFileException.class,
                () -> RunFile.parse(JSON.writeValueAsString(root), "bad.json"));
        assertTrue(e.getMessage().contains("otherLoad"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void workersWithoutAThreadIdReadAsUnknownAndWithOneKeepIt() throws Exception {
        Trace t = new RandomTraces(55).trace();
        ObjectNode root = (ObjectNode) JSON.readTree(RunFile.toJsonString(t));
        root.withArray("workers").forEach(w -> ((ObjectNode) w).remove("tid"));
        root.withArray("workers").add(JSON.createObjectNode().put("name", "T99").put("tid", 4250).put("pid", 4242));
        Trace old = RunFile.parse(JSON.writeValueAsString(root), "old.json");
        assertEquals(t.workers().size() + 1, old.workers().size());
        assertTrue(old.workers().stream().filter(w -> !w.name().equals("T99")).noneMatch(WorkerInfo::tidKnown));
        WorkerInfo told = old.workers().stream().filter(w -> w.name().equals("T99")).findFirst().orElseThrow();
        assertEquals(4250, told.tid());
        assertEquals(4242, told.pid());
    }

    @Test
    void aSleepsWaitKindIsKeptAndFilesWithoutOneOpen() throws Exception {
        Trace t = new RandomTraces(56).trace();
        List<Span> spans = new java.util.ArrayList<>(t.spans());
        spans.add(new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 0, 1_000_000, WaitKind.LOCK));
        spans.add(new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 1_000_000, 2_000_000, WaitKind.IO));
        spans.add(new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 2_000_000, 3_000_000, WaitKind.TIMER));
        Trace with = new Trace(t.spec(), t.machine(), t.calibration(), t.startedAt(), t.wallNanos(), t.cpuNanos(),
                t.status(), t.message(), t.tasks(), t.workers(), spans, t.droppedSpans(), t.conditions(), t.runtime());
        String text = RunFile.toJsonString(with);
        Trace back = RunFile.parse(text, "new.json");
        assertEquals(List.of(WaitKind.LOCK, WaitKind.IO, WaitKind.TIMER), back.spans().stream()
                .map(Span::waitKind).filter(WaitKind::drawn).toList());
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        root.withArray("spans").forEach(sp -> ((ObjectNode) sp).remove("wait"));
        assertTrue(RunFile.parse(JSON.writeValueAsString(root), "old.json").spans().stream()
                .noneMatch(sp -> sp.waitKind().drawn()), "a file from before wait kinds: plain sleeps");
        ObjectNode bad = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) bad.withArray("spans").get(0)).put("wait", "dancing");
        RunFileException e = assertThrows(RunFileException.class,
                () -> RunFile.parse(JSON.writeValueAsString(bad), "bad.json"));
        assertTrue(e.getMessage().contains("wait"), e.getMessage());
    }
}

package dev.corelanes.engine.trace;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.trace.linux.PerfSwitches;
import dev.corelanes.teach.RunExplanation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real program traced on Linux: its lanes come from the kernel's switch records where this user may have them,
 * and from the sampler — said so — where the kernel refuses (the refusal injected here, whatever this machine allows).
 */
class KernelSwitchTraceTest {

    /** Two busy loops for 0.3 s, each a process of its own, then the shell ends them. */
    private static final List<String> TWO_LOOPS = List.of("sh", "-c",
            "yes >/dev/null & a=$!; yes >/dev/null & b=$!; sleep 0.3; kill $a $b; wait");

    @TempDir
    Path dir;

    @BeforeEach
    void linux() {
        assumeTrue(TraceHost.current().os().isLinux(), "kernel switch records are Linux's");
        assumeTrue(ProgramTrace.unavailableReason().isEmpty(), ProgramTrace.unavailableReason());
    }

    /** Every span heard while the program ran. */
    private static final class Heard implements TraceListener {
        final List<Span> spans = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onSpan(Span span) {
            spans.add(span);
        }
    }

    private static Trace trace(Heard heard) throws Exception {
        ProgramRun run = ProgramRun.start(new ProgramCommand(TWO_LOOPS, null), MachineInfo.fromJvm(), heard);
        return run.handle().await(120, TimeUnit.SECONDS);
    }

    @Test
    void theLanesComeFromTheKernelsSwitchRecordsWhenThisUserMayHaveThem() throws Exception {
        Heard heard = new Heard();
        Trace t = trace(heard);
        String placedBy = t.conditions().placedBy();
        assumeTrue(placedBy.startsWith("kernel switch records"), "perf_event_open refused here: " + placedBy);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());

        // Exact: never two threads on one CPU at once, so nothing is uncertain, in the run or in the live lanes.
        assertTrue(t.spans().stream().noneMatch(s -> s.state() == SpanState.UNCERTAIN), "nothing uncertain");
        assertNoOverlapPerCpu(t.spans(), "run");
        assertNoOverlapPerCpu(heard.spans, "live");
        assertTrue(heard.spans.stream().anyMatch(s -> s.state() == SpanState.RUNNING && s.hasCore()),
                "the live lanes got running spans on CPUs");

        // Each loop ran as much as the kernel's own total says (schedstat, read by the sampler, or the records where
        // they hold more: the totals' last reading is the last sweep's, before the end): the records and the totals
        // are two views of one truth, and the records draw no less than the totals counted.
        List<TaskRecord> loops = t.tasks().stream().filter(r -> r.worker().startsWith("yes [")).toList();
        assertEquals(2, loops.size(), "both loops are threads of the run: " + t.tasks());
        for (TaskRecord r : loops) {
            long drawn = t.spans().stream().filter(s -> s.worker().equals(r.worker()) && s.state() == SpanState.RUNNING)
                    .mapToLong(Span::durationNanos).sum();
            assertTrue(r.cpuNanos() > 0, r.worker() + " ran");
            assertTrue(Math.abs(drawn - r.cpuNanos()) <= r.cpuNanos() / 5 + 20_000_000L,
                    r.worker() + ": drawn running " + drawn + " ns, kernel total " + r.cpuNanos() + " ns");
        }

        // Said in the run file and in the caption under the timeline.
        Path file = dir.resolve("run.json");
        RunFile.write(t, file);
        assertEquals(placedBy, RunFile.read(file).conditions().placedBy());
        assertTrue(RunExplanation.of(t).caption().contains("Lanes placed by kernel switch records"),
                RunExplanation.of(t).caption());
    }

    @Test
    void whenTheKernelRefusesTheSamplerPlacesTheLanesAndTheRunSaysSo() throws Exception {
        Heard heard = new Heard();
        Trace t;
        try (AutoCloseable refused = KernelSwitches.use((tid, log) -> {
            throw new PerfSwitches.Refused(PerfSwitches.refusalFor(13));
        })) {
            t = trace(heard);
        }
        String placedBy = t.conditions().placedBy();
        assertTrue(placedBy.startsWith("sampled /proc every "), placedBy);
        assertTrue(placedBy.contains("kernel.perf_event_paranoid"), "the reason is said: " + placedBy);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.RUNNING && s.hasCore()),
                "the sampler still places running spans on CPUs");
        assertFalse(heard.spans.isEmpty(), "the live lanes are the sampler's");
        Path file = dir.resolve("sampled.json");
        RunFile.write(t, file);
        assertEquals(placedBy, RunFile.read(file).conditions().placedBy());
        assertTrue(RunExplanation.of(t).caption().contains("Lanes placed by sampled /proc every "),
                RunExplanation.of(t).caption());
    }

    @Test
    void aCancelledTraceLeavesNoEventOpenAndNoBufferMapped() throws Exception {
        assumeTrue(perfEventsHeld() == 0, "another perf event is open in this JVM already");
        ProgramRun run = ProgramRun.start(new ProgramCommand(List.of("sh", "-c", "yes >/dev/null"), null),
                MachineInfo.fromJvm(), new TraceListener() { });
        // Held until the first sweep, then opened: they are there while it runs …
        int open = perfEventsHeld();
        run.handle().cancel();
        Trace t = run.handle().await(120, TimeUnit.SECONDS);
        assumeTrue(t.conditions().placedBy().startsWith("kernel switch records"),
                "perf_event_open refused here: " + t.conditions().placedBy());
        assertTrue(open > 0, "the events were open while the program ran");
        // … and gone once the run has ended: every event closed, every buffer unmapped.
        assertEquals(0, perfEventsHeld(), "perf event descriptors or mappings left");
    }

    /** How many perf event descriptors and mappings this JVM holds (both show as anon_inode:[perf_event]). */
    private static int perfEventsHeld() throws java.io.IOException {
        int n = 0;
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (java.nio.file.Files.readSymbolicLink(fd).toString().contains("[perf_event]")) {
                        n++;
                    }
                } catch (java.io.IOException e) {
                    // closed while listed
                }
            }
        }
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.contains("[perf_event]")) {
                n++;
            }
        }
        return n;
    }

    private static void assertNoOverlapPerCpu(List<Span> spans, String what) {
        Map<Integer, List<Span>> byCpu = spans.stream().filter(s -> s.state() == SpanState.RUNNING && s.hasCore())
                .collect(Collectors.groupingBy(Span::core));
        for (Map.Entry<Integer, List<Span>> e : byCpu.entrySet()) {
            List<Span> on = new ArrayList<>(e.getValue());
            on.sort(Comparator.comparingLong(Span::startNanos));
            for (int i = 1; i < on.size(); i++) {
                Span a = on.get(i - 1);
                Span b = on.get(i);
                assertTrue(b.startNanos() >= a.endNanos() || a.worker().equals(b.worker()),
                        what + ": CPU " + e.getKey() + " shows " + a + " and " + b + " at once");
            }
        }
    }
}

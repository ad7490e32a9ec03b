package dev.corelanes.view;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WaitKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one run, indexed for drawing: per logical CPU (running spans with a known core), and per
 * worker lane, where workers are numbered by their name ({@code T7} → 7) so a lane never moves while a run
 * is live. When there are more workers than lanes fit, lane {@code i} holds workers {@code i+1},
 * {@code i+1+k}, … ("packed"): the packed tracks are built once per lane count and then kept up to date.
 *
 * <p>Spans still going on ("open") are kept apart and drawn up to now. Not thread-safe: the UI thread (or
 * a benchmark) owns it; engine threads reach it only through a {@link LiveFeed}.
 */
public final class TimelineModel {

    private final ExperimentSpec spec;
    private final MachineInfo machine;
    private final LoadSeries loads;
    private final List<Span> all = new ArrayList<>();
    private SpanTrack[] cores = new SpanTrack[0];
    private final Map<Integer, Span> open = new LinkedHashMap<>();
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private int maxOrdinal;
    private int unknownCoreSpans;
    private long lastTime;
    private String message = "";
    private Packed offCpu;
    private Packed workers;
    /** The wait kinds drawn among the spans so far (a traced program's sleeps), for the legend. */
    private final java.util.EnumSet<WaitKind> waitKinds = java.util.EnumSet.noneOf(WaitKind.class);

    /** Lanes built for one lane count; {@code offCpuOnly} keeps only the spans that occupy no core. */
    private record Packed(int lanes, boolean offCpuOnly, SpanTrack[] tracks) {
    }

    public TimelineModel(ExperimentSpec spec, MachineInfo machine, LoadSeries loads) {
        this.spec = spec;
        this.machine = machine;
        this.loads = loads == null ? new LoadSeries() : loads;
        ensureCore(Math.max(1, machine.logicalCores()) - 1);
    }

    /** A finished run, ready to draw. */
    public static TimelineModel of(Trace trace, LoadSeries loads) {
        TimelineModel m = new TimelineModel(trace.spec(), trace.machine(), loads);
        m.addAll(trace.spans());
        m.lastTime = Math.max(m.lastTime, trace.wallNanos());
        m.message = trace.message();
        return m;
    }

    /** The wait kinds (lock, I/O, timer) some finished sleep of this run waited on, in their order. */
    public java.util.Set<WaitKind> waitKinds() {
        return java.util.Collections.unmodifiableSet(waitKinds);
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public MachineInfo machine() {
        return machine;
    }

    public LoadSeries loads() {
        return loads;
    }

    /** A line the view shows over the lanes (why a run failed, for instance); empty for none. */
    public String message() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message == null ? "" : message;
    }

    public void addAll(Collection<Span> spans) {
        for (Span s : spans) {
            add(s);
        }
    }

    /** A finished span: it replaces the open span of the same task (as the engine's sink does). */
    public void add(Span s) {
        open.computeIfPresent(openKey(s), (k, o) -> o.startNanos() <= s.startNanos() ? null : o);
        all.add(s);
        lastTime = Math.max(lastTime, s.endNanos());
        if (s.waitKind().drawn()) {
            waitKinds.add(s.waitKind());
        }
        if (s.state() == SpanState.RUNNING) {
            if (s.hasCore()) {
                ensureCore(s.core());
                cores[s.core()].add(s);
            } else {
                unknownCoreSpans++;
            }
        }
        if (s.state() == SpanState.UNCERTAIN) {
            // A stretch of one core claimed by no task: drawn on that core's lane only.
            if (s.hasCore()) {
                ensureCore(s.core());
                cores[s.core()].add(s);
            }
            return;
        }
        int ordinal = ordinal(s.worker());
        if (offCpu != null && isOffCpu(s)) {
            offCpu.tracks[(ordinal - 1) % offCpu.lanes].add(s);
        }
        if (workers != null) {
            workers.tracks[(ordinal - 1) % workers.lanes].add(s);
        }
    }

    /**
     * Workers the run will have, named before their first span ({@code T1}, {@code T2} …): their lanes are there
     * from the start, so the window lays them out before the run's clock starts rather than as the tasks begin.
     */
    public void expect(List<String> workers) {
        for (String w : workers) {
            ordinal(w);
        }
    }

    /** A span that has begun and goes on: drawn up to now until its end is reported. */
    public void opened(Span s) {
        open.put(openKey(s), s);
        ordinal(s.worker());
        lastTime = Math.max(lastTime, s.startNanos());
    }

    private static int openKey(Span s) {
        return s.task() != Span.NO_TASK ? s.task() : -Math.abs(s.worker().hashCode()) - 1;
    }

    /** Spans that occupy no core: sleeping, waiting, preempted, spawning. */
    public static boolean isOffCpu(Span s) {
        return s.state() != SpanState.RUNNING && s.state() != SpanState.UNCERTAIN;
    }

    private void ensureCore(int core) {
        if (core >= cores.length) {
            int old = cores.length;
            cores = java.util.Arrays.copyOf(cores, core + 1);
            for (int i = old; i <= core; i++) {
                cores[i] = new SpanTrack();
            }
        }
    }

    /** Workers are numbered by the digits their name ends with; others in order of appearance. */
    public int ordinal(String worker) {
        Integer o = ordinals.get(worker);
        if (o == null) {
            o = parseOrdinal(worker);
            if (o <= 0 || names.containsKey(o)) {
                o = Math.max(maxOrdinal, names.size()) + 1;
                while (names.containsKey(o)) {
                    o++;
                }
            }
            ordinals.put(worker, o);
            names.put(o, worker);
            maxOrdinal = Math.max(maxOrdinal, o);
        }
        return o;
    }

    private static int parseOrdinal(String name) {
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
            i--;
        }
        if (i == name.length() || name.length() - i > 9) {
            return -1;
        }
        return Integer.parseInt(name.substring(i));
    }

    /** Highest worker number seen: the number of worker lanes when nothing is packed. */
    public int workerCount() {
        return maxOrdinal;
    }

    /** The worker of number {@code ordinal}, or "" if none has it (yet). */
    public String workerName(int ordinal) {
        return names.getOrDefault(ordinal, "");
    }

    public int coreCount() {
        return cores.length;
    }

    public SpanTrack core(int core) {
        return cores[core];
    }

    /** The off-CPU tracks for {@code lanes} lanes (built on first use for that count). */
    public SpanTrack[] offCpuLanes(int lanes) {
        if (offCpu == null || offCpu.lanes != lanes) {
            offCpu = pack(lanes, true);
        }
        return offCpu.tracks;
    }

    /** The per-worker tracks for {@code lanes} lanes, all states. */
    public SpanTrack[] workerLanes(int lanes) {
        if (workers == null || workers.lanes != lanes) {
            workers = pack(lanes, false);
        }
        return workers.tracks;
    }

    private Packed pack(int lanes, boolean offCpuOnly) {
        SpanTrack[] tracks = new SpanTrack[Math.max(1, lanes)];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new SpanTrack();
        }
        for (Span s : all) {
            if (s.state() != SpanState.UNCERTAIN && (!offCpuOnly || isOffCpu(s))) {
                tracks[(ordinal(s.worker()) - 1) % tracks.length].add(s);
            }
        }
        return new Packed(tracks.length, offCpuOnly, tracks);
    }

    public Collection<Span> openSpans() {
        return open.values();
    }

    /** Every finished span, in arrival order. */
    public List<Span> spans() {
        return java.util.Collections.unmodifiableList(all);
    }

    public int size() {
        return all.size();
    }

    /** True when some running span's core could not be read: the per-core view cannot place it. */
    public boolean coreUnknown() {
        return unknownCoreSpans > 0 || open.values().stream().anyMatch(s -> s.state() == SpanState.RUNNING && !s.hasCore());
    }

    /** The latest time any span reached. */
    public long lastNanos() {
        return lastTime;
    }

    /** Processes are drawn outlined and hatched, threads solid. */
    public boolean processBased() {
        return spec != null && spec.mode().processBased();
    }
}

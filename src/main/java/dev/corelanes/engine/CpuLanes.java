package dev.corelanes.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that decides which task a core ran when: a CPU runs one thread at a time, so the per-core
 * lanes never show two tasks at once.
 *
 * <p>{@link #resolve} rebuilds the running spans from the core samples of every task together. A sample
 * proves its task was on that core at that instant; the period of work before a sample is placed before
 * it, but never before the previous sample on the same core (whoever took it) nor before the task's own
 * previous sample. Where the samples of another task fall between two samples of a task on one core, the
 * task was off that core then (a preemption too short for its own samples to show), and its span is cut
 * there. A preemption the task saw itself ({@link CoreSample.Kind#OFF} then {@link CoreSample.Kind#ON}) is
 * placed exactly: the run ends at the reading before it, starts again at the reading after, and the task runs
 * on no core in between. Where a core changed hands and the samples cannot say exactly when, the stretch between one
 * task's last sample and the other's work is {@link SpanState#UNCERTAIN}: visible, claimed by nobody
 * (task {@link Span#NO_TASK}, no worker).
 *
 * <p>{@link #separate} is the guard for spans that came without samples (an older run file, a task whose
 * samples were lost): wherever two tasks' running spans overlap on one core, the overlap becomes
 * uncertain. Every {@link Trace} passes through it.
 */
public final class CpuLanes {

    private CpuLanes() {
    }

    // ------------------------------------------------------------------------------------ from samples

    /** One sample with what the lanes need to know about it. */
    private static final class Point {
        final int task;
        final String worker;
        final long period;
        long t;
        final int core;
        final CoreSample.Kind kind;
        long prevOwn = Long.MIN_VALUE; // the task's previous sample time (any core)
        long nextOwn = Long.MAX_VALUE; // the task's next sample time (any core)
        int run;                       // consecutive samples of one task on one core, no own gap or pause between

        Point(SampleBatch b, CoreSample s) {
            this.task = b.task();
            this.worker = b.worker();
            this.period = b.periodNanos();
            this.t = s.nanos();
            this.core = s.core();
            this.kind = s.kind();
        }
    }

    /** Consecutive samples of one run on one core with no other task's sample between them. */
    private record Piece(Point first, Point last, long start) {
    }

    /**
     * The spans of a run with the running (and preempted) spans of every task that has samples rebuilt
     * from the samples; the spans of other tasks and other states are kept. The result never has two
     * tasks running on one core at once.
     */
    public static List<Span> resolve(List<Span> spans, List<SampleBatch> batches) {
        Map<Integer, List<SampleBatch>> byTask = new TreeMap<>();
        for (SampleBatch b : batches) {
            byTask.computeIfAbsent(b.task(), k -> new ArrayList<>()).add(b);
        }
        List<Point> points = new ArrayList<>();
        List<List<Point>> owns = new ArrayList<>();
        int runs = 0;
        for (Map.Entry<Integer, List<SampleBatch>> e : byTask.entrySet()) {
            List<Point> own = new ArrayList<>();
            boolean coreKnown = true;
            for (SampleBatch b : e.getValue()) {
                for (CoreSample s : b.samples()) {
                    coreKnown &= s.core() != Span.NO_CORE;
                    own.add(new Point(b, s));
                }
            }
            if (!coreKnown || own.isEmpty()) {
                continue; // nothing to place on a core: the sampler's spans stay as they are
            }
            own.sort(Comparator.comparingLong(p -> p.t)); // stable: a task's batches arrive in order
            for (int i = 0; i + 1 < own.size(); i++) {
                own.get(i).nextOwn = own.get(i + 1).t;
            }
            owns.add(own);
            points.addAll(own);
        }
        // The samples of every task by core: where resumes give way to readings, then where runs are cut.
        Map<Integer, List<Point>> byCore = new TreeMap<>();
        for (Point p : points) {
            byCore.computeIfAbsent(p.core, k -> new ArrayList<>()).add(p);
        }
        resumesYieldToReadings(byCore);
        for (List<Point> own : owns) {
            Point prev = null;
            for (Point q : own) {
                boolean newRun = prev == null || startsRun(q.kind) || endsRun(prev.kind)
                        || q.core != prev.core || q.t - prev.t > CoreSampler.defaultGap(q.period);
                q.run = newRun ? ++runs : runs;
                q.prevOwn = prev == null ? Long.MIN_VALUE : prev.t;
                prev = q;
            }
        }

        // A task's sampler spans up to its last sample are rebuilt; any after it (a worker that died before
        // sending its last samples) are kept as they are, and separate() keeps them from overlapping.
        Map<Integer, Long> lastSample = new HashMap<>();
        for (Point p : points) {
            lastSample.merge(p.task, p.t, Math::max);
        }
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            Long last = lastSample.get(s.task());
            boolean rebuilt = last != null && s.startNanos() <= last
                    && (s.state() == SpanState.RUNNING || s.state() == SpanState.PREEMPTED || s.state() == SpanState.UNCERTAIN);
            if (!rebuilt) {
                out.add(s);
            }
        }

        // Per core: split runs where another task's samples fall between, place the work before each piece.
        Map<Integer, List<Piece>> piecesByTask = new TreeMap<>();
        for (Map.Entry<Integer, List<Point>> e : byCore.entrySet()) {
            List<Point> onCore = e.getValue();
            onCore.sort(Comparator.<Point>comparingLong(p -> p.t).thenComparingInt(p -> p.task));
            Piece prevPiece = null;
            int i = 0;
            while (i < onCore.size()) {
                Point first = onCore.get(i);
                int j = i;
                while (j + 1 < onCore.size() && onCore.get(j + 1).run == first.run) {
                    j++;
                }
                Point last = onCore.get(j);
                long prevLast = prevPiece == null ? Long.MIN_VALUE : prevPiece.last().t;
                long start = startsRun(first.kind) ? first.t
                        : Math.max(first.t - first.period, Math.max(prevLast, first.prevOwn));
                Piece piece = new Piece(first, last, start);
                out.add(new Span(first.task, first.worker, e.getKey(), SpanState.RUNNING, start, last.t));
                if (prevPiece != null && prevPiece.first().task != first.task && start > prevLast
                        && start - prevLast <= CoreSampler.defaultGap(first.period)
                        && !toldHandOver(prevPiece.last().kind, first.kind)) {
                    out.add(uncertain(e.getKey(), prevLast, start));
                }
                piecesByTask.computeIfAbsent(first.task, k -> new ArrayList<>()).add(piece);
                prevPiece = piece;
                i = j + 1;
            }
        }

        // Per task: off the CPU between pieces while it wanted to run.
        for (List<Piece> pieces : piecesByTask.values()) {
            pieces.sort(Comparator.comparingLong(p -> p.first().t));
            for (int k = 1; k < pieces.size(); k++) {
                Piece a = pieces.get(k - 1);
                Piece b = pieces.get(k);
                boolean wanted = b.first().kind != CoreSample.Kind.BEGIN && a.last().kind != CoreSample.Kind.END;
                boolean proven = a.first().run == b.first().run; // another task's samples cut one run
                boolean longGap = b.first().t - a.last().t > CoreSampler.defaultGap(b.first().period);
                boolean told = a.last().kind == CoreSample.Kind.OFF || b.first().kind == CoreSample.Kind.ON;
                if (wanted && b.start() > a.last().t && (proven || longGap || told)) {
                    out.add(new Span(b.first().task, b.first().worker, Span.NO_CORE, SpanState.PREEMPTED,
                            a.last().t, b.start()));
                }
            }
        }
        out.sort(Comparator.comparingLong(Span::startNanos));
        return out;
    }

    /**
     * How far a task's {@link CoreSample.Kind#ON} may come before another task's reading on the same core and still
     * give way to it. An ON's time is an estimate (the reading after the gap, less the CPU time the thread had in
     * the gap's stretch: {@code OffCpuWatch.resumeAt}), a reading is a fact: the other task was on that core then.
     * Where the two crossed, the run before the crossing was cut at the other task's last sample before it (up to a
     * millisecond earlier) and the core drawn uncertain in between. Held against the kernel's switch records (3
     * worker JVMs on 2 CPUs, 34 run files), those crossings made 574 of the 611 ms of uncertain stretches; the other
     * task's reading came a median 12 µs after the ON, 92 µs at the 90th percentile, 172 µs at the 95th: about the
     * gap threshold of a compute loop's clock readings, which this is.
     */
    static final long RESUME_SLACK_NANOS = 200_000;

    /**
     * Every {@link CoreSample.Kind#ON} that another task's reading on the same core follows within
     * {@link #RESUME_SLACK_NANOS} moves to just after that reading (never past the task's own next sample): the
     * hand-over is then told by both sides and placed there, instead of an uncertain stretch back to the other
     * task's last sample.
     */
    private static void resumesYieldToReadings(Map<Integer, List<Point>> byCore) {
        for (List<Point> onCore : byCore.values()) {
            onCore.sort(Comparator.comparingLong(p -> p.t));
            for (int i = 0; i < onCore.size(); i++) {
                Point on = onCore.get(i);
                if (on.kind != CoreSample.Kind.ON) {
                    continue;
                }
                long latest = Long.MIN_VALUE;
                for (int j = i + 1; j < onCore.size() && onCore.get(j).t - on.t <= RESUME_SLACK_NANOS; j++) {
                    Point other = onCore.get(j);
                    if (other.task == on.task) {
                        break;
                    }
                    if (!startsRun(other.kind)) {
                        latest = other.t;
                    }
                }
                if (latest != Long.MIN_VALUE && latest < on.nextOwn) {
                    on.t = latest + 1;
                }
            }
        }
    }

    /** The sample starts a run with no work before it: the task's start, back from a GIL wait or a preemption. */
    private static boolean startsRun(CoreSample.Kind kind) {
        return kind == CoreSample.Kind.BEGIN || kind == CoreSample.Kind.ON;
    }

    /** The sample ends a run: the task stopped, or was preempted, right after it. */
    private static boolean endsRun(CoreSample.Kind kind) {
        return kind == CoreSample.Kind.END || kind == CoreSample.Kind.OFF;
    }

    /**
     * True when both ends of a hand-over between two tasks on one core are readings, one of them a preemption a
     * task saw itself: the first stopped right after its last reading, the second started right at its first, so
     * the stretch between ran neither (another program, or nothing) rather than an unknown one of the two.
     */
    private static boolean toldHandOver(CoreSample.Kind before, CoreSample.Kind after) {
        return endsRun(before) && startsRun(after) && (before == CoreSample.Kind.OFF || after == CoreSample.Kind.ON);
    }

    /** A stretch of {@code core} claimed by no task: it changed hands there, exactly when is unknown. */
    public static Span uncertain(int core, long start, long end) {
        return new Span(Span.NO_TASK, "", core, SpanState.UNCERTAIN, start, end);
    }

    // ------------------------------------------------------------------------------------ from spans only

    /** True when the two spans share a stretch of time of positive length. */
    public static boolean overlap(Span a, Span b) {
        return Math.max(a.startNanos(), b.startNanos()) < Math.min(a.endNanos(), b.endNanos());
    }

    private static boolean onCoreLane(Span s) {
        return s.hasCore() && (s.state() == SpanState.RUNNING || s.state() == SpanState.UNCERTAIN);
    }

    /**
     * The spans with every overlap on a core lane (running or uncertain, of positive length) turned into
     * one uncertain stretch: afterwards at most one task runs on a core at any instant. Spans that do not
     * overlap come back unchanged (the same objects), so a clean trace passes through untouched.
     */
    public static List<Span> separate(List<Span> spans) {
        Map<Integer, List<Span>> byCore = new HashMap<>();
        for (Span s : spans) {
            if (onCoreLane(s) && s.durationNanos() > 0) {
                byCore.computeIfAbsent(s.core(), k -> new ArrayList<>()).add(s);
            }
        }
        Map<Span, List<Span>> replaced = new IdentityHashMap<>();
        Map<Integer, List<Span>> added = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Span>> e : byCore.entrySet()) {
            List<Span> lane = e.getValue();
            lane.sort(Comparator.comparingLong(Span::startNanos));
            if (!anyOverlap(lane)) {
                continue;
            }
            for (Span s : lane) {
                replaced.put(s, List.of());
            }
            added.put(e.getKey(), sweep(lane));
        }
        if (replaced.isEmpty()) {
            return spans;
        }
        List<Span> out = new ArrayList<>(spans.size());
        for (Span s : spans) {
            if (!replaced.containsKey(s)) {
                out.add(s);
            }
        }
        added.values().forEach(out::addAll);
        out.sort(Comparator.comparingLong(Span::startNanos));
        return out;
    }

    private static boolean anyOverlap(List<Span> sorted) {
        long maxEnd = Long.MIN_VALUE;
        for (Span s : sorted) {
            if (s.startNanos() < maxEnd) {
                return true;
            }
            maxEnd = Math.max(maxEnd, s.endNanos());
        }
        return false;
    }

    /**
     * One core's lane, cut at every start and end: each stretch goes to its one runner, or is uncertain.
     * {@code lane} is sorted by start. The spans covering a stretch are kept as index sets (index = start
     * order), so a crafted file with hundreds of thousands of spans stacked on one CPU costs n log n, not n².
     */
    private static List<Span> sweep(List<Span> lane) {
        int n = lane.size();
        Integer[] byEnd = new Integer[n];
        for (int i = 0; i < n; i++) {
            byEnd[i] = i;
        }
        java.util.Arrays.sort(byEnd, Comparator.comparingLong(i -> lane.get(i).endNanos()));
        long[] cuts = new long[2 * n];
        for (int i = 0; i < n; i++) {
            cuts[2 * i] = lane.get(i).startNanos();
            cuts[2 * i + 1] = lane.get(i).endNanos();
        }
        java.util.Arrays.sort(cuts);
        java.util.TreeSet<Integer> running = new java.util.TreeSet<>();  // active running spans, by start order
        java.util.TreeSet<Integer> others = new java.util.TreeSet<>();   // active spans in any other state
        List<Span> out = new ArrayList<>();
        int next = 0;
        int ended = 0;
        Span pieceOf = null;   // the span the open output piece stands for
        SpanState pieceState = null;
        long pieceStart = 0;
        boolean first = true;
        long prevCut = 0;
        for (int k = 0; k < cuts.length; k++) {
            long cut = cuts[k];
            if (k > 0 && cut == cuts[k - 1]) {
                continue;
            }
            if (!first) {
                // The stretch [prevCut, cut] is covered by exactly the active spans.
                Span owner = null;
                SpanState state = null;
                if (running.size() == 1) {
                    owner = lane.get(running.first());
                    state = SpanState.RUNNING;
                } else if (running.size() > 1) {
                    owner = lane.get(running.last()); // the latest to start
                    state = SpanState.UNCERTAIN;
                } else if (!others.isEmpty()) {
                    owner = lane.get(others.first());
                    state = SpanState.UNCERTAIN;
                }
                if (pieceOf != null && (owner != pieceOf || state != pieceState)) {
                    out.add(piece(pieceOf, pieceState, pieceStart, prevCut));
                    pieceOf = null;
                }
                if (owner != null && pieceOf == null) {
                    pieceOf = owner;
                    pieceState = state;
                    pieceStart = prevCut;
                }
            }
            while (ended < n && lane.get(byEnd[ended]).endNanos() <= cut) {
                int i = byEnd[ended++];
                running.remove(i);
                others.remove(i);
            }
            while (next < n && lane.get(next).startNanos() == cut) {
                Span s = lane.get(next);
                if (s.endNanos() > cut) { // an empty span covers no stretch
                    (s.state() == SpanState.RUNNING ? running : others).add(next);
                }
                next++;
            }
            prevCut = cut;
            first = false;
        }
        if (pieceOf != null) {
            out.add(piece(pieceOf, pieceState, pieceStart, prevCut));
        }
        return out;
    }

    private static Span piece(Span of, SpanState state, long start, long end) {
        return state == SpanState.UNCERTAIN ? uncertain(of.core(), start, end)
                : new Span(of.task(), of.worker(), of.core(), state, start, end, of.waitKind());
    }
}

package dev.corelanes.teach;

import dev.corelanes.engine.Baselines;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Overlap;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The lesson card, written from what the lesson's steps measured: the question, each step's figures (the
 * same {@link RunFigures} as everywhere else), what the comparison showed — which step was faster, by how
 * much, and why (the GIL, spawn cost, oversubscription, other programs' load, one core) — and, plainly,
 * when this run did not show the lesson's claim and the likely cause. The window's card and
 * {@code corelanes lesson} print this one text.
 *
 * @param lesson   the lesson
 * @param steps    one line per step that has run: its figures
 * @param findings one paragraph per claim checked, in the lesson's order
 * @param notes    the busy-machine warning of any step
 * @param shown    true when every claim was checked and the runs showed it
 * @param complete true when every step has run (or was skipped, with its reason)
 * @param checked  true when a claim was checked (a step of the student's own code is reported, never checked)
 */
public record LessonReport(Lesson lesson, List<String> steps, List<String> findings, List<String> notes,
                           boolean shown, boolean complete, boolean checked) {

    /** Two walls within this factor of each other are "about the same". */
    public static final double SIMILAR = 1.25;
    /** A run within this efficiency of its ideal is "close to ideal". */
    public static final double NEAR_IDEAL = 0.8;
    /** A step this much faster than another is faster at all (below it: timer noise and start-up). */
    static final double FASTER_AT_ALL = 1.05;

    public LessonReport {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /**
     * The report of {@code lesson} from its steps' runs so far, in the lesson's order ({@code runs} may be
     * shorter than the lesson's steps while it is being given; a null entry is a step not run yet).
     */
    public static LessonReport of(Lesson lesson, List<Trace> runs) {
        return of(lesson, runs, java.util.Map.of());
    }

    /**
     * The report of {@code lesson} from its steps' runs so far, {@code skipped} naming the steps that could not run
     * here and why (the student's own code where this system cannot trace a program): the rest of the lesson is
     * reported and checked without them, and the card says why each is missing.
     */
    public static LessonReport of(Lesson lesson, List<Trace> runs, java.util.Map<Integer, String> skipped) {
        List<Trace> t = new ArrayList<>(runs);
        while (t.size() < lesson.steps().size()) {
            t.add(null);
        }
        List<String> names = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            Trace r = t.get(i);
            names.add(name(lesson, i, r));
            if (r != null) {
                lines.add(stepLine(lesson, i, r));
            } else if (skipped.containsKey(i)) {
                lines.add(cap(names.get(i)) + ": skipped — " + skipped.get(i));
            }
        }
        boolean complete = true;
        for (int i = 0; i < t.size(); i++) {
            complete &= t.get(i) != null || skipped.containsKey(i);
        }
        List<String> findings = new ArrayList<>();
        boolean shown = complete;
        boolean checked = false;
        if (complete) {
            for (LessonClaim c : lesson.claims()) {
                Finding f = skippedFinding(c, names, skipped);
                if (f == null) {
                    f = check(c, t, names);
                }
                findings.add(f.text());
                if (c.checks()) {
                    shown &= f.shown();
                    checked = true;
                }
            }
        }
        List<Trace> measured = new ArrayList<>();
        List<String> measuredNames = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i) != null) {
                measured.add(t.get(i));
                measuredNames.add(names.get(i));
            }
        }
        ComparisonNotes notes = ComparisonNotes.of(measured, measuredNames);
        return new LessonReport(lesson, lines, findings, notes.notes(), shown && checked, complete, checked);
    }

    /** "step 2 (your program)" for the student's own code, else "step 1 (threads in CPython 3.12.3)". */
    private static String name(Lesson lesson, int i, Trace r) {
        if (lesson.ownCode(i)) {
            return "step " + (i + 1) + " (your program" + (r == null || r.runtime().interpreter().isBlank() ? ""
                    : ", " + FigureText.shortCommand(r.runtime().interpreter())) + ")";
        }
        return r == null ? "step " + (i + 1) : StepNames.step(i, r);
    }

    /** The finding of a claim on a step that was skipped, or null when all its steps ran. */
    private static Finding skippedFinding(LessonClaim c, List<String> names, java.util.Map<Integer, String> skipped) {
        for (int i : c.steps()) {
            if (skipped.containsKey(i)) {
                return new Finding(cap(names.get(i)) + " was skipped (" + skipped.get(i) + ")"
                        + (c.checks() ? ", so this claim could not be checked." : "."), false);
            }
        }
        return null;
    }

    /** A step's line: {@link #stepLine(int, Trace)}, or for the student's own program what its trace measured. */
    static String stepLine(Lesson lesson, int i, Trace t) {
        if (!lesson.ownCode(i)) {
            return stepLine(i, t);
        }
        String head = cap(name(lesson, i, t)) + ": ";
        if (t.status() != TaskStatus.COMPLETED) {
            return head + t.status().id() + (t.message().isEmpty() ? "" : " (" + t.message() + ")");
        }
        Overlap o = RunFigures.overlap(t);
        return head + FigureText.seconds(t.wallSeconds()) + " · CPU " + FigureText.seconds(t.cpuSeconds()) + " · "
                + threadsAndProcesses(o) + " · on two or more CPUs at once " + FigureText.nanos(o.parallelNanos())
                + " (" + FigureText.percent(Overlap.share(o.parallelNanos(), t.wallNanos())) + ")";
    }

    /** "5 threads in 3 processes", "1 thread in 1 process". */
    private static String threadsAndProcesses(Overlap o) {
        return MachineInfo.count(o.threads(), "thread") + " in " + o.processes()
                + (o.processes() == 1 ? " process" : " processes");
    }

    /**
     * What the student's own program measured, as it is: nothing was claimed of it, so nothing is judged; a run
     * that failed says so with its cause, never as a result.
     */
    private static Finding ownProgram(Trace t, String name) {
        if (t.status() != TaskStatus.COMPLETED) {
            return new Finding(cap(name) + " " + t.status().id() + (t.message().isEmpty() ? "" : " (" + t.message()
                    + ")") + ": nothing it did is reported as a result. Fix or restore the file and run the lesson "
                    + "again.", false);
        }
        Overlap o = RunFigures.overlap(t);
        return new Finding(cap(name) + " took " + FigureText.seconds(
                t.wallSeconds()) + " with " + threadsAndProcesses(o) + " and " + FigureText.seconds(t.cpuSeconds())
                + " of CPU: " + FigureText.overlap(o, t.wallNanos()) + ".", true);
    }

    /** "Step 1 (sequential): 2.01 s · ideal 2.00 s · ×1.00 vs sequential · efficiency 99 %". */
    static String stepLine(int i, Trace t) {
        RunFigures f = RunFigures.of(t);
        String name = StepNames.step(i, t);
        String head = Character.toUpperCase(name.charAt(0)) + name.substring(1) + ": ";
        if (t.status() != TaskStatus.COMPLETED) {
            return head + t.status().id() + (t.message().isEmpty() ? "" : " (" + t.message() + ")");
        }
        return head + FigureText.seconds(f.wallSeconds()) + " · ideal " + FigureText.seconds(f.idealSeconds())
                + " · speedup " + FigureText.speedup(f) + " · efficiency " + FigureText.efficiency(f)
                + (t.conditions().loadKnown() ? " · other programs " + FigureText.percent(t.conditions().otherLoad())
                : "");
    }

    private record Finding(String text, boolean shown) {
    }

    private static Finding check(LessonClaim c, List<Trace> t, List<String> names) {
        if (c instanceof LessonClaim.OwnProgram o) {
            return ownProgram(t.get(o.step()), names.get(o.step()));
        }
        for (int i : c.steps()) {
            if (t.get(i).status() != TaskStatus.COMPLETED || t.get(i).wallNanos() <= 0) {
                return new Finding(cap(names.get(i)) + " " + t.get(i).status().id()
                        + ", so this claim could not be checked: run the lesson again.", false);
            }
        }
        return switch (c) {
            case LessonClaim.Faster f -> faster(t.get(f.slower()), names.get(f.slower()), t.get(f.faster()),
                    names.get(f.faster()));
            case LessonClaim.Similar s -> similar(t.get(s.a()), names.get(s.a()), t.get(s.b()), names.get(s.b()));
            case LessonClaim.NearIdeal n -> nearIdeal(t.get(n.step()), names.get(n.step()));
            case LessonClaim.OwnProgram o -> ownProgram(t.get(o.step()), names.get(o.step()));
        };
    }

    /** "Step 2 (threads) took 1.02 s, step 1 (sequential) 2.01 s". */
    private static String walls(Trace first, String firstName, Trace second, String secondName) {
        return cap(firstName) + " took " + FigureText.seconds(first.wallSeconds()) + ", " + secondName + " "
                + FigureText.seconds(second.wallSeconds());
    }

    /** The finding of two steps measured under conditions too different to compare, or null when they compare. */
    private static Finding unfair(String walls, Trace a, String an, Trace b, String bn) {
        String why = Baselines.differentConditions(a, an, b, bn);
        return why.isEmpty() ? null : new Finding(walls + ". The two cannot be compared fairly: " + why
                + ". Run the lesson again on a quieter machine.", false);
    }

    private static Finding faster(Trace slow, String sn, Trace fast, String fn) {
        String walls = walls(fast, fn, slow, sn);
        Finding unfair = unfair(walls, slow, sn, fast, fn);
        if (unfair != null) {
            return unfair;
        }
        RunFigures fs = RunFigures.of(slow);
        RunFigures ff = RunFigures.of(fast);
        double expected = fs.idealSeconds() / ff.idealSeconds();
        double r = slow.wallSeconds() / fast.wallSeconds();
        boolean parallel = expected > 1 + 2 * (FASTER_AT_ALL - 1); // the claim is about more cores or waits
        String expectedText = FigureText.ratio(expected) + " that " + capacity(fast, ff) + " allow";
        if (parallel && r > expected * (1 + RunFigures.LIMIT_NOISE)) {
            // More than the cores explain: the slower step was slow for other reasons; no ratio past the limit.
            return new Finding(walls + ": faster, by more than the " + expectedText + ", so " + sn
                    + " was slower than its ideal " + FigureText.seconds(fs.idealSeconds()) + " for reasons of its own"
                    + cause(slow, sn, fs, "") + ".", true);
        }
        boolean shown = parallel ? r >= 1 + (expected - 1) / 2 : r >= FASTER_AT_ALL;
        if (shown) {
            // A cost saved (not more cores) is said in seconds: a ratio of walls is not a speedup to bound.
            return new Finding(walls + ": " + (parallel ? FigureText.ratio(Math.min(r, expected)) + " faster"
                    + (r >= expected * 0.9 ? ", close to the " : ", against the ") + expectedText
                    : FigureText.seconds(slow.wallSeconds() - fast.wallSeconds()) + " sooner")
                    + mechanism(slow, sn, fast, fn) + ".", true);
        }
        String how = r >= FASTER_AT_ALL ? ": only " + FigureText.ratio(r) + " faster, against the " + expectedText
                : r > 1 / FASTER_AT_ALL ? ": about the same" : ": slower, not faster";
        return new Finding(walls + how + ". This run did not show the claim. Likely cause: "
                + likelyCause(slow, sn, fast, fn) + ".", false);
    }

    private static Finding similar(Trace a, String an, Trace b, String bn) {
        String walls = walls(a, an, b, bn);
        Finding unfair = unfair(walls, a, an, b, bn);
        if (unfair != null) {
            return unfair;
        }
        double r = Math.max(a.wallSeconds(), b.wallSeconds()) / Math.min(a.wallSeconds(), b.wallSeconds());
        if (r <= SIMILAR) {
            return new Finding(walls + ": about the same, as claimed.", true);
        }
        boolean aSlower = a.wallSeconds() > b.wallSeconds();
        Trace slow = aSlower ? a : b;
        Trace fast = aSlower ? b : a;
        // Both ran with the same limits (the claim is that they match): only what differed explains a gap.
        String why = differingCause(slow, aSlower ? an : bn, fast);
        return new Finding(walls + ": " + (aSlower ? an : bn) + " took "
                + FigureText.seconds(slow.wallSeconds() - fast.wallSeconds()) + " longer, not about the same. This run "
                + "did not show the claim. Likely cause: " + why + ".", false);
    }

    private static Finding nearIdeal(Trace t, String name) {
        RunFigures f = RunFigures.of(t);
        String head = cap(name) + " took " + FigureText.seconds(f.wallSeconds()) + " against its " + FigureText.ideal(f);
        if (!f.hasEfficiency()) {
            return new Finding(head + ": no efficiency, " + f.noEfficiencyReason() + ".", false);
        }
        String why = mechanism(null, "", t, name);
        if (f.efficiency() >= NEAR_IDEAL) {
            return new Finding(head + ": efficiency " + FigureText.efficiency(f) + ", close to ideal as claimed"
                    + why + ".", true);
        }
        return new Finding(head + ": efficiency " + FigureText.efficiency(f) + ". This run did not show the claim. "
                + "Likely cause: " + cause(t, name, f, "the cause was not measured: run it again").substring(2) + ".",
                false);
    }

    /** What the claim rests on, where the runs show it: the GIL's waits, spawn cost, preemptions. */
    private static String mechanism(Trace slow, String sn, Trace fast, String fn) {
        List<String> parts = new ArrayList<>();
        if (slow != null && count(slow, SpanState.GIL_WAIT) > 0) {
            parts.add(sn + " waited for the GIL " + count(slow, SpanState.GIL_WAIT) + " times");
        }
        long preempted = count(fast, SpanState.PREEMPTED);
        if (fast.spec().kind() == TaskKind.COMPUTE && RunFigures.concurrency(fast.spec()) > RunFigures.machineCores(fast)
                && preempted > 0) {
            parts.add("the OS time-sliced " + fn + "'s " + RunFigures.concurrency(fast.spec()) + " tasks on "
                    + MachineInfo.count(RunFigures.machineCores(fast), "core") + " (" + preempted + " preemptions)");
        }
        double spawn = spawnSeconds(fast);
        if (spawn > 0) {
            parts.add("starting " + fn + "'s processes took " + FigureText.seconds(spawn));
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    /** The likeliest measured reason {@code fast} was not as much faster than {@code slow} as claimed. */
    private static String likelyCause(Trace slow, String sn, Trace fast, String fn) {
        String own = cause(fast, fn, RunFigures.of(fast), "");
        if (!own.isEmpty()) {
            return own.substring(2);
        }
        String other = cause(slow, sn, RunFigures.of(slow), "");
        return other.isEmpty() ? "none was measured (other programs' load was low and steady): run the lesson again"
                : other.substring(2);
    }

    /** What slowed {@code slow} that {@code other} did not share: load, spawn cost or drift; else "none measured". */
    private static String differingCause(Trace slow, String name, Trace other) {
        RunFigures f = RunFigures.of(slow);
        if (slow.conditions().loadKnown() && slow.conditions().otherLoad() > RunFigures.BUSY_LOAD) {
            return "other programs used " + FigureText.percent(slow.conditions().otherLoad()) + " of the CPUs during "
                    + name;
        }
        double spawn = spawnSeconds(slow);
        if (spawn > 0.2 * slow.wallSeconds() && spawnSeconds(other) < spawn / 2) {
            return "starting " + name + "'s processes took " + FigureText.seconds(spawn);
        }
        if (f.drift().detected()) {
            return FigureText.drift(f).replaceAll("\\.$", "");
        }
        return "none was measured (other programs' load was low and steady): compare the two timelines";
    }

    /** "; other programs used 74 % of the CPUs during step 2 (threads)", or {@code otherwise} ("" for none). */
    private static String cause(Trace t, String name, RunFigures f, String otherwise) {
        if (t.conditions().loadKnown() && t.conditions().otherLoad() > RunFigures.BUSY_LOAD) {
            return "; other programs used " + FigureText.percent(t.conditions().otherLoad()) + " of the CPUs during "
                    + name;
        }
        boolean compute = t.spec().kind() == TaskKind.COMPUTE;
        if (compute && f.concurrency() > 1 && f.usableCores() == 1) {
            return (t.spec().gil() || t.runtime().realGil()) && !t.spec().mode().processBased()
                    ? "; the GIL let only one of " + name + "'s threads compute at a time"
                    : "; only one core was usable for " + name;
        }
        double spawn = spawnSeconds(t);
        if (spawn > 0.2 * t.wallSeconds()) {
            return "; starting " + name + "'s processes took " + FigureText.seconds(spawn) + " of its "
                    + FigureText.seconds(t.wallSeconds());
        }
        if (f.drift().detected()) {
            return "; " + FigureText.drift(f).replaceAll("\\.$", "");
        }
        long preempted = count(t, SpanState.PREEMPTED);
        if (compute && f.concurrency() > f.machineCores() && preempted > 0) {
            return "; " + name + " had more tasks than cores, so the OS time-sliced them (" + preempted
                    + " preemptions)";
        }
        return otherwise.isEmpty() ? "" : "; " + otherwise;
    }

    /** What bounds a run's speed: "2 cores", "10 waits at a time". */
    private static String capacity(Trace t, RunFigures f) {
        return t.spec().kind() == TaskKind.SLEEP ? f.usableCores() + " waits at a time"
                : MachineInfo.count(f.usableCores(), "core");
    }

    private static double spawnSeconds(Trace t) {
        return t.spans().stream().filter(s -> s.state() == SpanState.SPAWNING).mapToLong(Span::durationNanos).max()
                .orElse(0) / 1e9;
    }

    private static long count(Trace t, SpanState state) {
        return t.spans().stream().filter(s -> s.state() == state).count();
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The verdict, once every step has run: "This run showed the claim." or that it did not. */
    public String verdict() {
        if (!complete || !checked) {
            return "";
        }
        return shown ? "This run showed the claim." : "This run did not show the whole claim; the reasons are above.";
    }

    /** The measured explanation, one paragraph: every finding, the warnings, the verdict. */
    public String explanation() {
        List<String> all = new ArrayList<>(findings);
        all.addAll(notes);
        if (!verdict().isEmpty()) {
            all.add(verdict());
        }
        return String.join(" ", all);
    }

    /** The whole card as plain text, for the command line and a handout. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(lesson.title()).append('\n');
        b.append("Question: ").append(lesson.question()).append('\n');
        b.append("Claim:    ").append(lesson.claim()).append('\n');
        b.append("Steps:\n");
        for (String s : steps) {
            b.append("  ").append(s).append('\n');
        }
        if (!findings.isEmpty()) {
            b.append("Measured:\n");
            for (String f : findings) {
                b.append("  - ").append(f).append('\n');
            }
        }
        for (String n : notes) {
            b.append("Warning:  ").append(n).append('\n');
        }
        if (!verdict().isEmpty()) {
            b.append(verdict()).append('\n');
        }
        return b.toString();
    }
}

package dev.corelanes.engine;

import dev.corelanes.engine.platform.CpuList;
import java.util.List;
import java.util.Locale;

/**
 * The one way figures are written, on screen, on slides, in exports and on the command line: "×1.80",
 * "44 %", "0.302 s". A figure that does not exist is a dash with its reason, never a number.
 */
public final class FigureText {

    public static final String DASH = "—";

    private FigureText() {
    }

    /**
     * Seconds with three significant digits in a unit that suits their size: "877 µs", "1.16 ms",
     * "45.6 ms", "0.302 s", "2.00 s", "12.40 s", "250 s". Every duration on screen, on slides, in exports and on
     * the command line goes through here, whatever runtime measured it: the same nanoseconds always read the
     * same (a Python run's 1.16 ms was once "0.001 s" beside a Java run's "877 µs").
     */
    public static String seconds(double s) {
        if (Double.isNaN(s)) {
            return DASH;
        }
        return s == 0 ? "0 s" : at(s, step(s));
    }

    /** {@link #seconds} of nanoseconds. */
    public static String nanos(long n) {
        return seconds(n / 1e9);
    }

    /**
     * A clock counting a run: always three decimals ("1.139 s"), so the digits do not jump between units or
     * widths while they count. Only the big wall-time digits use it; every other duration is {@link #seconds}.
     */
    public static String clock(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /**
     * The difference {@code to − from} as the two figures read: each is rounded as {@link #seconds} shows it,
     * then subtracted, and the result written at the coarser of their two precisions. Predicted 1.50 s against
     * measured 2.001 s ("2.00 s") reads "+0.50 s", not the "+0.501 s" of the unrounded values.
     */
    public static String difference(double from, double to) {
        if (Double.isNaN(from) || Double.isNaN(to)) {
            return DASH;
        }
        // In whole microseconds, the finest digit shown: exact, so a half step rounds the same way every time.
        long step = Math.max(stepMicros(from), stepMicros(to));
        long diff = shownMicros(to) - shownMicros(from);
        long steps = (Math.abs(diff) + step / 2) / step; // half a step away from zero, as the figures round
        if (steps == 0) {
            return at(0, step / 1e6);
        }
        return (diff > 0 ? "+" : "−") + at(steps * step / 1e6, step / 1e6);
    }

    /** {@code s} rounded as {@link #seconds} shows it. */
    public static double shown(double s) {
        if (Double.isNaN(s) || s == 0) {
            return s;
        }
        return shownMicros(s) / 1e6;
    }

    /** {@code s} as shown, in microseconds: read back from its very text, so it is what the class reads. */
    private static long shownMicros(double s) {
        String[] text = seconds(s).replace('−', '-').split(" ");
        int unit = switch (text[1]) {
            case "µs" -> 0;
            case "ms" -> 3;
            default -> 6;
        };
        return new java.math.BigDecimal(text[0]).movePointRight(unit).longValueExact();
    }

    private static long stepMicros(double s) {
        return Math.round(step(s) * 1e6);
    }

    /**
     * The step of the last digit {@link #seconds} shows for {@code s}, in seconds. The bounds sit where rounding
     * would carry into the next unit (0.0009996 s reads "1.00 ms", not "1000 µs").
     */
    private static double step(double s) {
        double a = Math.abs(s);
        if (a < 0.0009995) {
            return 1e-6;
        }
        if (a < 0.009995) {
            return 1e-5;
        }
        if (a < 0.09995) {
            return 1e-4;
        }
        if (a < 0.9995) {
            return 1e-3;
        }
        if (a < 99.995) {
            return 1e-2;
        }
        return 1;
    }

    /** {@code s} written with the unit and digits of {@code step}. */
    private static String at(double s, double step) {
        if (step <= 1e-6) {
            return String.format(Locale.ROOT, "%.0f µs", s * 1e6);
        }
        if (step <= 1e-5) {
            return String.format(Locale.ROOT, "%.2f ms", s * 1e3);
        }
        if (step <= 1e-4) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1e3);
        }
        if (step <= 1e-3) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        if (step <= 1e-2) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    /**
     * The run's CPU time told apart: "tasks 42.1 ms + runtime 0.528 s" — the tasks' own code, and the runtime's
     * work around them (creating threads and processes, JIT, GC, start-up). A part that is unknown says why
     * instead of a number: "tasks and runtime not told apart (…)", "tasks 12.0 ms + runtime — (…)".
     */
    public static String cpuSplit(RunFigures f) {
        RunFigures.CpuSplit c = f.cpuSplit();
        if (!c.tasksKnown()) {
            return "tasks and runtime not told apart (" + c.unknownReason() + ")";
        }
        if (f.traced()) {
            return "all of it the program's own threads";
        }
        return "tasks " + seconds(c.taskSeconds()) + " + runtime "
                + (c.runtimeKnown() ? seconds(c.runtimeSeconds()) : DASH + " (" + c.unknownReason() + ")");
    }

    /**
     * The CPU time for a line that has little room (a slide's run header): "CPU tasks 0.600 s + runtime 3.10 ms",
     * "CPU tasks 12.0 ms + runtime —", or "CPU 0.570 s (tasks' share unknown)".
     */
    public static String cpuShort(RunFigures f) {
        RunFigures.CpuSplit c = f.cpuSplit();
        if (!c.tasksKnown()) {
            return "CPU " + seconds(f.cpuSeconds()) + " (tasks' share unknown)";
        }
        if (f.traced()) {
            return "CPU " + seconds(c.taskSeconds()) + " (all the program's threads)";
        }
        return "CPU tasks " + seconds(c.taskSeconds()) + " + runtime " + (c.runtimeKnown() ? seconds(c.runtimeSeconds()) : DASH);
    }

    /** The tasks' own CPU time alone, for the least room: "task CPU 0.600 s", or "CPU 0.570 s" where unknown. */
    public static String cpuTight(RunFigures f) {
        RunFigures.CpuSplit c = f.cpuSplit();
        return c.tasksKnown() ? "task CPU " + seconds(c.taskSeconds()) : "CPU " + seconds(f.cpuSeconds());
    }

    /** What "runtime" CPU time is, for where it is named first (the command line, the run file's readers). */
    public static final String RUNTIME_WORK = "creating threads and processes, scheduling, JIT, GC, start-up";

    /** The tasks' own CPU time for a table cell: "42.1 ms", or a dash where it was not measured. */
    public static String taskCpuCell(RunFigures f) {
        return f.cpuSplit().tasksKnown() ? seconds(f.cpuSplit().taskSeconds()) : DASH;
    }

    /** The runtime's CPU time for a table cell: "0.528 s", or a dash where it cannot be told apart. */
    public static String runtimeCpuCell(RunFigures f) {
        return f.cpuSplit().runtimeKnown() ? seconds(f.cpuSplit().runtimeSeconds()) : DASH;
    }

    /** "×1.80", "×12.3", "×8120": three significant digits, no more; a dash when there is none. */
    public static String ratio(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return DASH;
        }
        double a = Math.abs(x);
        String f = a < 9.995 ? "%.2f" : a < 99.95 ? "%.1f" : "%.0f";
        return "×" + String.format(Locale.ROOT, f, x);
    }

    /**
     * What drawing the run live cost the window, from the run's conditions: "Window drawing used 0.12 s CPU
     * during this run (10 % of one CPU)." Empty for a run no window drew (the command line, older files).
     */
    public static String windowCpu(Trace t) {
        RunConditions c = t.conditions();
        if (!c.windowKnown()) {
            return "";
        }
        String share = t.wallNanos() > 0 ? " (" + percent(c.windowCpuNanos() / (double) t.wallNanos()) + " of one CPU)" : "";
        return "Window drawing used " + nanos(c.windowCpuNanos()) + " CPU during this run" + share + ".";
    }

    /** "44 %"; a dash when there is none. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return DASH;
        }
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    /** "×1.80 vs sequential", "×1.95 vs total work", or "— (run cancelled)", "— (past the limit of 2 cores: …)". */
    public static String speedup(RunFigures f) {
        if (!f.hasSpeedup()) {
            return DASH + " (" + f.noSpeedupReason() + ")";
        }
        return ratio(f.speedup()) + " " + f.baseline().label();
    }

    /** "44 %", or "— (run cancelled)", "— (calibration drift: …)": never above 100 %. */
    public static String efficiency(RunFigures f) {
        if (!f.hasEfficiency()) {
            return DASH + " (" + f.noEfficiencyReason() + ")";
        }
        return percent(f.efficiency());
    }

    /**
     * What the speedup was measured against and why, for a caption, a tooltip or the command line:
     * "the sequential run of 14:02:11 (2.01 s, Java, 2 cores, other programs 3 %)", "its tasks' measured CPU
     * time (2.00 s): the sequential run was measured while …", or "" when there is no speedup.
     */
    public static String baseline(RunFigures f) {
        if (!f.hasSpeedup()) {
            return "";
        }
        if (f.baseline() == RunBaseline.Kind.SEQUENTIAL_RUN) {
            RunBaseline.Reference r = f.baselineRun();
            if (r.self()) {
                return "itself: a sequential run is the baseline of its workload";
            }
            String when = r.startedAt() == null ? "" : " of " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss",
                    Locale.ROOT).withZone(java.time.ZoneId.systemDefault()).format(r.startedAt());
            return "the sequential run" + when + " (" + seconds(r.wallSeconds()) + ", " + r.runtime() + ", "
                    + MachineInfo.count(r.usableCores(), "core")
                    + (Double.isNaN(r.otherLoad()) ? "" : ", other programs " + percent(r.otherLoad())) + ")";
        }
        String work = "its tasks' measured CPU time (" + seconds(f.baselineSeconds()) + ")";
        return f.baselineWhy().isEmpty() ? work : work + ": no fair sequential run, " + f.baselineWhy();
    }

    /** A short tag for a drift, for beside a figure: "calibration drift", "process start-up", or "". */
    public static String driftTag(RunFigures f) {
        RunFigures.Drift d = f.drift();
        return !d.detected() ? "" : d.processWarmUp() ? "process start-up" : "calibration drift";
    }

    /**
     * True when a completed run's speedup is withheld for a reason a class should see (past the physical
     * limit, or no fair sequential run), rather than simply never measured.
     */
    public static boolean speedupWithheld(RunFigures f) {
        return !f.hasSpeedup() && f.status() == TaskStatus.COMPLETED && !f.noSpeedupReason().isEmpty()
                && !f.noSpeedupReason().startsWith("no sequential run");
    }

    /** "×1.80 vs sequential", or a dash with the reason's first clause: "— (past the limit of 2 cores)". */
    public static String speedupShort(RunFigures f) {
        if (f.hasSpeedup()) {
            return speedup(f);
        }
        String reason = f.noSpeedupReason();
        int colon = reason.indexOf(':');
        return DASH + " (" + (colon > 0 ? reason.substring(0, colon) : reason) + ")";
    }

    /** The speedup alone for a table cell: "×1.80", or a dash. */
    public static String speedupCell(RunFigures f) {
        return f.hasSpeedup() ? ratio(f.speedup()) : DASH;
    }

    /** The ideal wall time and what bounds it: "ideal 2.00 s (2 tasks at a time)". */
    public static String ideal(RunFigures f) {
        if (f.traced()) {
            return "ideal " + DASH + " (nothing was asked of a traced program)";
        }
        return "ideal " + seconds(f.idealSeconds()) + " (" + atATime(f) + ")";
    }

    /**
     * The cores a run could use — the machine's CPUs narrowed by affinity, a container quota or a core limit
     * — with the CPUs it was pinned to: "2 cores", "1 core (CPU 1)", "2 cores (CPUs 0,2)"; "? cores" for a
     * machine no one has (a crafted run file). Every title, header, table and export says it in these words.
     * It is not how many tasks ran at once: that is {@link #atATime}.
     */
    public static String cores(MachineInfo m) {
        if (!m.plausible()) {
            return "? cores";
        }
        String cores = MachineInfo.count(m.usableCores(), "core");
        List<Integer> pinned = m.pinnedCpus();
        if (pinned.isEmpty()) {
            return cores;
        }
        return cores + " (" + (pinned.size() == 1 ? "CPU " : "CPUs ") + CpuList.format(pinned) + ")";
    }

    /**
     * How many tasks could run at once, the divisor of the ideal time: "1 task at a time" for a sequential run
     * even on 2 cores, "2 tasks at a time" for threads on 2 cores, one under a GIL, every waiting task for sleep.
     */
    public static String atATime(RunFigures f) {
        return f.usableCores() + (f.usableCores() == 1 ? " task" : " tasks") + " at a time";
    }

    /**
     * A sentence about compute tasks whose CPU time was off, or "" when none: "Calibration drift: 3 of 4
     * compute tasks used less CPU time than asked (up to 28 % less); machine busy: … The next run
     * recalibrates." When only the first tasks of new worker processes were slower, it says so instead
     * ("Process start-up: …"): the calibration was right.
     */
    public static String drift(RunFigures f) {
        RunFigures.Drift d = f.drift();
        if (!d.detected()) {
            return "";
        }
        String what;
        if (d.tasksOff() > 0) {
            double off = d.worstRatio() - 1;
            what = String.format(Locale.ROOT, "%d of %d compute tasks used %s CPU time than asked (up to %.0f %% %s)",
                    d.tasksOff(), d.tasksChecked(), off < 0 ? "less" : "more", Math.abs(off) * 100,
                    off < 0 ? "less" : "more");
        } else {
            what = "the run finished more than 10 % before its ideal time, so its tasks did less work than asked";
        }
        if (d.processWarmUp()) {
            return "Process start-up: " + what + "; " + d.why() + ", a cost of starting a process (the calibration "
                    + "holds).";
        }
        return "Calibration drift: " + what + "; " + d.why() + ". The next run recalibrates.";
    }

    /**
     * "2 of its threads ran on different CPUs at the same moment for 0.480 s of its 1.90 s (25 %); threads of one
     * process 0 s", or "its threads never ran on two CPUs at the same moment": {@link Overlap} in words, for a run of
     * {@code wallNanos}.
     */
    public static String overlap(Overlap o, long wallNanos) {
        if (o.runningNanos() == 0) {
            return "none of its threads was seen running on a CPU";
        }
        if (o.parallelNanos() == 0) {
            return "its threads never ran on two CPUs at the same moment: one at a time, "
                    + nanos(o.runningNanos()) + " in all";
        }
        String head = (o.mostAtOnce() == 2 ? "2" : "up to " + o.mostAtOnce()) + " of its threads ran on different "
                + "CPUs at the same moment for " + nanos(o.parallelNanos()) + " of its " + nanos(wallNanos) + " ("
                + percent(Overlap.share(o.parallelNanos(), wallNanos)) + ")";
        if (o.processes() < 2) {
            return head;
        }
        return head + "; threads of one process at the same moment: " + (o.sameProcessNanos() == 0 ? "never"
                : nanos(o.sameProcessNanos()) + " (" + percent(Overlap.share(o.sameProcessNanos(), wallNanos)) + ")");
    }

    /**
     * A traced command as the slide and the lesson card name it: each path by its file name ("python3 two.py" for
     * "/root/.pyenv/versions/3.11.7/bin/python3 /tmp/two.py"); the run file keeps it whole.
     */
    public static String shortCommand(String command) {
        StringBuilder b = new StringBuilder();
        for (String word : command.trim().split("\\s+")) {
            String quote = word.startsWith("'") || word.startsWith("\"") ? word.substring(0, 1) : "";
            int slash = word.lastIndexOf('/');
            String shown = slash >= 0 && slash < word.length() - 1 ? quote + word.substring(slash + 1) : word;
            b.append(b.isEmpty() ? "" : " ").append(shown);
        }
        return b.toString();
    }
}
